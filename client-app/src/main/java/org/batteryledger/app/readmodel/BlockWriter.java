package org.batteryledger.app.readmodel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.ChaincodeEvent;
import org.batteryledger.chaincode.event.LedgerEvent;
import org.batteryledger.chaincode.event.Replayed;
import org.batteryledger.chaincode.event.Transition;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.recycling.Element;
import org.batteryledger.chaincode.recycling.RecyclingBatch;
import org.batteryledger.chaincode.recycling.RecyclingInput;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.LastEvent;
import org.batteryledger.chaincode.unit.UnitSpec;
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
            + " production_date, registered_at, updated_at, last_action, last_tx_id, last_block, unit_json,"
            + " eu_unique_id, mass_grams, passport_gaps)"
            + " KEY (code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Placing on the market: the first shipment or installation (EU 2023/1542 Art. 77(1)); kept once set. */
    private static final String PLACED = "UPDATE rm_unit SET placed_at = ? WHERE code = ? AND placed_at IS NULL";
    private static final String BLOCK = "INSERT INTO rm_block (block_number, block_hash, events) VALUES (?, ?, ?)";
    private static final String ELEMENT = "MERGE INTO rm_recycling_element (batch_id, element, input_grams,"
            + " recovered_grams) KEY (batch_id, element) VALUES (?, ?, ?, ?)";
    private static final String INPUT = "MERGE INTO rm_recycling_input (batch_id, code, mass_grams, battery_type)"
            + " KEY (batch_id, code) VALUES (?, ?, ?, ?)";
    private static final String CLOCK = "MERGE INTO rm_clock_day t USING (VALUES (CAST(? AS VARCHAR(64)),"
            + " CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(64)), CAST(? AS DATE), CAST(? AS DATE), CAST(? AS BIGINT),"
            + " CAST(? AS BIGINT))) s(participant, role, action, occurred_day, recorded_day, units, block)"
            + " ON t.participant = s.participant AND t.role = s.role AND t.action = s.action"
            + " AND t.occurred_day = s.occurred_day AND t.recorded_day = s.recorded_day"
            + " WHEN MATCHED THEN UPDATE SET units = t.units + s.units, last_block = s.block"
            + " WHEN NOT MATCHED THEN INSERT (participant, role, action, occurred_day, recorded_day, units,"
            + " first_block, last_block) VALUES (s.participant, s.role, s.action, s.occurred_day, s.recorded_day,"
            + " s.units, s.block, s.block)";
    private static final String FLOW = "MERGE INTO rm_flow_day t USING (VALUES (CAST(? AS VARCHAR(64)),"
            + " CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(64)),"
            + " CAST(? AS VARCHAR(32)), CAST(? AS DATE), CAST(? AS BIGINT), CAST(? AS BIGINT)))"
            + " s(responsible, registered_by, participant, role, action, to_status, occurred_day, units, block)"
            + " ON t.responsible = s.responsible AND t.registered_by = s.registered_by AND t.participant = s.participant"
            + " AND t.role = s.role AND t.action = s.action AND t.to_status = s.to_status"
            + " AND t.occurred_day = s.occurred_day"
            + " WHEN MATCHED THEN UPDATE SET units = t.units + s.units, last_block = s.block"
            + " WHEN NOT MATCHED THEN INSERT (responsible, registered_by, participant, role, action, to_status,"
            + " occurred_day, units, first_block, last_block) VALUES (s.responsible, s.registered_by, s.participant,"
            + " s.role, s.action, s.to_status, s.occurred_day, s.units, s.block, s.block)";
    private static final String STOCK = "MERGE INTO rm_stock t USING (VALUES (CAST(? AS VARCHAR(64)),"
            + " CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(32)), CAST(? AS BOOLEAN), CAST(? AS BOOLEAN),"
            + " CAST(? AS DATE), CAST(? AS BIGINT))) s(responsible, registered_by, status, top_level, pending, since_day,"
            + " units) ON t.responsible = s.responsible AND t.registered_by = s.registered_by AND t.status = s.status"
            + " AND t.top_level = s.top_level AND t.pending = s.pending AND t.since_day = s.since_day"
            + " WHEN MATCHED THEN UPDATE SET units = t.units + s.units"
            + " WHEN NOT MATCHED THEN INSERT (responsible, registered_by, status, top_level, pending, since_day, units)"
            + " VALUES (s.responsible, s.registered_by, s.status, s.top_level, s.pending, s.since_day, s.units)";
    /** since_day of units whose last change is not tracked (neither REMOVED nor pending). */
    static final LocalDate UNTRACKED = LocalDate.EPOCH;
    /** Compliance dates are China's calendar dates (溯源规定 deadlines are counted there). */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final String EVENT = "INSERT INTO rm_unit_event (block_number, tx_index, code, tx_id, action,"
            + " from_status, to_status, participant, role, counterparty, occurred_at, recorded_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PARTICIPANT = "MERGE INTO rm_participant (id, name, roles, msp_id, status,"
            + " registered_at, updated_at, participant_json) KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String VEHICLE = "MERGE INTO rm_vehicle (vin, automaker, max_packs, packs, sold_at,"
            + " scrapped_at, scrapped_by, updated_at, vehicle_json, pack_count) KEY (vin)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BATCH = "MERGE INTO rm_recycling_batch (batch_id, recycler, route, input_mass_grams,"
            + " output_mass_grams, recycling_mass_grams, recycling_efficiency_bp, occurred_at, recorded_at, tx_id,"
            + " batch_json, chemistry, declared_mass_grams) KEY (batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
        List<Object[]> placed = new ArrayList<>();
        List<Object[]> elements = new ArrayList<>();
        List<Object[]> inputs = new ArrayList<>();
        Map<List<Object>, long[]> clocks = new LinkedHashMap<>();
        Map<List<Object>, long[]> flows = new LinkedHashMap<>();
        List<BatteryUnit> changed = new ArrayList<>();
        RecycledContentRows recycledContent = new RecycledContentRows();
        for (ChaincodeEvent ce : block.events()) {
            if (Replayed.NAME.equals(ce.name())) {
                continue; // a repeated request: nothing changed
            }
            LedgerEvent e = read(ce);
            recycledContent.add(e);
            Map<String, Transition> transitions = new HashMap<>();
            if (e.transitions() != null) {
                e.transitions().forEach(t -> transitions.put(t.code(), t));
            }
            if (e.units() != null) {
                for (BatteryUnit u : e.units()) {
                    units.add(unitRow(u, e, block.blockNumber()));
                    events.add(eventRow(u, e, transitions.get(u.code()), block.blockNumber(), ce.txIndex()));
                    if (PLACING.contains(e.type())) {
                        placed.add(new Object[] {ts(occurred(e)), u.code()});
                        recycledContent.placing(u);
                    }
                    changed.add(u);
                    if (u.parent() != null) {
                        continue; // moves with its parent, whose row stands for the transaction
                    }
                    LocalDate occurredDay = day(occurred(e));
                    clocks.computeIfAbsent(List.of(nz(e.participant()), nz(e.role()), e.type(), occurredDay,
                            day(e.recordedAt())), k -> new long[1])[0]++;
                    // The receiver matters only for handovers (its certification); elsewhere rows merge.
                    boolean receipt = "ACCEPT_HANDOVER".equals(e.type());
                    flows.computeIfAbsent(List.of(nz(u.responsible()), nz(u.registeredBy()),
                            receipt ? nz(e.participant()) : "", receipt ? nz(e.role()) : "", e.type(),
                            u.status().name(), occurredDay), k -> new long[1])[0]++;
                }
            }
            if (e.registryEntry() != null) {
                participants.add(participantRow(e.registryEntry()));
            }
            if (e.vehicle() != null) {
                vehicles.add(vehicleRow(e.vehicle()));
            }
            if (e.batch() != null) {
                batches.add(batchRow(e.batch(), declaredMass(e)));
                RecyclingBatch b = e.batch();
                for (Map.Entry<Element, Long> in : b.elementsInput().entrySet()) {
                    Long out = b.elementsRecovered().get(in.getKey());
                    elements.add(new Object[] {b.batchId(), in.getKey().name(), in.getValue(), out == null ? 0L : out});
                }
                for (RecyclingInput in : b.inputs()) {
                    inputs.add(new Object[] {b.batchId(), in.code(), in.massGrams(), in.batteryType()});
                }
            }
        }
        jdbc.update(BLOCK, block.blockNumber(), block.blockHash(), block.events().size());
        List<Object[]> stockRows = stockDeltas(changed);
        batch(UNIT, units);
        batch(EVENT, events);
        batch(PARTICIPANT, participants);
        batch(VEHICLE, vehicles);
        batch(BATCH, batches);
        recycledContent.write(jdbc, batch(PLACED, placed));
        batch(ELEMENT, elements);
        batch(INPUT, inputs);
        batch(CLOCK, aggregateRows(clocks, block.blockNumber(), true));
        batch(FLOW, aggregateRows(flows, block.blockNumber(), true));
        batch(STOCK, stockRows);
        if (!stockRows.isEmpty()) {
            jdbc.update("DELETE FROM rm_stock WHERE units = 0");
        }
    }

    private static List<Object[]> aggregateRows(Map<List<Object>, long[]> counts, long block, boolean withBlock) {
        List<Object[]> rows = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> {
            Object[] row = new Object[k.size() + (withBlock ? 2 : 1)];
            for (int i = 0; i < k.size(); i++) {
                row[i] = k.get(i);
            }
            row[k.size()] = n[0];
            if (withBlock) {
                row[k.size() + 1] = block;
            }
            rows.add(row);
        });
        return rows;
    }

    /**
     * The changes to the unit counts per (responsible, maker, status, top-level) that this block's
     * unit versions make, applied in order: the stored row (or the block's previous version of the
     * unit) leaves its key, the new version joins its own. Must run before the units are merged.
     */
    private List<Object[]> stockDeltas(List<BatteryUnit> changed) {
        if (changed.isEmpty()) {
            return List.of();
        }
        Map<String, List<Object>> current = new HashMap<>();
        List<String> codes = changed.stream().map(BatteryUnit::code).distinct().toList();
        for (int from = 0; from < codes.size(); from += 500) {
            List<String> part = codes.subList(from, Math.min(codes.size(), from + 500));
            String in = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            jdbc.query("SELECT code, responsible, registered_by, status, parent, pending_to, updated_at FROM rm_unit"
                    + " WHERE code IN (" + in + ")", rs -> {
                        OffsetDateTime updated = rs.getObject(7, OffsetDateTime.class);
                        current.put(rs.getString(1), stockKey(rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5) == null, rs.getString(6) != null,
                                updated == null ? null : updated.toInstant()));
                    }, part.toArray());
        }
        Map<List<Object>, long[]> delta = new LinkedHashMap<>();
        for (BatteryUnit u : changed) {
            List<Object> before = current.get(u.code());
            if (before != null) {
                delta.computeIfAbsent(before, k -> new long[1])[0]--;
            }
            List<Object> after = stockKey(u.responsible(), u.registeredBy(), u.status().name(), u.parent() == null,
                    u.pendingHandover() != null, u.updatedAt());
            delta.computeIfAbsent(after, k -> new long[1])[0]++;
            current.put(u.code(), after);
        }
        delta.values().removeIf(n -> n[0] == 0);
        return aggregateRows(delta, 0, false);
    }

    private static List<Object> stockKey(@Nullable String responsible, @Nullable String registeredBy, String status,
            boolean top, boolean pending, @Nullable Instant updatedAt) {
        boolean tracked = (pending || "REMOVED".equals(status)) && updatedAt != null;
        return List.of(nz(responsible), nz(registeredBy), status, top, pending, tracked ? day(updatedAt) : UNTRACKED);
    }

    /** The actions that place a unit on the market: first shipment by its maker, or installation. */
    private static final java.util.Set<String> PLACING = java.util.Set.of("SHIP", "INSTALL");

    private static Instant occurred(LedgerEvent e) {
        return e.occurredAt() == null ? e.recordedAt() : e.occurredAt();
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static LocalDate day(Instant i) {
        return LocalDate.ofInstant(i, CHINA);
    }

    /** The Annex XIII point 1 fields (the subset the ledger holds) a unit lacks; domain.md §6.5. */
    static String passportGaps(BatteryUnit u) {
        List<String> gaps = new ArrayList<>();
        UnitSpec s = u.spec() == null ? UnitSpec.empty() : u.spec();
        if (u.euUniqueId() == null || u.euUniqueId().isBlank()) {
            gaps.add("euUniqueId");
        }
        if (s.model() == null) {
            gaps.add("model");
        }
        if (s.chemistry() == null) {
            gaps.add("chemistry");
        }
        if (s.massGrams() == null) {
            gaps.add("mass");
        }
        if (!s.hasRating()) {
            gaps.add("capacity");
        }
        if (s.placeOfManufacture() == null) {
            gaps.add("placeOfManufacture");
        }
        if (s.extinguishingAgent() == null) {
            gaps.add("extinguishingAgent");
        }
        return String.join(",", gaps);
    }

    /** The update count of each row; none when there are no rows. */
    private int[] batch(String sql, List<Object[]> rows) {
        return rows.isEmpty() ? new int[0] : jdbc.batchUpdate(sql, rows);
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
            u.productionDate(), ts(u.registeredAt()), ts(u.updatedAt()), e.type(), e.txId(), block, Json.string(u),
            u.euUniqueId(), u.spec() == null ? null : u.spec().massGrams(), passportGaps(u)};
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
            ts(v.scrappedAt()), v.scrappedBy(), ts(v.updatedAt()), Json.string(v), v.packs().size()};
    }

    /** The sum of the declared (spec) masses of the batch's input units, as the event carries them; null if one lacks it. */
    @Nullable
    static Long declaredMass(LedgerEvent e) {
        Map<String, BatteryUnit> byCode = new HashMap<>();
        if (e.units() != null) {
            e.units().forEach(u -> byCode.put(u.code(), u));
        }
        long sum = 0;
        for (RecyclingInput in : e.batch().inputs()) {
            BatteryUnit u = byCode.get(in.code());
            if (u == null || u.spec() == null || u.spec().massGrams() == null) {
                return null;
            }
            sum += u.spec().massGrams();
        }
        return e.batch().inputs().isEmpty() ? null : sum;
    }

    private static Object[] batchRow(RecyclingBatch b, @Nullable Long declared) {
        return new Object[] {b.batchId(), b.recycler(), b.route().name(), b.inputMassGrams(), b.outputMassGrams(),
            b.recyclingMassGrams(), b.recyclingEfficiencyBasisPoints(), ts(b.occurredAt()), ts(b.recordedAt()),
            b.txId(), Json.string(b), chemistry(b), declared};
    }

    /** The batch's chemistry (battery-type key) when all its inputs share one, else MIXED. */
    static String chemistry(RecyclingBatch b) {
        java.util.Set<String> types = new java.util.TreeSet<>();
        b.inputs().forEach(i -> types.add(i.batteryType() == null ? "UNKNOWN" : i.batteryType()));
        return types.size() == 1 ? types.iterator().next() : types.isEmpty() ? "UNKNOWN" : "MIXED";
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
