package org.batteryledger.chaincode.participant;

/** A registry entry's standing. Only ACTIVE companies act; REVOKED is final. */
public enum ParticipantStatus {
    ACTIVE,
    SUSPENDED,
    REVOKED
}
