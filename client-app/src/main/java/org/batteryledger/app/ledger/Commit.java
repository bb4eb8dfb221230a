package org.batteryledger.app.ledger;

/** A committed write: its transaction id, the block it is in, and the contract's result (JSON). */
public record Commit(String txId, long blockNumber, String result) {}
