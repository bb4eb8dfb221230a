package org.batteryledger.app.web.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.batteryledger.app.readmodel.ReadModelQueries;
import org.batteryledger.app.readmodel.UnitEvent;
import org.batteryledger.app.readmodel.UnitSummary;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.unit.Status;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The one place dashboards get their figures: the read model for counts and flows, and every
 * {@link DashboardFindings} bean for anomalies and overdue reports. Authorities see everything;
 * a company sees the units it answers for under EPR (domain.md §3).
 */
@Service
public class DashboardData {
    /** Collection events read per month chart; past this the chart says "at least". */
    static final int MAX_EVENTS = 20_000;
    private static final int PAGE = ReadModelQueries.MAX_PAGE;
    private static final int MONTHS = 12;

    private final ReadModelQueries queries;
    private final List<DashboardFindings> findings;
    private final Clock clock;

    @Autowired
    public DashboardData(ReadModelQueries queries, List<DashboardFindings> findings) {
        this(queries, findings, Clock.systemUTC());
    }

    DashboardData(ReadModelQueries queries, List<DashboardFindings> findings, Clock clock) {
        this.queries = queries;
        this.findings = List.copyOf(findings);
        this.clock = clock;
    }

    public Dashboard forUser(AppUser user) {
        boolean all = user.role().isAuthority();
        Map<Status, Long> byStatus = all ? queries.countByStatus() : queries.countByStatus(user.participantId());
        Map<String, Map<Status, Long>> byCompany = all ? byCompanyName() : Map.of();
        List<Finding> anomalies = new ArrayList<>();
        List<Finding> overdue = new ArrayList<>();
        for (DashboardFindings f : findings) {
            anomalies.addAll(f.anomalies(user));
            overdue.addAll(f.overdue(user));
        }
        return new Dashboard(all ? "ALL" : "RESPONSIBLE", byStatus, byCompany,
                collectedByMonth(all ? null : user.participantId()), anomalies, overdue);
    }

    private Map<String, Map<Status, Long>> byCompanyName() {
        Map<String, String> names = new TreeMap<>();
        queries.participants().forEach(p -> names.put(p.id(), p.name()));
        Map<String, Map<Status, Long>> out = new LinkedHashMap<>();
        queries.countByResponsibleAndStatus().forEach((id, counts) -> out.put(names.getOrDefault(id, id), counts));
        return out;
    }

    /** Collections per month (UnitCollected, by when they occurred), for one responsible party or all. */
    private Map<YearMonth, Long> collectedByMonth(String responsible) {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        Map<YearMonth, Long> out = new LinkedHashMap<>();
        for (int i = MONTHS - 1; i >= 0; i--) {
            out.put(now.minusMonths(i), 0L);
        }
        Instant from = now.minusMonths(MONTHS - 1L).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant before = now.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (long offset = 0; offset < MAX_EVENTS; offset += PAGE) {
            List<UnitEvent> page = queries.eventsByAction(Action.COLLECT.name(), from, before, PAGE, offset);
            for (UnitEvent e : page) {
                if (responsible == null || queries.summary(e.code()).map(UnitSummary::responsible)
                        .filter(responsible::equals).isPresent()) {
                    out.merge(YearMonth.from(e.occurredAt().atZone(ZoneOffset.UTC)), 1L, Long::sum);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return out;
    }
}
