package org.batteryledger.app.ledger.embedded;

import java.time.Instant;

/**
 * A committed block's header as stored: its number, the hash of the block before it (32 zero
 * bytes for the genesis block), the SHA-256 of its transactions, and its own hash =
 * SHA-256(number ‖ previousHash ‖ dataHash). Hashes are lowercase hex.
 *
 * @param number the block number (0 is the genesis block, which holds no transaction)
 * @param previousHash the hash of block {@code number - 1}
 * @param dataHash SHA-256 over the canonical bytes of the block's transactions
 * @param hash this block's hash, which the next block links to
 * @param transactionCount valid and invalid transactions in the block
 * @param committedAt when the ledger committed it (wall clock, informative only)
 */
public record BlockHeader(long number, String previousHash, String dataHash, String hash, int transactionCount,
        Instant committedAt) {}
