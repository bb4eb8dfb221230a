package org.batteryledger.chaincode.lifecycle;

import static org.batteryledger.chaincode.unit.Status.AT_CASCADE_OPERATOR;
import static org.batteryledger.chaincode.unit.Status.AT_RECYCLER;
import static org.batteryledger.chaincode.unit.Status.CASCADE_PRODUCED;
import static org.batteryledger.chaincode.unit.Status.COLLECTED;
import static org.batteryledger.chaincode.unit.Status.CONSUMED_INTO_SUCCESSOR;
import static org.batteryledger.chaincode.unit.Status.INSTALLED;
import static org.batteryledger.chaincode.unit.Status.IN_SECOND_USE;
import static org.batteryledger.chaincode.unit.Status.IN_STOCK;
import static org.batteryledger.chaincode.unit.Status.IN_USE;
import static org.batteryledger.chaincode.unit.Status.PRODUCED;
import static org.batteryledger.chaincode.unit.Status.RECYCLED;
import static org.batteryledger.chaincode.unit.Status.REMOVED;
import static org.batteryledger.chaincode.unit.Status.TESTED;
import static org.batteryledger.chaincode.unit.Status.WASTE;

import java.util.EnumMap;
import java.util.Map;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.EuStatus;
import org.batteryledger.chaincode.unit.Status;

/**
 * The state machine of domain.md §6.2: for each action, the states it may start from and the
 * state it leads to. Nothing starts from RECYCLED or CONSUMED_INTO_SUCCESSOR, so terminal states
 * stay terminal. Which role may take an action is {@link Action}'s business, not this table's.
 */
public final class Lifecycle {
    private static final Map<Action, Map<Status, Status>> MOVES = new EnumMap<>(Action.class);
    /** While an offer is open the unit is frozen: only these act on it (and the EU id, which moves nothing). */
    private static final java.util.Set<Action> ANSWERS = java.util.EnumSet.of(Action.ACCEPT_HANDOVER,
            Action.REJECT_HANDOVER, Action.CANCEL_HANDOVER, Action.ATTACH_EU_ID);

    static {
        move(Action.SHIP, PRODUCED, IN_STOCK);
        move(Action.SHIP, CASCADE_PRODUCED, IN_SECOND_USE); // CASCADE_SHIPPED (溯源规定 Art. 14)
        move(Action.INSTALL, IN_STOCK, INSTALLED);
        move(Action.SELL, INSTALLED, IN_USE);
        move(Action.REPAIR, IN_USE, IN_USE);
        move(Action.REPLACE, IN_USE, REMOVED);
        move(Action.REPLACE, INSTALLED, REMOVED);
        move(Action.SWAP, IN_USE, REMOVED);
        // The pack stays in the scrapped vehicle until the dismantler removes it.
        move(Action.SCRAP_VEHICLE, IN_USE, IN_USE);
        move(Action.SCRAP_VEHICLE, INSTALLED, INSTALLED);
        move(Action.REMOVE, IN_USE, REMOVED);
        move(Action.REMOVE, INSTALLED, REMOVED);
        move(Action.REMOVE, IN_SECOND_USE, REMOVED); // retired from second use
        move(Action.COLLECT, REMOVED, COLLECTED); // 回收入库
        move(Action.TEST, AT_CASCADE_OPERATOR, TESTED);
        move(Action.TEST, TESTED, TESTED);
        move(Action.REPURPOSE, TESTED, CONSUMED_INTO_SUCCESSOR);
        for (Status s : new Status[] {REMOVED, COLLECTED, AT_CASCADE_OPERATOR, TESTED}) {
            move(Action.DECLARE_WASTE, s, WASTE);
        }
        for (Status s : new Status[] {REMOVED, COLLECTED, AT_CASCADE_OPERATOR, TESTED, WASTE, AT_RECYCLER}) {
            move(Action.DISMANTLE, s, s);
        }
        for (Status s : new Status[] {IN_STOCK, REMOVED, COLLECTED, AT_CASCADE_OPERATOR, TESTED, WASTE, AT_RECYCLER,
                CASCADE_PRODUCED}) {
            move(Action.OFFER_HANDOVER, s, s);
            move(Action.ACCEPT_HANDOVER, s, s); // refined by receipt(), below
            move(Action.REJECT_HANDOVER, s, s);
            move(Action.CANCEL_HANDOVER, s, s);
        }
        move(Action.RECORD_RECYCLING, AT_RECYCLER, RECYCLED);
        for (Status s : new Status[] {PRODUCED, IN_STOCK, CASCADE_PRODUCED}) {
            move(Action.BIND_CHILDREN, s, s);
        }
        for (Status s : Status.values()) {
            if (!s.isTerminal()) {
                move(Action.ATTACH_EU_ID, s, s);
            }
        }
    }

    private Lifecycle() {}

    private static void move(Action action, Status from, Status to) {
        MOVES.computeIfAbsent(action, a -> new EnumMap<>(Status.class)).put(from, to);
    }

    /** Whether the action may start from this state. */
    public static boolean allows(Action action, Status from) {
        return MOVES.getOrDefault(action, Map.of()).containsKey(from);
    }

    /** Not ended, not inside another unit, not offered to anyone: free to be moved. */
    public static void requireFree(BatteryUnit unit) {
        if (unit.status().isTerminal()) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "unit %s is %s, a terminal state", unit.code(),
                    unit.status());
        }
        if (unit.isContained()) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "unit %s is inside %s and moves with it",
                    unit.code(), unit.parent());
        }
        if (unit.pendingHandover() != null) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "unit %s has a pending handover to %s", unit.code(),
                    unit.pendingHandover().to());
        }
    }

    /** The state after the action, or ILLEGAL_TRANSITION naming where the action may start. */
    public static Status next(BatteryUnit unit, Action action) {
        if (unit.status().isTerminal()) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "unit %s is %s, a terminal state; %s is not possible",
                    unit.code(), unit.status(), action);
        }
        if (unit.isContained() && action != Action.ATTACH_EU_ID) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION,
                    "unit %s is inside %s and moves with it; dismantle %s first", unit.code(), unit.parent(),
                    unit.parent());
        }
        if (unit.pendingHandover() != null && !ANSWERS.contains(action)) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION,
                    "unit %s has a pending handover to %s; it must be accepted, rejected or cancelled first", unit.code(),
                    unit.pendingHandover().to());
        }
        Map<Status, Status> moves = MOVES.getOrDefault(action, Map.of());
        Status to = moves.get(unit.status());
        if (to == null) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "cannot %s unit %s in state %s (allowed from %s)",
                    action, unit.code(), unit.status(), moves.keySet());
        }
        return to;
    }

    /**
     * The state a unit takes when a handover is accepted, by the role the receiver acts in:
     * receipt at a recycler (接收入库, 溯源规定 Art. 15), at a cascade operator, or at a collection
     * point (回收入库, Art. 11). Other receivers leave the state as it was.
     */
    public static Status receipt(BatteryUnit unit, Role receiverRole) {
        Status s = unit.status();
        return switch (receiverRole) {
            case RECYCLER -> AT_RECYCLER;
            case CASCADE_OPERATOR -> s == REMOVED || s == COLLECTED ? AT_CASCADE_OPERATOR : s;
            case COLLECTION_POINT -> s == REMOVED ? COLLECTED : s;
            default -> s;
        };
    }

    /** Whether a receiver acting in this role may take a unit in its current state at all. */
    public static void requireReceivable(BatteryUnit unit, Role receiverRole) {
        Status s = unit.status();
        boolean ok = switch (s) {
            // A unit at a cascade operator goes on to another operator or to recycling; one at a
            // recycler only to another recycler. Otherwise its state would name the wrong holder.
            case AT_CASCADE_OPERATOR, TESTED -> receiverRole == Role.CASCADE_OPERATOR || receiverRole == Role.RECYCLER;
            case AT_RECYCLER -> receiverRole == Role.RECYCLER;
            default -> receiverRole != Role.CASCADE_OPERATOR || s == REMOVED || s == COLLECTED || s == CASCADE_PRODUCED;
        };
        if (!ok) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "a %s cannot receive unit %s in state %s",
                    receiverRole, unit.code(), s);
        }
    }

    /**
     * The EU passport status after a change (EU 2023/1542 Annex XIII 4(c)): waste once declared or
     * received by a recycler; re-used when a removed pack goes back into a vehicle. Repurposed and
     * remanufactured are set on the successor at its creation.
     */
    public static EuStatus euStatus(BatteryUnit unit, Status next, boolean reinstalled) {
        if (next == WASTE || next == AT_RECYCLER) {
            return EuStatus.WASTE;
        }
        if (reinstalled && unit.euStatus() == EuStatus.ORIGINAL) {
            return EuStatus.REUSED;
        }
        return unit.euStatus();
    }
}
