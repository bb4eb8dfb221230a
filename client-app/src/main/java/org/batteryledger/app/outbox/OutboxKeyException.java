package org.batteryledger.app.outbox;

/**
 * The transient data of an outbox entry cannot be decrypted: the outbox key is not the one it was
 * written with, or the row was altered. The entry stays PENDING (it is retried, never dropped)
 * until the right key is configured.
 */
public final class OutboxKeyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    OutboxKeyException(String message) {
        super(message);
    }
}
