package org.batteryledger.app.compliance.anomalies;

/** What the regulator is shown (issue 6; domain.md §6.4 custody, destination, mass balance, 车电一体). */
public enum AnomalyKind {
    /** The same code handed over and rejected again and again, or refused writes repeated on it. */
    REPEATED_ATTEMPTS,
    /** A recycling batch whose masses do not add up, or whose weighed input differs from the units' declared mass. */
    MASS_IMBALANCE,
    /** An end-of-life unit received by a company not certified for it that day. */
    DIVERTED_TO_UNCERTIFIED,
    /** A sold vehicle with no pack bound, or a scrapping refused because its pack was missing (车电一体). */
    VEHICLE_WITHOUT_PACK,
    /** An event recorded after its 溯源规定 deadline. */
    OVERDUE_REPORT,
    /** A handover offered and neither accepted nor rejected within the set number of days. */
    LONG_PENDING_HANDOVER,
    /** A retired unit not collected within the set number of days. */
    RETIRED_NOT_COLLECTED
}
