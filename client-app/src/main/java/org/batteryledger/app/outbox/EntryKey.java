package org.batteryledger.app.outbox;

/** The key of an outbox entry, and of the contract's idempotency: participant and client event id. */
record EntryKey(String participantId, String clientEventId) {
    static EntryKey of(OutboxEntry e) {
        return new EntryKey(e.participantId(), e.clientEventId());
    }
}
