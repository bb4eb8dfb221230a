package org.batteryledger.app.web.trace;

import java.util.List;

/** A unit's trace as the trace page shows it. */
record TraceView(String code, String status, String tier, List<Step> timeline, List<Custody> custody, Node tree) {

    /** One version of the unit: the event that made it, when, by whom, and the state after. */
    record Step(String at, String action, String participant, String status, String holder, String txId) {}

    /** One holder in turn, from the first version it held the unit. */
    record Custody(String holder, String since) {}

    /** The unit and its parts: pack → modules → cells. */
    record Node(String code, String level, String status, List<Node> children) {}
}
