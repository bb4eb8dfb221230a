package org.batteryledger.app.readmodel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.ChaincodeEvent;
import org.batteryledger.chaincode.event.LedgerEvent;
import org.batteryledger.chaincode.event.Replayed;
import org.batteryledger.chaincode.event.Transition;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.recycling.RecyclingBatch;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.LastEvent;
import org.batteryledger.chaincode.unit.Vehicle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;

/**
 * Writes one block's events as rows, inside the caller's transaction: upserts from the
 * after-states the events carry, one timeline row per changed unit. Knows no rule of the
 * contract; it copies what the ledger decided.
 */
final class BlockWriter {
    /** Tolerant of fields a newer contract adds: the read model keeps working, and they stay in the JSON. */
    private static final ObjectReader EVENTS = Json.mapper().readerFor(LedgerEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final String UNIT = "MERGE INTO rm_unit (code, level, form, manufacturer_code, battery_type, status,"
            + " eu_status, holder, responsible, responsible_basis, vin, parent, pending_to, registered_by,"
            + " production_date, registered_at, updated_at, last_action, last_tx_id, last_block, unit_json)"
            + " KEY (code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String EVENT = "INSERT INTO rm_unit_event (block_number, tx_index, code, tx_id, action,"
            + " from_status, to_status, participant, role, counterparty, occurred_at, recorded_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PARTICIPANT = "MERGE INTO rm_participant (id, name, roles, msp_id, status,"
            + " registered_at, updated_at, participant_json) KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String VEHICLE = "MERGE INTO rm_vehicle (vin, automaker, max_packs, packs, sold_at,"
            + " scrapped_at, scrapped_by, updated_at, vehicle_json) KEY (vin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BATCH = "MERGE INTO rm_recycling_batch (batch_id, recycler, route, input_mass_grams,"
            + " output_mass_grams, recycling_mass_grams, recycling_efficiency_bp, occurred_at, recorded_at, tx_id,"
            + " batch_json) KEY (batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    BlockWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void write(BlockEvents block) {
        List<Object[]> units = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        List<Object[]> participants = new ArrayList<>();
        List<Object[]> vehicles = new ArrayList<>();
        List<Object[]> batches = new ArrayList<>();
        for (ChaincodeEvent ce : block.events()) {
            if (Replayed.NAME.equals(ce.name())) {
                continue; // a repeated request: nothing changed
            }
            LedgerEvent e = read(ce);
            Map<String, Transition> transitions = new HashMap<>();
            if (e.transitions() != null) {
                e.transitions().forEach(t -> transitions.put(t.code(), t));
            }
            if (e.units() != null) {
                for (BatteryUnit u : e.units()) {
                    units.add(unitRow(u, e, block.blockNumber()));
                    events.add(eventRow(u, e, transitions.get(u.code()), block.blockNumber(), ce.txIndex()));
                }
            }
            if (e.registryEntry() != null) {
                participants.add(participantRow(e.registryEntry()));
            }
            if (e.vehicle() != null) {
                vehicles.add(vehicleRow(e.vehicle()));
            }
            if (e.batch() != null) {
                batches.add(batchRow(e.batch()));
            }
        }
        batch(UNIT, units);
        batch(EVENT, events);
        batch(PARTICIPANT, participants);
        batch(VEHICLE, vehicles);
        batch(BATCH, batches);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }

    private static LedgerEvent read(ChaincodeEvent ce) {
        try {
            return EVENTS.readValue(ce.payload());
        } catch (IOException e) {
            throw new UncheckedIOException("event " + ce.name() + " of tx " + ce.txId() + " in block "
                    + ce.blockNumber() + " is not a LedgerEvent", e);
        }
    }

    private static Object[] unitRow(BatteryUnit u, LedgerEvent e, long block) {
        return new Object[] {u.code(), name(u.level()), name(u.form()), u.manufacturerCode(), u.batteryType(),
            u.status().name(), name(u.euStatus()), u.holder(), u.responsible(), name(u.responsibleBasis()), u.vin(),
            u.parent(), u.pendingHandover() == null ? null : u.pendingHandover().to(), u.registeredBy(),
            u.productionDate(), ts(u.registeredAt()), ts(u.updatedAt()), e.type(), e.txId(), block, Json.string(u)};
    }

    private static Object[] eventRow(BatteryUnit u, LedgerEvent e, @Nullable Transition t, long block, int txIndex) {
        // No transition: the status did not change (custody, binding, test, ...).
        String from = t == null ? u.status().name() : name(t.from());
        LastEvent stamp = u.lastEvent();
        String counterparty = stamp != null && e.txId().equals(stamp.txId()) ? stamp.counterparty() : null;
        Instant occurred = e.occurredAt() == null ? e.recordedAt() : e.occurredAt();
        return new Object[] {block, txIndex, u.code(), e.txId(), e.type(), from, u.status().name(), e.participant(),
            e.role(), counterparty, ts(occurred), ts(e.recordedAt())};
    }

    private static Object[] participantRow(Participant p) {
        return new Object[] {p.id(), p.name(), String.join(",", p.roles().stream().map(Enum::name).toList()),
            p.mspId(), p.status().name(), ts(p.registeredAt()), ts(p.updatedAt()), Json.string(p)};
    }

    private static Object[] vehicleRow(Vehicle v) {
        return new Object[] {v.vin(), v.automaker(), v.maxPacks(), String.join(",", v.packs()), ts(v.soldAt()),
            ts(v.scrappedAt()), v.scrappedBy(), ts(v.updatedAt()), Json.string(v)};
    }

    private static Object[] batchRow(RecyclingBatch b) {
        return new Object[] {b.batchId(), b.recycler(), b.route().name(), b.inputMassGrams(), b.outputMassGrams(),
            b.recyclingMassGrams(), b.recyclingEfficiencyBasisPoints(), ts(b.occurredAt()), ts(b.recordedAt()),
            b.txId(), Json.string(b)};
    }

    @Nullable
    private static String name(@Nullable Enum<?> value) {
        return value == null ? null : value.name();
    }

    @Nullable
    static OffsetDateTime ts(@Nullable Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
