package org.batteryledger.app.ledger.embedded;

/**
 * A key's version, as Fabric's state database keeps it: the height (block number, transaction
 * index) of the last committed transaction that wrote the key. Packed into one {@code long};
 * {@link #ABSENT} stands for "no committed value" (never written, or deleted).
 */
final class Version {
    static final long ABSENT = -1L;
    /** Transactions per block must stay below 2^20 for the packing. */
    static final int TX_BITS = 20;
    static final int MAX_TX_PER_BLOCK = (1 << TX_BITS) - 1;

    private Version() {}

    static long of(long block, int tx) {
        return (block << TX_BITS) | tx;
    }

    static long block(long version) {
        return version >>> TX_BITS;
    }

    static int tx(long version) {
        return (int) (version & MAX_TX_PER_BLOCK);
    }

    static String describe(long version) {
        return version == ABSENT ? "absent" : block(version) + ":" + tx(version);
    }
}
