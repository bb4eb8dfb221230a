package org.batteryledger.app.outbox;

/** Where an outbox entry stands. Only {@link #PENDING} entries are ever sent again. */
public enum OutboxStatus {
    /** Accepted by the application, not yet answered by the ledger (never sent, in flight, or waiting to retry). */
    PENDING,
    /** The ledger committed the write (or answered a repeat of it with its first result). */
    COMMITTED,
    /** The contract refused the write; final, retrying would get the same answer. */
    REJECTED;

    /** Whether the ledger has given its final answer. */
    public boolean isSettled() {
        return this != PENDING;
    }
}
