package org.batteryledger.chaincode.tx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.access.Caller;
import org.batteryledger.chaincode.event.LedgerEvent;
import org.batteryledger.chaincode.event.Transition;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.participant.Participants;
import org.batteryledger.chaincode.recycledcontent.RecycledContentDeclaration;
import org.batteryledger.chaincode.recycling.RecyclingBatch;
import org.batteryledger.chaincode.state.TxState;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.LastEvent;
import org.batteryledger.chaincode.unit.Status;
import org.batteryledger.chaincode.unit.Units;
import org.batteryledger.chaincode.unit.Vehicle;
import org.batteryledger.chaincode.unit.Vehicles;

/**
 * Everything a domain step needs for one write: who, when, the stores, and a recorder of what
 * changed, from which the transaction's single event is built. Time is the transaction's
 * timestamp, never the clock, so every endorsing peer computes the same result.
 */
public final class TxContext {
    private final Action action;
    private final String txId;
    private final Instant now;
    private final Instant occurredAt;
    private final Caller caller;
    private final TxState state;
    private final Units units;
    private final Participants participants;
    private final Vehicles vehicles;

    private final Map<String, BatteryUnit> changed = new TreeMap<>();
    private final Map<String, Status> firstStatus = new LinkedHashMap<>();
    private final Map<String, String> details = new TreeMap<>();
    private Vehicle vehicle;
    private Participant registryEntry;
    private RecyclingBatch batch;
    private RecycledContentDeclaration recycledContent;

    TxContext(Action action, String txId, Instant now, Instant occurredAt, Caller caller, TxState state,
            Participants participants) {
        this.action = action;
        this.txId = txId;
        this.now = now;
        this.occurredAt = occurredAt;
        this.caller = caller;
        this.state = state;
        this.participants = participants;
        this.units = new Units(state);
        this.vehicles = new Vehicles(state);
    }

    public Action action() { return action; }
    public String txId() { return txId; }
    public Instant now() { return now; }
    public Instant occurredAt() { return occurredAt; }
    public Caller caller() { return caller; }
    public TxState state() { return state; }
    public Units units() { return units; }
    public Participants participants() { return participants; }
    public Vehicles vehicles() { return vehicles; }

    /** The provenance stamp for a unit version made by this transaction. */
    public LastEvent stamp(String counterparty) {
        return new LastEvent(action.name(), txId, now, occurredAt, caller.participantId(), caller.role().name(),
                counterparty);
    }

    /**
     * Stores a unit version and records it for the event. A unit's contents move with it
     * (domain.md §6.2): when its state, custody or responsibility changes, the units still
     * inside it take the same, down to the cells.
     */
    public void save(BatteryUnit before, BatteryUnit after) {
        units.put(before, after);
        firstStatus.putIfAbsent(after.code(), before == null ? null : before.status());
        changed.put(after.code(), after);
        if (before != null && !after.children().isEmpty() && Containment.moved(before, after)) {
            for (String code : after.children()) {
                BatteryUnit child = units.require(code);
                if (after.code().equals(child.parent()) && Containment.differs(after, child)) {
                    save(child, Containment.follow(child, after, stamp(null)));
                }
            }
        }
    }

    public void saveVehicle(Vehicle v) {
        vehicles.put(v);
        vehicle = v;
    }

    public void recordParticipant(Participant p) {
        registryEntry = p;
    }

    public void recordBatch(RecyclingBatch b) {
        batch = b;
    }

    public void recordRecycledContent(RecycledContentDeclaration d) {
        recycledContent = d;
    }

    public void detail(String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    LedgerEvent event(String clientEventId) {
        List<Transition> transitions = new ArrayList<>();
        for (var e : new TreeMap<>(firstStatus).entrySet()) {
            Status to = changed.get(e.getKey()).status();
            if (e.getValue() != to) {
                transitions.add(new Transition(e.getKey(), e.getValue(), to));
            }
        }
        return new LedgerEvent(action.name(), txId, now, occurredAt, caller.participantId(), caller.role().name(),
                caller.mspId(), clientEventId, List.copyOf(changed.keySet()), transitions,
                List.copyOf(changed.values()), vehicle, registryEntry, batch, details.isEmpty() ? null : details,
                recycledContent);
    }

    List<String> changedCodes() {
        return List.copyOf(changed.keySet());
    }
}
