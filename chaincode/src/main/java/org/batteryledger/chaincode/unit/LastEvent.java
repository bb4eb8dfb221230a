package org.batteryledger.chaincode.unit;

import java.time.Instant;

/**
 * What produced this version of the unit: stored with the state, so the key history is the
 * unit's timeline. {@code occurredAt} is when it happened (the trigger of the reporting clocks),
 * {@code recordedAt} the transaction time.
 */
public record LastEvent(
        String action, String txId, Instant recordedAt, Instant occurredAt, String participant, String role,
        String counterparty) {}
