package org.batteryledger.app.readmodel;

/**
 * Which units count as a company's own on its dashboard: those it holds now, those it answers for
 * under EPR, or both. A unit that is both held and answered for counts once.
 */
public enum UnitScope {
    /** The company is the current holder ({@code rm_unit.holder}). */
    HELD,
    /** The company is the responsible producer ({@code rm_unit.responsible}). */
    RESPONSIBLE,
    /** Either of the two; each unit once. */
    HELD_OR_RESPONSIBLE
}
