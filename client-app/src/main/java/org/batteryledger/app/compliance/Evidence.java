package org.batteryledger.app.compliance;

/**
 * How sure the sources are of a threshold or deadline, as domain.md marks it: reports and docs
 * carry the marker so that no unconfirmed number passes for a confirmed one.
 */
public enum Evidence {
    /** ✅ confirmed from the regulation's text or an official page. */
    CONFIRMED,
    /** ⚠️ from a secondary summary only. */
    SECONDARY,
    /** ❓ not confirmed; used as the best available figure. */
    UNCONFIRMED;

    public String marker() {
        return switch (this) {
            case CONFIRMED -> "confirmed";
            case SECONDARY -> "secondary source only";
            case UNCONFIRMED -> "UNCONFIRMED";
        };
    }
}
