package org.batteryledger.app.web.dashboard;

import java.util.List;
import org.batteryledger.app.security.AppUser;

/**
 * A source of findings for the dashboards, e.g. the compliance package's anomaly detector and
 * report deadlines. Every bean of this type is asked; adding a source is adding a bean.
 */
public interface DashboardFindings {

    /** Anomalies the user may see: all for authorities, the user's company's otherwise. */
    List<Finding> anomalies(AppUser user);

    /** Reports past their deadline that the user's company (or, for authorities, anyone) owes. */
    List<Finding> overdue(AppUser user);
}
