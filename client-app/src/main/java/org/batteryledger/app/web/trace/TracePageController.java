package org.batteryledger.app.web.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.batteryledger.app.api.Readers;
import org.batteryledger.app.web.Page;
import org.batteryledger.app.web.Participants;
import org.batteryledger.chaincode.Transactions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The trace of a unit for regulators and any signed-in user: its events, who held it in turn, and
 * its parts. Read from the ledger in the caller's tier, so a company without legitimate interest
 * sees the timeline without holders, as the contract decides.
 */
@Controller
@Page
class TracePageController {
    /** Pack → module → cell is three levels; a deeper tree would be a data error, not a battery. */
    private static final int MAX_DEPTH = 3;
    /** Enough for any unit's life; a longer history is cut and says so. */
    private static final int HISTORY_PAGE = 1000;

    private final Readers readers;
    private final Participants participants;

    TracePageController(Readers readers, Participants participants) {
        this.readers = readers;
        this.participants = participants;
    }

    @GetMapping("/trace")
    String trace(@RequestParam(required = false) String code, Model model) {
        model.addAttribute("names", participants.names());
        if (code == null || code.isBlank()) {
            return "trace";
        }
        code = code.trim().toUpperCase(Locale.ROOT);
        JsonNode unit = readers.evaluate(Transactions.GET_UNIT, code);
        JsonNode history = readers.evaluate(Transactions.GET_HISTORY, code, Integer.toString(HISTORY_PAGE), "");
        List<TraceView.Step> timeline = new ArrayList<>();
        for (JsonNode h : history.path("items")) {
            JsonNode v = h.path("unit");
            JsonNode last = v.path("lastEvent");
            timeline.add(new TraceView.Step(when(text(last, "occurredAt", text(h, "timestamp", null))),
                    text(last, "action", null), text(last, "participant", null), text(v, "status", null),
                    text(v, "holder", null), text(h, "txId", null)));
        }
        List<TraceView.Step> oldestFirst = new ArrayList<>(timeline);
        java.util.Collections.reverse(oldestFirst);
        List<TraceView.Custody> custody = new ArrayList<>();
        for (TraceView.Step s : oldestFirst) {
            if (s.holder() != null && (custody.isEmpty()
                    || !Objects.equals(custody.get(custody.size() - 1).holder(), s.holder()))) {
                custody.add(new TraceView.Custody(s.holder(), s.at()));
            }
        }
        model.addAttribute("trace", new TraceView(code, text(unit, "status", null), text(unit, "tier", null),
                timeline, custody, node(code, unit, 1)));
        model.addAttribute("historyCut", !history.path("bookmark").asText("").isEmpty());
        model.addAttribute("code", code);
        return "trace";
    }

    private TraceView.Node node(String code, JsonNode unit, int depth) {
        List<TraceView.Node> children = new ArrayList<>();
        if (depth < MAX_DEPTH) {
            for (JsonNode child : unit.path("children")) {
                JsonNode c = readers.evaluate(Transactions.GET_UNIT, child.asText());
                children.add(node(child.asText(), c, depth + 1));
            }
        }
        return new TraceView.Node(code, text(unit, "level", null), text(unit, "status", null), children);
    }

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** An instant as a person reads it, to the second; left as given if it is not an instant. */
    static String when(String instant) {
        if (instant == null) {
            return null;
        }
        try {
            return WHEN.format(java.time.Instant.parse(instant));
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }

    private static String text(JsonNode n, String field, String otherwise) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? otherwise : v.asText();
    }
}
