package org.batteryledger.app.compliance;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.batteryledger.app.compliance.anomalies.Anomalies;
import org.batteryledger.app.compliance.anomalies.AnomalyKind;
import org.batteryledger.app.compliance.calendar.WorkdayCalendar;
import org.batteryledger.app.compliance.clocks.ReportingClocks;
import org.batteryledger.app.compliance.epr.ProducerResponsibility;
import org.batteryledger.app.compliance.export.SignedReports;
import org.batteryledger.app.compliance.targets.EuReports;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;

/**
 * Every compliance report by name, computed on the read model at its current block, and the
 * ledger blocks a report rests on. Read-only.
 */
public final class ComplianceReports {
    private final JdbcTemplate jdbc;
    private final WorkdayCalendar calendar;
    private final ReportingClocks clocks;
    private final ProducerResponsibility epr;
    private final EuReports eu;
    private final Anomalies anomalies;

    public ComplianceReports(DataSource dataSource, WorkdayCalendar calendar, ComplianceSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.calendar = calendar;
        this.clocks = new ReportingClocks(dataSource, calendar);
        this.epr = new ProducerResponsibility(dataSource, settings);
        this.eu = new EuReports(dataSource);
        this.anomalies = new Anomalies(dataSource, settings, clocks);
    }

    /** Whether the registry knows this participant id. */
    public boolean knows(String participant) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM rm_participant WHERE id = ?", Integer.class, participant);
        return n != null && n > 0;
    }

    public WorkdayCalendar calendar() {
        return calendar;
    }

    /** The last block the read model applied; −1 when none. */
    public long asOfBlock() {
        List<Long> rows = jdbc.queryForList("SELECT block_number FROM rm_checkpoint WHERE projector = 'readmodel'",
                Long.class);
        return rows.isEmpty() ? -1 : rows.get(0);
    }

    /**
     * @param company a participant id, or null for all
     * @param kind only this anomaly kind (anomalies only), or null
     * @param limit rows per anomaly kind (anomalies only)
     */
    public Report report(ReportName name, Period period, @Nullable String company, @Nullable AnomalyKind kind,
            int limit) {
        long block = asOfBlock();
        return switch (name) {
            case DEADLINES -> clocks.report(period, company, block);
            case PRODUCER_RESPONSIBILITY -> epr.report(period, company, block);
            case RECYCLING_EFFICIENCY -> eu.recyclingEfficiency(period, company, block);
            case MATERIAL_RECOVERY -> eu.materialRecovery(period, company, block);
            case RECYCLED_CONTENT -> eu.recycledContent(period, company, block);
            case PASSPORT_COMPLETENESS -> eu.passportCompleteness(period, company, block);
            case ANOMALIES -> anomalies.report(period, company, kind, limit, block);
        };
    }

    /**
     * The blocks a report rests on: every block from the first to the last that holds an event of
     * the period (of the company, as actor, responsible party or maker, when one is given), and the
     * read model's current block, whose hash links to all before it and covers the state-based
     * figures (units in use, pending, unaccounted for).
     */
    public List<SignedReports.Block> blocks(Period period, @Nullable String company, long asOfBlock) {
        String clock = "SELECT MIN(first_block), MAX(last_block) FROM rm_clock_day WHERE occurred_day >= ?"
                + " AND occurred_day <= ?" + (company == null ? "" : " AND participant = ?");
        String flow = "SELECT MIN(first_block), MAX(last_block) FROM rm_flow_day WHERE occurred_day >= ?"
                + " AND occurred_day <= ?" + (company == null ? "" : " AND (responsible = ? OR registered_by = ?)");
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        org.springframework.jdbc.core.RowCallbackHandler widen = rs -> {
            long first = rs.getLong(1);
            if (!rs.wasNull()) {
                range[0] = Math.min(range[0], first);
                range[1] = Math.max(range[1], rs.getLong(2));
            }
        };
        jdbc.query(clock, widen, company == null ? new Object[] {period.from(), period.to()}
                : new Object[] {period.from(), period.to(), company});
        jdbc.query(flow, widen, company == null ? new Object[] {period.from(), period.to()}
                : new Object[] {period.from(), period.to(), company, company});
        List<SignedReports.Block> out = new ArrayList<>();
        if (range[0] <= range[1]) {
            jdbc.query("SELECT block_number, block_hash FROM rm_block WHERE block_number >= ? AND block_number <= ?"
                    + " ORDER BY block_number", r -> {
                        out.add(new SignedReports.Block(r.getLong(1), r.getString(2)));
                    }, range[0], range[1]);
        }
        if (asOfBlock >= 0 && (out.isEmpty() || out.get(out.size() - 1).number() < asOfBlock)) {
            jdbc.query("SELECT block_number, block_hash FROM rm_block WHERE block_number = ?", r -> {
                out.add(new SignedReports.Block(r.getLong(1), r.getString(2)));
            }, asOfBlock);
        }
        return out;
    }
}
