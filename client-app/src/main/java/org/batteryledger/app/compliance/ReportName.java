package org.batteryledger.app.compliance;

import java.util.Arrays;
import java.util.Optional;

/** The reports under {@code /api/reports/{name}}. */
public enum ReportName {
    DEADLINES("deadlines", "Reporting deadlines (China, working days)"),
    PRODUCER_RESPONSIBILITY("producer-responsibility", "Producer responsibility per automaker and battery maker"),
    RECYCLING_EFFICIENCY("recycling-efficiency", "EU recycling efficiency per recycler, year and chemistry"),
    MATERIAL_RECOVERY("material-recovery", "EU material recovery per recycler, year and element"),
    RECYCLED_CONTENT("recycled-content", "EU recycled content per model, year and plant"),
    PASSPORT_COMPLETENESS("passport-completeness", "EU battery passport completeness"),
    ANOMALIES("anomalies", "Anomalies for the regulator");

    private final String path;
    private final String title;

    ReportName(String path, String title) {
        this.path = path;
        this.title = title;
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    public static Optional<ReportName> of(String path) {
        return Arrays.stream(values()).filter(r -> r.path.equals(path)).findFirst();
    }
}
