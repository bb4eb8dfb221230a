package org.batteryledger.chaincode.tx;

import java.time.Instant;

/**
 * What every write carries: the client's event id, which makes the write idempotent, and
 * optionally when the event happened in the world, which the reporting clocks of 溯源规定
 * Arts 9–15 start from. Absent, the transaction time is used.
 */
public interface Request {
    String clientEventId();

    Instant occurredAt();

    /** Adds the request's own field rules; the common ones are checked by {@link WriteTx}. */
    default void validate(Violations v) {}
}
