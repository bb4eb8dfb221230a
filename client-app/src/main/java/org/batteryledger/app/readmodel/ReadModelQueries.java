package org.batteryledger.app.readmodel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.batteryledger.chaincode.code.CodeForm;
import org.batteryledger.chaincode.code.Level;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.recycling.RecyclingBatch;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.EuStatus;
import org.batteryledger.chaincode.unit.ResponsibilityBasis;
import org.batteryledger.chaincode.unit.Status;
import org.batteryledger.chaincode.unit.Vehicle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.lang.Nullable;

/**
 * Reads the read model: searches, counts and timelines for pages, dashboards and reports,
 * without a round trip to the ledger. What it returns is as of the projector's checkpoint
 * ({@link ReadModelProjector#awaitBlock} to read one's own write), and in the authority tier:
 * callers serving other tiers filter. Page sizes are bounded by {@link #MAX_PAGE}.
 *
 * <p>Thread-safe. Creates the tables ({@code db/readmodel.sql}) if missing.
 */
public final class ReadModelQueries {
    /** The largest page any query returns. */
    public static final int MAX_PAGE = 500;

    private static final String SUMMARY_COLUMNS = "code, level, form, manufacturer_code, battery_type, status,"
            + " eu_status, holder, responsible, responsible_basis, vin, parent, pending_to, registered_by,"
            + " production_date, registered_at, updated_at, last_action, last_tx_id, last_block";
    private static final String EVENT_COLUMNS = "block_number, tx_index, code, tx_id, action, from_status, to_status,"
            + " participant, role, counterparty, occurred_at, recorded_at";

    private final JdbcTemplate jdbc;

    public ReadModelQueries(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        ReadModelSchema.apply(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
    }

    // ------------------------------------------------------------------ units

    /** The unit's full after-state as the last applied event carried it. */
    public Optional<BatteryUnit> unit(String code) {
        return json("SELECT unit_json FROM rm_unit WHERE code = ?", BatteryUnit.class, code);
    }

    public Optional<UnitSummary> summary(String code) {
        return jdbc.query("SELECT " + SUMMARY_COLUMNS + " FROM rm_unit WHERE code = ?", SUMMARY, code).stream()
                .findFirst();
    }

    /**
     * Units matching the filter, in code order, {@code limit} at a time (1–{@value #MAX_PAGE}),
     * starting after the code {@code after} (null for the first page).
     */
    public UnitPage search(UnitFilter filter, @Nullable String after, int limit) {
        checkLimit(limit);
        Where where = where(filter);
        if (after != null) {
            where.and("code > ?", after);
        }
        where.args.add(limit + 1);
        List<UnitSummary> rows = jdbc.query("SELECT " + SUMMARY_COLUMNS + " FROM rm_unit" + where.sql()
                + " ORDER BY code LIMIT ?", SUMMARY, where.args.toArray());
        if (rows.size() <= limit) {
            return new UnitPage(rows, null);
        }
        List<UnitSummary> page = rows.subList(0, limit);
        return new UnitPage(page, page.get(limit - 1).code());
    }

    /** How many units match the filter (for "page n of m"). */
    public long count(UnitFilter filter) {
        Where where = where(filter);
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM rm_unit" + where.sql(), Long.class, where.args.toArray());
        return n == null ? 0 : n;
    }

    /** Units per status, every status present (zero when none). */
    public Map<Status, Long> countByStatus() {
        return statusCounts(jdbc.query("SELECT status, COUNT(*) FROM rm_unit GROUP BY status",
                (rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))));
    }

    /** Units per status that {@code responsible} answers for under EPR, every status present. */
    public Map<Status, Long> countByStatus(String responsible) {
        return statusCounts(jdbc.query("SELECT status, COUNT(*) FROM rm_unit WHERE responsible = ? GROUP BY status",
                (rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)), responsible));
    }

    /**
     * Units per status within a company's scope, every status present. With
     * {@link UnitScope#HELD_OR_RESPONSIBLE} a unit the company both holds and answers for counts once.
     */
    public Map<Status, Long> countByStatus(UnitScope scope, String participantId) {
        Objects.requireNonNull(participantId, "participantId");
        String where = switch (Objects.requireNonNull(scope, "scope")) {
            case HELD -> "holder = ?";
            case RESPONSIBLE -> "responsible = ?";
            // One row per unit, so an OR cannot count a unit twice.
            case HELD_OR_RESPONSIBLE -> "(holder = ? OR responsible = ?)";
        };
        Object[] args = scope == UnitScope.HELD_OR_RESPONSIBLE ? new Object[] {participantId, participantId}
                : new Object[] {participantId};
        return statusCounts(jdbc.query("SELECT status, COUNT(*) FROM rm_unit WHERE " + where + " GROUP BY status",
                (rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)), args));
    }

    /** Units per responsible party and status, parties in id order; only statuses they have. */
    public Map<String, Map<Status, Long>> countByResponsibleAndStatus() {
        Map<String, Map<Status, Long>> result = new TreeMap<>();
        jdbc.query("SELECT responsible, status, COUNT(*) FROM rm_unit GROUP BY responsible, status", rs -> {
            result.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(Status.class))
                    .put(Status.valueOf(rs.getString(2)), rs.getLong(3));
        });
        return result;
    }

    // ------------------------------------------------------------------ events

    /** Everything that happened to a unit, oldest first. */
    public List<UnitEvent> timeline(String code) {
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM rm_unit_event WHERE code = ?"
                + " ORDER BY block_number, tx_index", EVENT, code);
    }

    /** The latest unit events, newest first. */
    public List<UnitEvent> recentEvents(int limit) {
        checkLimit(limit);
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM rm_unit_event"
                + " ORDER BY block_number DESC, tx_index DESC, code LIMIT ?", EVENT, limit);
    }

    /**
     * Unit events of one action that occurred in {@code [from, before)}, in occurrence order,
     * {@code limit} at a time from {@code offset}: the input of reporting-deadline and flow reports.
     */
    public List<UnitEvent> eventsByAction(String action, Instant from, Instant before, int limit, long offset) {
        checkLimit(limit);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM rm_unit_event WHERE action = ? AND occurred_at >= ?"
                + " AND occurred_at < ? ORDER BY occurred_at, block_number, tx_index, code LIMIT ? OFFSET ?", EVENT,
                action, BlockWriter.ts(from), BlockWriter.ts(before), limit, offset);
    }

    // ------------------------------------------------------------------ registry, vehicles, batches

    public Optional<Participant> participant(String id) {
        return json("SELECT participant_json FROM rm_participant WHERE id = ?", Participant.class, id);
    }

    /** Every participant, in id order. */
    public List<Participant> participants() {
        return jsonList("SELECT participant_json FROM rm_participant ORDER BY id", Participant.class);
    }

    /** Participants the registry gives {@code role}, in id order. */
    public List<Participant> participantsWithRole(Role role) {
        return jsonList("SELECT participant_json FROM rm_participant WHERE ',' || roles || ',' LIKE ? ORDER BY id",
                Participant.class, "%," + role.name() + ",%");
    }

    public Optional<Vehicle> vehicle(String vin) {
        return json("SELECT vehicle_json FROM rm_vehicle WHERE vin = ?", Vehicle.class, vin);
    }

    public Optional<RecyclingBatch> recyclingBatch(String batchId) {
        return json("SELECT batch_json FROM rm_recycling_batch WHERE batch_id = ?", RecyclingBatch.class, batchId);
    }

    /** A recycler's batches recorded in {@code [from, before)}, oldest first. */
    public List<RecyclingBatch> recyclingBatches(String recycler, Instant from, Instant before) {
        return jsonList("SELECT batch_json FROM rm_recycling_batch WHERE recycler = ? AND recorded_at >= ?"
                + " AND recorded_at < ? ORDER BY recorded_at, batch_id", RecyclingBatch.class, recycler,
                BlockWriter.ts(from), BlockWriter.ts(before));
    }

    // ------------------------------------------------------------------ helpers

    private <T> Optional<T> json(String sql, Class<T> type, Object... args) {
        return jsonList(sql, type, args).stream().findFirst();
    }

    private <T> List<T> jsonList(String sql, Class<T> type, Object... args) {
        ObjectReader reader = Json.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return jdbc.query(sql, (rs, i) -> {
            try {
                return reader.<T>readValue(rs.getString(1));
            } catch (IOException e) {
                throw new UncheckedIOException("stored " + type.getSimpleName() + " is not readable", e);
            }
        }, args);
    }

    private static Map<Status, Long> statusCounts(List<Map.Entry<String, Long>> rows) {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0L);
        }
        rows.forEach(r -> counts.put(Status.valueOf(r.getKey()), r.getValue()));
        return counts;
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_PAGE + ", not " + limit);
        }
    }

    private static Where where(UnitFilter f) {
        Where w = new Where();
        if (f.holder() != null) {
            w.and("holder = ?", f.holder());
        }
        if (f.status() != null) {
            w.and("status = ?", f.status().name());
        }
        if (f.responsible() != null) {
            w.and("responsible = ?", f.responsible());
        }
        if (f.vin() != null) {
            w.and("vin = ?", f.vin());
        }
        if (f.registeredFrom() != null) {
            w.and("registered_at >= ?", BlockWriter.ts(f.registeredFrom()));
        }
        if (f.registeredBefore() != null) {
            w.and("registered_at < ?", BlockWriter.ts(f.registeredBefore()));
        }
        return w;
    }

    /** A WHERE clause built from fixed column conditions; values only ever travel as parameters. */
    private static final class Where {
        final List<String> conditions = new ArrayList<>();
        final List<Object> args = new ArrayList<>();

        void and(String condition, @Nullable Object arg) {
            conditions.add(condition);
            args.add(arg);
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }

    private static final RowMapper<UnitSummary> SUMMARY = (rs, i) -> new UnitSummary(rs.getString("code"),
            en(rs, "level", Level::valueOf), en(rs, "form", CodeForm::valueOf), rs.getString("manufacturer_code"),
            rs.getString("battery_type"), Status.valueOf(rs.getString("status")),
            en(rs, "eu_status", EuStatus::valueOf), rs.getString("holder"), rs.getString("responsible"),
            en(rs, "responsible_basis", ResponsibilityBasis::valueOf), rs.getString("vin"), rs.getString("parent"),
            rs.getString("pending_to"), rs.getString("registered_by"), rs.getObject("production_date", LocalDate.class),
            instant(rs, "registered_at"), instant(rs, "updated_at"), rs.getString("last_action"),
            rs.getString("last_tx_id"), rs.getLong("last_block"));

    private static final RowMapper<UnitEvent> EVENT = (rs, i) -> new UnitEvent(rs.getLong("block_number"),
            rs.getInt("tx_index"), rs.getString("code"), rs.getString("tx_id"), rs.getString("action"),
            en(rs, "from_status", Status::valueOf), Status.valueOf(rs.getString("to_status")),
            rs.getString("participant"), rs.getString("role"), rs.getString("counterparty"),
            instant(rs, "occurred_at"), instant(rs, "recorded_at"));

    @Nullable
    private static <E> E en(ResultSet rs, String column, Function<String, E> parse) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : parse.apply(v);
    }

    @Nullable
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
