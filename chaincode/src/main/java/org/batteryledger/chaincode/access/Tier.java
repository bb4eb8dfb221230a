package org.batteryledger.chaincode.access;

/**
 * Passport access categories of EU 2023/1542 Art. 77(2): public (Annex XIII point 1),
 * legitimate interest (points 2 and 4), authorities (points 2 and 3, and everything).
 */
public enum Tier {
    PUBLIC,
    LEGITIMATE_INTEREST,
    AUTHORITY
}
