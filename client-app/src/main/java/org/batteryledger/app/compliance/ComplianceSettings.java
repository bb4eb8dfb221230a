package org.batteryledger.app.compliance;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;

/**
 * Compliance settings ({@code battery.compliance.*}). The day counts are policy choices of the
 * operator, not numbers from a regulation (the sources set none; domain.md §6.4 "after N days"),
 * and every report states the values it used.
 *
 * @param calendarFile a working-day calendar file replacing the bundled one (same format), so a
 *     new year's holiday notice needs no release; unset = the bundled file
 * @param retiredNotCollectedDays a retired (REMOVED) unit not collected within this many days is
 *     unaccounted for
 * @param pendingHandoverDays a handover still pending after this many days is stuck
 * @param repeatedAttempts this many refused or rejected attempts on one code make an anomaly
 * @param massToleranceBasisPoints a batch whose weighed input differs from the units' declared
 *     mass by more than this share (1/100 %) is a mass imbalance
 */
@ConfigurationProperties("battery.compliance")
public record ComplianceSettings(
        @Nullable Path calendarFile,
        @DefaultValue("30") int retiredNotCollectedDays,
        @DefaultValue("30") int pendingHandoverDays,
        @DefaultValue("2") int repeatedAttempts,
        @DefaultValue("500") int massToleranceBasisPoints) {

    public static ComplianceSettings defaults() {
        return new ComplianceSettings(null, 30, 30, 2, 500);
    }
}
