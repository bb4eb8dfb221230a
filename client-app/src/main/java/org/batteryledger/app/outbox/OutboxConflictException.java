package org.batteryledger.app.outbox;

/**
 * A client event id was enqueued again with another transaction or request. The first request
 * stands: the ledger would refuse the second as {@code DUPLICATE}, so the outbox refuses it up
 * front instead of queueing a write that can only fail.
 */
public class OutboxConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String participantId;
    private final String clientEventId;

    public OutboxConflictException(String participantId, String clientEventId, String existingTransaction) {
        super("client event id " + clientEventId + " of participant " + participantId
                + " was already accepted for another request (" + existingTransaction + ")");
        this.participantId = participantId;
        this.clientEventId = clientEventId;
    }

    public String participantId() {
        return participantId;
    }

    public String clientEventId() {
        return clientEventId;
    }
}
