package org.batteryledger.chaincode.participant;

import java.time.Instant;
import org.batteryledger.chaincode.tx.Request;
import org.batteryledger.chaincode.tx.Violations;

/** The requests of the registry's writes. */
public final class ParticipantRequests {
    private ParticipantRequests() {}

    /** Registers a participant, or (bootstrap) the first regulator. */
    public record Register(String clientEventId, Instant occurredAt, ParticipantInput participant) implements Request {
        @Override
        public void validate(Violations v) {
            if (participant == null) {
                v.required(null, "participant");
            } else {
                participant.validate(v, "participant");
            }
        }
    }

    /** Replaces name, roles, MSP id and prefixes of an entry. */
    public record Update(String clientEventId, Instant occurredAt, ParticipantInput participant) implements Request {
        @Override
        public void validate(Violations v) {
            if (participant == null) {
                v.required(null, "participant");
            } else {
                participant.validate(v, "participant");
            }
        }
    }

    /** Adds a certification, or replaces the one of the same type and number (a renewal or correction). */
    public record Certify(String clientEventId, Instant occurredAt, String participantId, Certification certification)
            implements Request {
        @Override
        public void validate(Violations v) {
            v.required(participantId, "participantId");
            ParticipantInput.validateCertification(v, certification, "certification");
        }
    }

    /** Suspends, reinstates or revokes. */
    public record Standing(String clientEventId, Instant occurredAt, String participantId, String reason)
            implements Request {
        @Override
        public void validate(Violations v) {
            v.required(participantId, "participantId");
            v.text(reason, 500, "reason");
        }
    }
}
