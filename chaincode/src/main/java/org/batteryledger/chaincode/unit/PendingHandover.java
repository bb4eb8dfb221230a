package org.batteryledger.chaincode.unit;

import java.time.Instant;

/**
 * An offered, not yet answered, change of custody. Until the receiver accepts, the sender
 * still holds the unit. {@code commercialHash} is the SHA-256 of the commercial details kept in
 * the parties' private data collections (authority tier).
 */
public record PendingHandover(String from, String to, Instant offeredAt, String offerTxId, String commercialHash) {}
