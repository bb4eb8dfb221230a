package org.batteryledger.chaincode.access;

import java.util.Optional;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.participant.Participants;
import org.batteryledger.chaincode.participant.Role;
import org.hyperledger.fabric.contract.ClientIdentity;

/**
 * Turns a transaction's creator into a {@link Caller}. The certificate's attributes are trusted
 * only together with its MSP id and the registry: the participant must exist, belong to that
 * MSP, and have the claimed role. Whether it is active is checked apart, so that a repeated
 * request can still be answered with its first result.
 */
public final class Callers {
    private Callers() {}

    /** The caller, or FORBIDDEN naming what did not match. */
    public static Caller identify(ClientIdentity identity, Participants participants) {
        String msp = identity.getMSPID();
        String participantId = identity.getAttributeValue(CallerAttributes.PARTICIPANT);
        String roleName = identity.getAttributeValue(CallerAttributes.ROLE);
        if (participantId == null || roleName == null) {
            throw new LedgerException(LedgerError.FORBIDDEN,
                    "caller certificate of %s carries no '%s' and '%s' attributes", msp,
                    CallerAttributes.PARTICIPANT, CallerAttributes.ROLE);
        }
        Role role = parseRole(roleName);
        Participant participant = participants.find(participantId).orElseThrow(() -> new LedgerException(
                LedgerError.FORBIDDEN, "caller acts for %s, which is not in the registry", participantId));
        if (!participant.mspId().equals(msp)) {
            throw new LedgerException(LedgerError.FORBIDDEN,
                    "caller's organisation %s is not %s's organisation %s", msp, participantId, participant.mspId());
        }
        if (!participant.hasRole(role)) {
            throw new LedgerException(LedgerError.FORBIDDEN,
                    "%s is not registered in role %s (its roles: %s)", participantId, role, participant.roles());
        }
        String enrollment = identity.getAttributeValue(CallerAttributes.ENROLLMENT_ID);
        return new Caller(msp, enrollment == null ? identity.getId() : enrollment, role, participant);
    }

    /** For reads: a caller the registry does not know, or not active, reads the public tier. */
    public static Optional<Caller> tryIdentify(ClientIdentity identity, Participants participants) {
        try {
            Caller caller = identify(identity, participants);
            return caller.participant().isActive() ? Optional.of(caller) : Optional.empty();
        } catch (LedgerException e) {
            return Optional.empty();
        }
    }

    public static Role parseRole(String roleName) {
        try {
            return Role.valueOf(roleName);
        } catch (IllegalArgumentException e) {
            throw new LedgerException(LedgerError.FORBIDDEN, "caller role '%s' is not a known role", roleName);
        }
    }
}
