package org.batteryledger.app.web.dashboard;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.unit.Status;

/**
 * What a dashboard shows one user.
 *
 * @param scope {@code ALL} for authorities, {@code RESPONSIBLE} for units the company answers for
 * @param byStatus units per status, every status present
 * @param byCompany units per responsible company (name) and status; authorities only, else empty
 * @param collectedByMonth units collected per month, the last twelve months, oldest first
 * @param anomalies anomalies from every {@link DashboardFindings}
 * @param overdue overdue reports from every {@link DashboardFindings}
 */
public record Dashboard(String scope, Map<Status, Long> byStatus, Map<String, Map<Status, Long>> byCompany,
        Map<YearMonth, Long> collectedByMonth, List<Finding> anomalies, List<Finding> overdue) {

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
