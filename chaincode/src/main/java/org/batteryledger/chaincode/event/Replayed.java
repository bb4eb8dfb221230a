package org.batteryledger.chaincode.event;

/**
 * The event of a write whose client event id was already accepted: nothing changed; the read
 * model ignores it, and it tells the client its retry landed on the first result.
 */
public record Replayed(String clientEventId, String participant, String originalTxId) {
    public static final String NAME = "Replayed";
}
