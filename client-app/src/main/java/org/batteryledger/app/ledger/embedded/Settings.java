package org.batteryledger.app.ledger.embedded;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of an {@link EmbeddedLedger}. The block-cutting pair mirrors a Fabric orderer's {@code
 * BatchSize.MaxMessageCount} and {@code BatchTimeout}: a block is cut when it holds {@code
 * maxBlockTransactions} transactions or {@code batchTimeout} after its first one arrived,
 * whichever comes first.
 *
 * @param maxBlockTransactions at most this many transactions per block (1 to 100,000)
 * @param batchTimeout how long the first transaction of a block waits for company
 * @param maxPendingTransactions simulated transactions that may wait for a block before
 *     {@code submit} blocks its caller (back-pressure)
 * @param submitTimeout how long {@code submit} waits for room before failing with
 *     {@code LedgerUnavailableException}
 * @param stateCacheEntries committed world-state entries (present or absent) kept in memory for
 *     point reads; 0 disables the cache
 * @param h2CacheSizeKb the ledger file's page cache (H2 MVStore), in KB (rounded down to MB, at
 *     least 1 MB)
 * @param clock where transaction timestamps come from (the ledger stamps each proposal)
 */
public record Settings(
        int maxBlockTransactions,
        Duration batchTimeout,
        int maxPendingTransactions,
        Duration submitTimeout,
        int stateCacheEntries,
        int h2CacheSizeKb,
        Clock clock) {

    public Settings {
        if (maxBlockTransactions < 1 || maxBlockTransactions > 100_000) {
            throw new IllegalArgumentException("maxBlockTransactions must be 1..100000: " + maxBlockTransactions);
        }
        Objects.requireNonNull(batchTimeout, "batchTimeout");
        if (batchTimeout.isNegative()) {
            throw new IllegalArgumentException("batchTimeout must not be negative");
        }
        if (maxPendingTransactions < 1) {
            throw new IllegalArgumentException("maxPendingTransactions must be positive");
        }
        Objects.requireNonNull(submitTimeout, "submitTimeout");
        if (stateCacheEntries < 0 || h2CacheSizeKb < 0) {
            throw new IllegalArgumentException("cache sizes must not be negative");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** 500 transactions or 10 ms per block, 20,000 pending, 100,000 cached entries, a 64 MB page cache. */
    public static Settings defaults() {
        return new Settings(500, Duration.ofMillis(10), 20_000, Duration.ofSeconds(30), 100_000, 65_536,
                Clock.systemUTC());
    }

    public Settings withMaxBlockTransactions(int value) {
        return new Settings(value, batchTimeout, maxPendingTransactions, submitTimeout,
                stateCacheEntries, h2CacheSizeKb, clock);
    }

    public Settings withBatchTimeout(Duration value) {
        return new Settings(maxBlockTransactions, value, maxPendingTransactions, submitTimeout,
                stateCacheEntries, h2CacheSizeKb, clock);
    }

    public Settings withMaxPendingTransactions(int value) {
        return new Settings(maxBlockTransactions, batchTimeout, value, submitTimeout,
                stateCacheEntries, h2CacheSizeKb, clock);
    }

    public Settings withSubmitTimeout(Duration value) {
        return new Settings(maxBlockTransactions, batchTimeout, maxPendingTransactions, value,
                stateCacheEntries, h2CacheSizeKb, clock);
    }

    public Settings withStateCacheEntries(int value) {
        return new Settings(maxBlockTransactions, batchTimeout, maxPendingTransactions, submitTimeout,
                value, h2CacheSizeKb, clock);
    }

    public Settings withH2CacheSizeKb(int value) {
        return new Settings(maxBlockTransactions, batchTimeout, maxPendingTransactions, submitTimeout,
                stateCacheEntries, value, clock);
    }

    public Settings withClock(Clock value) {
        return new Settings(maxBlockTransactions, batchTimeout, maxPendingTransactions, submitTimeout,
                stateCacheEntries, h2CacheSizeKb, value);
    }
}
