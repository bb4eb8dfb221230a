package org.batteryledger.chaincode.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.recycledcontent.RecycledContentDeclaration;
import org.batteryledger.chaincode.recycling.RecyclingBatch;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.Vehicle;

/**
 * The one chaincode event of a write, named by {@link org.batteryledger.chaincode.access.Action#eventName()}.
 * It carries the full after-state of everything the transaction changed, so an off-chain read
 * model applies it as upserts and stays exact without reading the ledger back.
 *
 * @param type the action (e.g. {@code SHIP})
 * @param codes every unit code the transaction changed, sorted
 * @param transitions status changes, for counting flows
 * @param units the new version of every changed unit
 * @param details small facts that are not state (e.g. a rejection reason)
 * @param recycledContent the declaration a DECLARE_RECYCLED_CONTENT write recorded
 */
public record LedgerEvent(
        String type,
        String txId,
        Instant recordedAt,
        Instant occurredAt,
        String participant,
        String role,
        String mspId,
        String clientEventId,
        List<String> codes,
        List<Transition> transitions,
        List<BatteryUnit> units,
        Vehicle vehicle,
        Participant registryEntry,
        RecyclingBatch batch,
        Map<String, String> details,
        RecycledContentDeclaration recycledContent) {}
