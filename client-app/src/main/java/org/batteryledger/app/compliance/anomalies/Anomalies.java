package org.batteryledger.app.compliance.anomalies;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.batteryledger.app.compliance.ComplianceSettings;
import org.batteryledger.app.compliance.Participants;
import org.batteryledger.app.compliance.Period;
import org.batteryledger.app.compliance.Report;
import org.batteryledger.app.compliance.clocks.ReportingClocks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;

/**
 * Anomaly lists for the regulator. Each row names the kind, the subject (code, VIN or batch), the
 * company concerned, when, what is wrong, and the ledger transaction and block it rests on
 * (empty for the two checks that read this application's outbox of refused writes, which never
 * reached a block). A company filter keeps the rows where the company acted or answers for the
 * unit. At most {@code limit} rows per kind; the totals per kind are always exact.
 */
public final class Anomalies {
    static final List<String> COLUMNS = List.of("kind", "subject", "company", "at", "detail", "txId", "block");
    private static final Set<String> EOL_STATUSES = Set.of("REMOVED", "COLLECTED", "AT_CASCADE_OPERATOR", "TESTED",
            "WASTE", "AT_RECYCLER");

    // The four queries below read only columns of an index (readmodel.sql), so H2 does not read the rows.
    /** Codes rejected at least n times in the period. */
    static final String REJECTIONS = "SELECT code, COUNT(*), MAX(occurred_at), MAX(block_number) FROM rm_unit_event"
            + " WHERE action = 'REJECT_HANDOVER' AND occurred_at >= ? AND occurred_at < ? GROUP BY code"
            + " HAVING COUNT(*) >= ? ORDER BY code";
    /** One company's events of one action and role, triggered on one day and recorded on another. */
    static final String LATE_EVENTS = "SELECT code, tx_id, block_number, occurred_at FROM rm_unit_event"
            + " WHERE participant = ? AND action = ? AND role = ? AND occurred_at >= ? AND occurred_at < ?"
            + " AND recorded_at >= ? AND recorded_at < ? ORDER BY block_number, tx_index, code";
    /** One receiver's accepted handovers in one role on one day, with the units' responsible companies. */
    static final String RECEIPTS = "SELECT e.code, e.occurred_at, e.tx_id, e.block_number, e.to_status,"
            + " u.responsible FROM rm_unit_event e JOIN rm_unit u ON u.code = e.code WHERE e.participant = ?"
            + " AND e.occurred_at >= ? AND e.occurred_at < ? AND e.action = 'ACCEPT_HANDOVER' AND e.role = ?"
            + " ORDER BY e.block_number, e.tx_index, e.code";
    /** Sold vehicles, not scrapped, with no pack bound since a change before the cut-off. */
    static final String PACKLESS = "SELECT v.vin, v.automaker, v.updated_at, v.sold_at FROM rm_vehicle v"
            + " WHERE v.pack_count = 0 AND v.scrapped_at IS NULL AND v.sold_at IS NOT NULL AND v.updated_at < ?"
            + " ORDER BY v.vin";

    // The first units in the listing order, read through an index in that order so that H2 stops at
    // the limit: left to itself, it picked the index of parent IS NULL, i.e. read every unit.
    /** Pending handovers older than the cut-off, by receiver and code (the company filter and limit follow). */
    static final String PENDING = "SELECT code, holder, pending_to, updated_at, last_tx_id, last_block, responsible"
            + " FROM rm_unit USE INDEX (rm_unit_pending_code) WHERE pending_to > '' AND parent IS NULL"
            + " AND updated_at < ?";
    /** Removed units unchanged since before the cut-off, by code (status is constant, so the order is code's). */
    static final String RETIRED = "SELECT code, holder, updated_at, last_tx_id, last_block, responsible"
            + " FROM rm_unit USE INDEX (rm_unit_status) WHERE status = 'REMOVED' AND parent IS NULL"
            + " AND updated_at < ? ORDER BY status, code LIMIT ?";
    /** The same for one responsible company, by code (responsible and status are constant). */
    static final String RETIRED_OF = "SELECT code, holder, updated_at, last_tx_id, last_block, responsible"
            + " FROM rm_unit USE INDEX (rm_unit_responsible) WHERE status = 'REMOVED' AND parent IS NULL"
            + " AND updated_at < ? AND responsible = ? ORDER BY responsible, status, code LIMIT ?";

    private final JdbcTemplate jdbc;
    private final ComplianceSettings settings;
    private final ReportingClocks clocks;

    public Anomalies(DataSource dataSource, ComplianceSettings settings, ReportingClocks clocks) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.settings = settings;
        this.clocks = clocks;
    }

    public Report report(Period period, @Nullable String company, @Nullable AnomalyKind only, int limit,
            long asOfBlock) {
        Participants participants = Participants.load(jdbc);
        Map<AnomalyKind, List<List<Object>>> found = new EnumMap<>(AnomalyKind.class);
        Map<AnomalyKind, long[]> totals = new EnumMap<>(AnomalyKind.class);
        for (AnomalyKind k : AnomalyKind.values()) {
            if (only == null || only == k) {
                found.put(k, new ArrayList<>());
                totals.put(k, new long[1]);
            }
        }
        Sink sink = new Sink() {
            @Override
            public void add(AnomalyKind kind, List<Object> row) {
                if (found.containsKey(kind)) {
                    totals.get(kind)[0]++;
                    if (found.get(kind).size() < limit) {
                        found.get(kind).add(row);
                    }
                }
            }

            @Override
            public void count(AnomalyKind kind, long n) {
                if (found.containsKey(kind)) {
                    totals.get(kind)[0] += n;
                }
            }
        };
        boolean outbox = hasOutbox();
        if (found.containsKey(AnomalyKind.REPEATED_ATTEMPTS)) {
            repeated(period, company, limit, outbox, sink);
        }
        if (found.containsKey(AnomalyKind.MASS_IMBALANCE)) {
            massImbalance(period, company, sink);
        }
        if (found.containsKey(AnomalyKind.DIVERTED_TO_UNCERTIFIED)) {
            diverted(period, company, limit, participants, sink);
        }
        if (found.containsKey(AnomalyKind.VEHICLE_WITHOUT_PACK)) {
            vehicles(period, company, outbox, sink);
        }
        if (found.containsKey(AnomalyKind.OVERDUE_REPORT)) {
            overdue(period, company, limit, sink);
        }
        if (found.containsKey(AnomalyKind.LONG_PENDING_HANDOVER)) {
            pending(period, company, limit, sink);
        }
        if (found.containsKey(AnomalyKind.RETIRED_NOT_COLLECTED)) {
            retired(period, company, limit, sink);
        }
        List<List<Object>> rows = new ArrayList<>();
        found.values().forEach(rows::addAll);
        List<String> notes = new ArrayList<>();
        StringBuilder t = new StringBuilder("Totals:");
        totals.forEach((k, n) -> t.append(' ').append(k.name()).append('=').append(n[0]).append(';'));
        notes.add(t.toString());
        notes.add("REPEATED_ATTEMPTS and VEHICLE_WITHOUT_PACK also list writes the contract refused (this application's"
                + " outbox: no txId or block, since a refused write never reaches the ledger).");
        notes.add("Day limits are this operator's settings, not regulatory numbers (domain.md §6.4 'after N days').");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", period.from().toString());
        params.put("to", period.to().toString());
        params.put("company", company == null ? "ALL" : company);
        params.put("kind", only == null ? "ALL" : only.name());
        params.put("limitPerKind", Integer.toString(limit));
        params.put("repeatedAttempts", Integer.toString(settings.repeatedAttempts()));
        params.put("pendingHandoverDays", Integer.toString(settings.pendingHandoverDays()));
        params.put("retiredNotCollectedDays", Integer.toString(settings.retiredNotCollectedDays()));
        params.put("massToleranceBp", Integer.toString(settings.massToleranceBasisPoints()));
        return new Report("anomalies", "Anomalies for the regulator", params, COLUMNS, rows, notes, asOfBlock);
    }

    /** Collects rows up to the limit per kind and counts all. */
    private interface Sink {
        void add(AnomalyKind kind, List<Object> row);

        /** Counts rows that are not listed (beyond the limit). */
        void count(AnomalyKind kind, long n);
    }

    private static List<Object> row(AnomalyKind kind, String subject, @Nullable String company,
            @Nullable Object at, String detail, @Nullable String txId, @Nullable Long block) {
        return Arrays.asList(kind.name(), subject, company, at == null ? null : at.toString(), detail, txId, block);
    }

    private static String iso(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }

    private void repeated(Period period, @Nullable String company, int limit, boolean outbox, Sink sink) {
        // On the ledger: the same code offered and rejected repeatedly (a unit hawked from receiver to receiver).
        // The events through the action index first, then the flagged units' companies (no join over all units).
        List<Object[]> flagged = new ArrayList<>();
        jdbc.query(REJECTIONS, rs -> {
                    flagged.add(new Object[] {rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getLong(4)});
                }, period.start(), period.end(), settings.repeatedAttempts());
        // For all companies every flagged code is counted whatever its companies, and the first ones
        // listed: only those are looked up. For one company each decides whether the code counts.
        List<Object[]> needed = company == null ? flagged.subList(0, Math.min(flagged.size(), limit)) : flagged;
        Map<String, String[]> companies = new java.util.HashMap<>();
        for (int from = 0; from < needed.size(); from += 500) {
            List<Object[]> part = needed.subList(from, Math.min(needed.size(), from + 500));
            String in = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            jdbc.query("SELECT code, responsible, holder FROM rm_unit WHERE code IN (" + in + ")", rs -> {
                companies.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
            }, part.stream().map(x -> x[0]).toArray());
        }
        for (Object[] x : needed) {
            String[] c = companies.getOrDefault((String) x[0], new String[2]);
            if (company != null && !company.equals(c[0]) && !company.equals(c[1])) {
                continue;
            }
            sink.add(AnomalyKind.REPEATED_ATTEMPTS, row(AnomalyKind.REPEATED_ATTEMPTS, (String) x[0], c[0],
                    iso((OffsetDateTime) x[2]), x[1] + " handovers of this code rejected", null, (Long) x[3]));
        }
        sink.count(AnomalyKind.REPEATED_ATTEMPTS, flagged.size() - needed.size());
        // Refused writes (outbox): e.g. a code registered again, or a transition tried again and again.
        if (!outbox) {
            return;
        }
        jdbc.query("SELECT CAST(ordering_keys AS VARCHAR(4000)) k, participant_id, COUNT(*), MAX(updated_at),"
                + " MAX(error_code) FROM outbox_entry WHERE status = 'REJECTED' AND updated_at >= ? AND updated_at < ?"
                + " GROUP BY k, participant_id HAVING COUNT(*) >= ? ORDER BY k", rs -> {
                    if (company != null && !company.equals(rs.getString(2))) {
                        return;
                    }
                    sink.add(AnomalyKind.REPEATED_ATTEMPTS, row(AnomalyKind.REPEATED_ATTEMPTS, rs.getString(1),
                            rs.getString(2), iso(rs.getObject(4, OffsetDateTime.class)), rs.getLong(3)
                                    + " writes refused by the contract (last " + rs.getString(5) + ")", null, null));
                }, period.start(), period.end(), settings.repeatedAttempts());
    }

    /** The outbox lives in the same database when the application runs; a bare read model has none. */
    private boolean hasOutbox() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'OUTBOX_ENTRY'",
                Integer.class);
        return n != null && n > 0;
    }

    private void massImbalance(Period period, @Nullable String company, Sink sink) {
        String sql = "SELECT b.batch_id, b.recycler, COALESCE(b.occurred_at, b.recorded_at), b.tx_id,"
                + " b.input_mass_grams, b.output_mass_grams,"
                + " (SELECT COALESCE(SUM(e.input_grams), 0) FROM rm_recycling_element e WHERE e.batch_id = b.batch_id),"
                + " (SELECT COUNT(*) FROM rm_recycling_element e WHERE e.batch_id = b.batch_id"
                + "    AND e.recovered_grams > e.input_grams),"
                + " b.declared_mass_grams"
                + " FROM rm_recycling_batch b WHERE COALESCE(b.occurred_at, b.recorded_at) >= ?"
                + " AND COALESCE(b.occurred_at, b.recorded_at) < ?" + (company == null ? "" : " AND b.recycler = ?")
                + " ORDER BY b.batch_id";
        Object[] args = company == null ? new Object[] {period.start(), period.end()}
                : new Object[] {period.start(), period.end(), company};
        jdbc.query(sql, rs -> {
            List<String> problems = new ArrayList<>();
            long input = rs.getLong(5);
            long output = rs.getLong(6);
            long elements = rs.getLong(7);
            if (output > input) {
                problems.add("output " + output + " g exceeds input " + input + " g");
            }
            if (elements > input) {
                problems.add("element masses " + elements + " g exceed input " + input + " g");
            }
            if (rs.getLong(8) > 0) {
                problems.add(rs.getLong(8) + " element(s) recovered beyond their input");
            }
            long declared = rs.getLong(9);
            boolean allDeclared = !rs.wasNull();
            if (allDeclared && declared > 0) {
                long diff = Math.abs(declared - input);
                if (diff * 10_000 > (long) settings.massToleranceBasisPoints() * declared) {
                    problems.add("weighed input " + input + " g differs from the units' declared " + declared + " g by "
                            + (diff * 10_000 / declared) + " bp");
                }
            }
            if (!problems.isEmpty()) {
                sink.add(AnomalyKind.MASS_IMBALANCE, row(AnomalyKind.MASS_IMBALANCE, rs.getString(1), rs.getString(2),
                        iso(rs.getObject(3, OffsetDateTime.class)), String.join("; ", problems), rs.getString(4),
                        null));
            }
        }, args);
    }

    private void diverted(Period period, @Nullable String company, int limit, Participants participants,
            Sink sink) {
        // The receivers, days and responsible companies from the pre-aggregated flows; the events are read
        // only for uncertified receivers, and only while rows are still listed (beyond the limit: counted).
        List<Object[]> suspects = new ArrayList<>();
        List<Object> args = new ArrayList<>(List.of(period.from(), period.to()));
        if (company != null) {
            args.add(company);
            args.add(company);
        }
        jdbc.query("SELECT participant, role, occurred_day, SUM(units) FROM rm_flow_day"
                + " WHERE action = 'ACCEPT_HANDOVER' AND occurred_day >= ? AND occurred_day <= ? AND to_status IN"
                + " ('REMOVED', 'COLLECTED', 'AT_CASCADE_OPERATOR', 'TESTED', 'WASTE', 'AT_RECYCLER')"
                + (company == null ? "" : " AND (responsible = ? OR participant = ?)")
                + " GROUP BY participant, role, occurred_day ORDER BY occurred_day, participant", rs -> {
                    String receiver = rs.getString(1);
                    String role = rs.getString(2);
                    LocalDate day = rs.getObject(3, LocalDate.class);
                    long units = rs.getLong(4);
                    participants.uncertifiedReason(receiver, role, day).ifPresent(why -> suspects.add(
                            new Object[] {receiver, role, day, why, null, units}));
                }, args.toArray());
        int listed = 0;
        for (Object[] x : suspects) {
            String receiver = (String) x[0];
            LocalDate day = (LocalDate) x[2];
            if (listed >= limit) {
                sink.count(AnomalyKind.DIVERTED_TO_UNCERTIFIED, (Long) x[5]);
                continue;
            }
            List<List<Object>> rows = jdbc.query(RECEIPTS, (rs, i) -> {
                        if (!EOL_STATUSES.contains(rs.getString(5)) || (company != null
                                && !company.equals(rs.getString(6)) && !company.equals(receiver))) {
                            return null;
                        }
                        return row(AnomalyKind.DIVERTED_TO_UNCERTIFIED, rs.getString(1), rs.getString(6),
                                iso(rs.getObject(2, OffsetDateTime.class)), "received by " + participants.name(receiver)
                                        + " (" + receiver + ", " + x[1] + "): " + x[3], rs.getString(3),
                                rs.getLong(4));
                    }, receiver, dayStart(day), dayStart(day.plusDays(1)), x[1]);
            for (List<Object> r : rows) {
                if (r != null) {
                    sink.add(AnomalyKind.DIVERTED_TO_UNCERTIFIED, r);
                    listed++;
                }
            }
        }
    }

    private void vehicles(Period period, @Nullable String company, boolean outbox, Sink sink) {
        jdbc.query(PACKLESS, rs -> {
                    if (company != null && !company.equals(rs.getString(2))) {
                        return;
                    }
                    sink.add(AnomalyKind.VEHICLE_WITHOUT_PACK, row(AnomalyKind.VEHICLE_WITHOUT_PACK, rs.getString(1),
                            rs.getString(2), iso(rs.getObject(3, OffsetDateTime.class)),
                            "sold vehicle has no pack bound since its last change (pack removed, none refitted)", null,
                            null));
                }, period.end());
        if (!outbox) {
            return;
        }
        jdbc.query("SELECT CAST(ordering_keys AS VARCHAR(4000)), participant_id, updated_at, last_error FROM outbox_entry"
                + " WHERE status = 'REJECTED' AND error_code = 'BATTERY_MISSING' AND updated_at >= ? AND updated_at < ?"
                + " ORDER BY seq", rs -> {
                    sink.add(AnomalyKind.VEHICLE_WITHOUT_PACK, row(AnomalyKind.VEHICLE_WITHOUT_PACK, rs.getString(1),
                            rs.getString(2), iso(rs.getObject(3, OffsetDateTime.class)),
                            "scrapping refused: " + rs.getString(4), null, null));
                }, period.start(), period.end());
    }

    private void overdue(Period period, @Nullable String company, int limit, Sink sink) {
        int listed = 0;
        for (ReportingClocks.Group g : clocks.lateCandidates(period, company)) {
            if (!g.late()) {
                continue;
            }
            String detail = g.action() + " by " + g.role() + " due " + g.due() + " (" + g.rule().workingDays()
                    + " WD, " + g.rule().basis() + "), recorded " + g.recorded() + (g.provisional()
                            ? " [PROVISIONAL calendar]" : "");
            if (listed >= limit) {
                sink.count(AnomalyKind.OVERDUE_REPORT, g.units()); // beyond the limit: counted, not listed
                continue;
            }
            List<List<Object>> rows = jdbc.query(LATE_EVENTS,
                    (rs, i) -> row(AnomalyKind.OVERDUE_REPORT, rs.getString(1), g.participant(),
                            iso(rs.getObject(4, OffsetDateTime.class)), detail, rs.getString(2), rs.getLong(3)),
                    g.participant(), g.action(), g.role(), dayStart(g.occurred()), dayStart(g.occurred().plusDays(1)),
                    dayStart(g.recorded()), dayStart(g.recorded().plusDays(1)));
            for (List<Object> r : rows) {
                sink.add(AnomalyKind.OVERDUE_REPORT, r);
                listed++;
            }
        }
    }

    private static OffsetDateTime dayStart(LocalDate d) {
        return d.atStartOfDay().atOffset(Period.CHINA);
    }

    private void pending(Period period, @Nullable String company, int limit, Sink sink) {
        OffsetDateTime before = period.end().minusDays(settings.pendingHandoverDays());
        long total = stockTotal("pending", before.toLocalDate(), company);
        List<List<Object>> rows = jdbc.query((company == null ? PENDING : PENDING + " AND responsible = ?")
                + " ORDER BY pending_to, code LIMIT ?",
                (rs, i) -> row(AnomalyKind.LONG_PENDING_HANDOVER, rs.getString(1), rs.getString(7),
                        iso(rs.getObject(4, OffsetDateTime.class)), "offered by " + rs.getString(2) + " to "
                                + rs.getString(3) + ", pending for more than " + settings.pendingHandoverDays() + " days",
                        rs.getString(5), rs.getLong(6)),
                company == null ? new Object[] {before, limit} : new Object[] {before, company, limit});
        rows.forEach(r -> sink.add(AnomalyKind.LONG_PENDING_HANDOVER, r));
        sink.count(AnomalyKind.LONG_PENDING_HANDOVER, total - rows.size());
    }

    private void retired(Period period, @Nullable String company, int limit, Sink sink) {
        OffsetDateTime before = period.end().minusDays(settings.retiredNotCollectedDays());
        long total = stockTotal("status = 'REMOVED'", before.toLocalDate(), company);
        List<List<Object>> rows = jdbc.query(company == null ? RETIRED : RETIRED_OF,
                (rs, i) -> row(AnomalyKind.RETIRED_NOT_COLLECTED, rs.getString(1), rs.getString(6),
                        iso(rs.getObject(3, OffsetDateTime.class)), "removed and held by " + rs.getString(2)
                                + ", not collected within " + settings.retiredNotCollectedDays() + " days",
                        rs.getString(4), rs.getLong(5)),
                company == null ? new Object[] {before, limit} : new Object[] {before, company, limit});
        rows.forEach(r -> sink.add(AnomalyKind.RETIRED_NOT_COLLECTED, r));
        sink.count(AnomalyKind.RETIRED_NOT_COLLECTED, total - rows.size());
    }

    /** Exact totals from rm_stock: the cut-off is the start of a China day, so since_day before its date. */
    private long stockTotal(String condition, LocalDate before, @Nullable String company) {
        Long n = jdbc.queryForObject("SELECT COALESCE(SUM(units), 0) FROM rm_stock WHERE " + condition
                + " AND top_level AND since_day < ? AND since_day > DATE '1970-01-01'"
                + (company == null ? "" : " AND responsible = ?"), Long.class,
                company == null ? new Object[] {before} : new Object[] {before, company});
        return n == null ? 0 : n;
    }
}
