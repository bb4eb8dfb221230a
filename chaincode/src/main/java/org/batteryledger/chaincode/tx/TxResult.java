package org.batteryledger.chaincode.tx;

import java.time.Instant;
import java.util.List;

/**
 * What a write returns, and what a repeat of the same client event id returns again, unchanged.
 * The full after-state of every unit travels in the chaincode event, not here.
 */
public record TxResult(
        String txId, String type, String event, String clientEventId, List<String> codes, Instant recordedAt) {}
