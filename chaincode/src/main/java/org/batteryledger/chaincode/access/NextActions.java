package org.batteryledger.chaincode.access;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.batteryledger.chaincode.lifecycle.Lifecycle;
import org.batteryledger.chaincode.unit.BatteryUnit;

/**
 * The writes a caller could make on a unit now, from the same rules the writes enforce: the role
 * table, the state machine, custody and the pending offer. A scanning app shows these as buttons;
 * the write itself still decides (certifications and vehicle facts are checked there).
 */
public final class NextActions {
    /** Writes that act on one unit; registration and registry writes are not offered on a scan. */
    private static final Set<Action> ON_UNIT = EnumSet.of(Action.SHIP, Action.INSTALL, Action.SELL, Action.REPAIR,
            Action.REPLACE, Action.SWAP, Action.SCRAP_VEHICLE, Action.REMOVE, Action.COLLECT, Action.TEST,
            Action.REPURPOSE, Action.DECLARE_WASTE, Action.DISMANTLE, Action.OFFER_HANDOVER, Action.ACCEPT_HANDOVER,
            Action.REJECT_HANDOVER, Action.CANCEL_HANDOVER, Action.RECORD_RECYCLING, Action.ATTACH_EU_ID,
            Action.BIND_CHILDREN);
    /** Writes a non-holder may make: work on a vehicle it services, or scrap one it received. */
    private static final Set<Action> WITHOUT_CUSTODY = EnumSet.of(Action.REPAIR, Action.REPLACE, Action.SWAP,
            Action.SCRAP_VEHICLE, Action.ATTACH_EU_ID, Action.ACCEPT_HANDOVER, Action.REJECT_HANDOVER);

    private NextActions() {}

    public static List<Action> of(Caller caller, BatteryUnit unit) {
        List<Action> out = new ArrayList<>();
        if (caller == null || !caller.participant().isActive() || unit.status().isTerminal()) {
            return out;
        }
        String me = caller.participantId();
        for (Action a : ON_UNIT) {
            if (!a.allows(caller.role()) || !Lifecycle.allows(a, unit.status())) {
                continue;
            }
            boolean ok = switch (a) {
                case ACCEPT_HANDOVER, REJECT_HANDOVER -> unit.pendingHandover() != null
                        && unit.pendingHandover().to().equals(me);
                case CANCEL_HANDOVER -> unit.pendingHandover() != null && unit.holder().equals(me);
                case ATTACH_EU_ID -> unit.euUniqueId() == null
                        && (unit.registeredBy().equals(me) || unit.responsible().equals(me));
                case BIND_CHILDREN -> unit.registeredBy().equals(me) && unit.pendingHandover() == null
                        && !unit.isContained();
                default -> unit.pendingHandover() == null && !unit.isContained()
                        && (WITHOUT_CUSTODY.contains(a) || unit.holder().equals(me));
            };
            if (ok) {
                out.add(a);
            }
        }
        return out;
    }
}
