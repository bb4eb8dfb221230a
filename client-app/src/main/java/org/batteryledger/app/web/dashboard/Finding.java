package org.batteryledger.app.web.dashboard;

import java.time.Instant;

/**
 * One thing a dashboard points out: an anomaly on the ledger or an overdue report.
 *
 * @param kind a stable key, e.g. {@code CUSTODY_GAP} or {@code REPORT_OVERDUE}
 * @param subject what it is about: a unit code, a participant id or a report id
 * @param participant the company concerned, if any (dashboards of companies show only theirs)
 * @param detail one line in plain words
 * @param since when it started (or fell due)
 */
public record Finding(String kind, String subject, String participant, String detail, Instant since) {}
