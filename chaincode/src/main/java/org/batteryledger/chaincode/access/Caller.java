package org.batteryledger.chaincode.access;

import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.participant.Role;

/**
 * Who is calling: the Fabric MSP id and the certificate's attributes, already checked against
 * the registry. {@code participant} is the registry entry the caller acts for.
 */
public record Caller(String mspId, String enrollmentId, Role role, Participant participant) {

    public String participantId() {
        return participant.id();
    }
}
