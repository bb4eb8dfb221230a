package org.batteryledger.chaincode.recycling;

/**
 * Elements whose recovery is recorded per batch: the EU material-recovery set (Co, Cu, Li, Ni,
 * Pb; Regulation 2023/1542 Annex XII Part C) plus Mn and Al, which China's 规范条件 2024年本 and
 * the impurity limits name.
 */
public enum Element {
    LI,
    CO,
    NI,
    MN,
    CU,
    AL,
    PB
}
