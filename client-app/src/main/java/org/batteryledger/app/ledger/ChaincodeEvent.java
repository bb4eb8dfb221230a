package org.batteryledger.app.ledger;

/** One chaincode event of a committed valid transaction, where it sits in the chain. */
public record ChaincodeEvent(long blockNumber, int txIndex, String txId, String name, byte[] payload) {}
