package org.batteryledger.chaincode.unit;

/** The battery status of the EU passport, Annex XIII point 4(c) of Regulation (EU) 2023/1542. */
public enum EuStatus {
    ORIGINAL,
    REUSED,
    REPURPOSED,
    REMANUFACTURED,
    WASTE
}
