package org.batteryledger.app.compliance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.batteryledger.app.compliance.anomalies.AnomalyKind;
import org.batteryledger.app.compliance.calendar.WorkdayCalendar;
import org.batteryledger.app.ledger.TestkitLedger;
import org.batteryledger.app.outbox.TestDb;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long each compliance report takes over a year of activity for {@code bench.batteries}
 * packs (default 1,000,000), bulk-loaded into the read-model tables of an H2 file database by
 * {@link SyntheticYear}. Prints the load time, a baseline measured in the same run (a plain
 * {@code SELECT COUNT(*)} over the unit events, the cheapest full look at the year), and each
 * report's best and median of {@code bench.rounds} runs (default 5). Gated:
 *
 * <pre>
 * ./mvnw -B -ntp -o -q -pl client-app -am test -Dtest=ComplianceBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench=true [-Dbench.batteries=1000000] [-Dbench.dir=/tmp/compliance-bench] -DenableAssertions=false
 * </pre>
 *
 * (Without assertions: one 1 M load stopped on an {@code assert} inside H2's own file bookkeeping,
 * which production never runs.)
 */
public final class ComplianceBench {

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "true")
    void everyReportOverAYear() throws Exception {
        main(new String[0]);
    }

    /** Also runnable as a plain main with the test class path (same properties). */
    public static void main(String[] args) throws Exception {
        int batteries = Integer.getInteger("bench.batteries", 1_000_000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        Path dir = Path.of(System.getProperty("bench.dir", Files.createTempDirectory("compliance-bench").toString()));
        Files.createDirectories(dir);
        try (TestDb db = new TestDb(dir, "bench-" + batteries)) {
            long s0 = System.nanoTime();
            new ReadModelProjector(db.dataSource(), new TestkitLedger()); // creates the tables (and new indexes)
            System.out.printf(Locale.ROOT, "compliance bench: read-model schema applied in %,d ms%n",
                    (System.nanoTime() - s0) / 1_000_000);
            WorkdayCalendar calendar = WorkdayCalendar.bundled();
            long t0 = System.nanoTime();
            Integer existing = db.jdbc().queryForObject("SELECT COUNT(*) FROM rm_unit", Integer.class);
            SyntheticYear year = null;
            if (existing == null || existing == 0) {
                year = new SyntheticYear(batteries, 42, calendar).load(db.dataSource());
            }
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            Integer sinceColumn = db.jdbc().queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_NAME = 'RM_STOCK' AND COLUMN_NAME = 'SINCE_DAY'", Integer.class);
            boolean emptyStock = sinceColumn != null && sinceColumn > 0
                    && db.jdbc().queryForObject("SELECT COUNT(*) FROM rm_stock", Integer.class) == 0;
            if (sinceColumn == null || sinceColumn == 0 || emptyStock) {
                // A database loaded before rm_stock kept since_day: derive the table as the projector keeps it.
                db.jdbc().execute("DROP TABLE rm_stock");
                new ReadModelProjector(db.dataSource(), new TestkitLedger());
                db.jdbc().update("INSERT INTO rm_stock (responsible, registered_by, status, top_level, pending,"
                        + " since_day, units) SELECT r, b, s, t, p, d, COUNT(*) FROM (SELECT responsible r,"
                        + " registered_by b, status s, parent IS NULL t, pending_to IS NOT NULL p, CASE WHEN"
                        + " status = 'REMOVED' OR pending_to IS NOT NULL THEN CAST(updated_at AT TIME ZONE '+08:00'"
                        + " AS DATE) ELSE DATE '1970-01-01' END d FROM rm_unit) x GROUP BY r, b, s, t, p, d");
                System.out.println("compliance bench: rm_stock derived from rm_unit (older database)");
            }
            if (db.jdbc().queryForObject("SELECT COUNT(*) FROM rm_model_placed", Integer.class) == 0) {
                // A database loaded before the recycled-content tables: add their rows (no random numbers).
                try (java.sql.Connection c = db.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    new SyntheticYear(batteries, 42, calendar).recycledContent(c);
                    c.commit();
                }
                System.out.println("compliance bench: recycled-content rows added to an older database");
            }
            db.jdbc().execute("ANALYZE");
            long units = db.jdbc().queryForObject("SELECT COUNT(*) FROM rm_unit", Long.class);
            long events = db.jdbc().queryForObject("SELECT COUNT(*) FROM rm_unit_event", Long.class);
            long activity = db.jdbc().queryForObject("SELECT (SELECT COUNT(*) FROM rm_clock_day)"
                    + " + (SELECT COUNT(*) FROM rm_flow_day)", Long.class);
            System.out.printf(Locale.ROOT, "compliance bench: %,d units, %,d unit events, %,d pre-aggregated rows;"
                    + " loaded in %,d ms%s%n", units, events, activity, loadMs, year == null ? " (reused)" : "");
            ComplianceReports reports = new ComplianceReports(db.dataSource(), calendar, ComplianceSettings.defaults());
            Period p = Period.year(SyntheticYear.YEAR);
            String automaker = SyntheticYear.id(200);
            String maker = SyntheticYear.id(100);
            String recycler = SyntheticYear.id(700);
            // Baselines: a plain COUNT(*) is answered from H2's row count without reading, so each
            // forces a scan with a condition that holds for every row.
            time("baseline: scan rm_unit_event (COUNT, tx_index >= 0)", rounds, () -> db.jdbc().queryForObject(
                    "SELECT COUNT(*) FROM rm_unit_event WHERE tx_index >= 0", Long.class));
            time("baseline: scan rm_unit (COUNT, last_block >= 0)", rounds, () -> db.jdbc().queryForObject(
                    "SELECT COUNT(*) FROM rm_unit WHERE last_block >= 0", Long.class));
            time("baseline: read the year's rm_clock_day rows", rounds, () -> db.jdbc().queryForObject(
                    "SELECT SUM(units) FROM rm_clock_day WHERE occurred_day >= ? AND occurred_day <= ?", Long.class,
                    p.from(), p.to()));
            for (ReportName name : ReportName.values()) {
                time(name.path() + " (all companies)", rounds, () -> reports.report(name, p, null, null, 500));
            }
            time("deadlines (one automaker)", rounds, () -> reports.report(ReportName.DEADLINES, p, automaker, null, 500));
            time("producer-responsibility (one maker)", rounds,
                    () -> reports.report(ReportName.PRODUCER_RESPONSIBILITY, p, maker, null, 500));
            time("recycling-efficiency (one recycler)", rounds,
                    () -> reports.report(ReportName.RECYCLING_EFFICIENCY, p, recycler, null, 500));
            time("recycled-content (one maker)", rounds,
                    () -> reports.report(ReportName.RECYCLED_CONTENT, p, maker, null, 500));
            time("anomalies (one automaker)", rounds, () -> reports.report(ReportName.ANOMALIES, p, automaker, null, 500));
            for (AnomalyKind kind : AnomalyKind.values()) {
                time("  anomalies " + kind + " only", rounds,
                        () -> reports.report(ReportName.ANOMALIES, p, null, kind, 500));
            }
            time("signed-export block list (one automaker)", rounds,
                    () -> reports.blocks(p, automaker, reports.asOfBlock()).size());
        }
    }

    private static void time(String what, int rounds, Supplier<Object> run) {
        List<Long> ms = new ArrayList<>();
        Object last = null;
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            last = run.get();
            ms.add((System.nanoTime() - t) / 1_000_000);
        }
        Collections.sort(ms);
        String size = last instanceof Report r ? r.rows().size() + " rows" : String.valueOf(last);
        System.out.printf(Locale.ROOT, "compliance bench: %-45s best %,6d ms  median %,6d ms  (%s)%n", what, ms.get(0),
                ms.get(ms.size() / 2), size);
    }
}
