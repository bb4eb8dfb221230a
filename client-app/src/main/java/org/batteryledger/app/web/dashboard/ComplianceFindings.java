package org.batteryledger.app.web.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.batteryledger.app.compliance.ComplianceReports;
import org.batteryledger.app.compliance.Period;
import org.batteryledger.app.compliance.Report;
import org.batteryledger.app.compliance.ReportName;
import org.batteryledger.app.compliance.anomalies.AnomalyKind;
import org.batteryledger.app.security.AppUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The compliance package's anomaly report as dashboard findings: the last twelve months, all
 * companies for authorities and the user's own otherwise, at most {@link #LIMIT} per kind (the
 * full lists are under {@code /api/anomalies}). Overdue reports are the {@code OVERDUE_REPORT} kind.
 * The report scans the read model, so each answer is kept for a minute per company.
 */
@Component
class ComplianceFindings implements DashboardFindings {
    static final int LIMIT = 20;
    private static final long TTL_NANOS = 60_000_000_000L;

    private record Cached(List<Finding> anomalies, List<Finding> overdue, long at) {}

    private final ComplianceReports reports;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Autowired
    ComplianceFindings(ComplianceReports reports) {
        this(reports, Clock.systemUTC());
    }

    ComplianceFindings(ComplianceReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public List<Finding> anomalies(AppUser user) {
        return findings(user).anomalies();
    }

    @Override
    public List<Finding> overdue(AppUser user) {
        return findings(user).overdue();
    }

    private Cached findings(AppUser user) {
        String company = user.role().isAuthority() ? null : user.participantId();
        String key = company == null ? "" : company;
        long now = System.nanoTime();
        Cached c = cache.get(key);
        if (c != null && now - c.at() < TTL_NANOS) {
            return c;
        }
        LocalDate today = LocalDate.now(clock.withZone(Period.CHINA));
        Report r = reports.report(ReportName.ANOMALIES, new Period(today.minusYears(1).plusDays(1), today), company,
                null, LIMIT);
        List<Finding> all = r.rows().stream().map(row -> finding(r, row)).toList();
        c = new Cached(all.stream().filter(f -> !f.kind().equals(AnomalyKind.OVERDUE_REPORT.name())).toList(),
                all.stream().filter(f -> f.kind().equals(AnomalyKind.OVERDUE_REPORT.name())).toList(), now);
        cache.put(key, c);
        return c;
    }

    private static Finding finding(Report r, List<Object> row) {
        return new Finding(text(r.value(row, "kind")), text(r.value(row, "subject")), text(r.value(row, "company")),
                text(r.value(row, "detail")), instant(r.value(row, "at")));
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    /** The report gives times as ISO instants or dates (a date is taken at its start in China). */
    private static Instant instant(Object at) {
        if (at == null) {
            return null;
        }
        String s = at.toString();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s).atStartOfDay(Period.CHINA)
                        .toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
