package org.batteryledger.chaincode.recycling;

/** The treatment route, which decides the 规范条件 2024年本 recovery thresholds that apply. */
public enum RecyclingRoute {
    /** Smelting: Li ≥ 90 %, Ni/Co/Mn ≥ 98 % (规范条件 2024年本). */
    PYROMETALLURGY,
    HYDROMETALLURGY,
    /** Material repair: recovered mass ≥ 99 % of target materials (规范条件 2024年本). */
    MATERIAL_REPAIR,
    MECHANICAL
}
