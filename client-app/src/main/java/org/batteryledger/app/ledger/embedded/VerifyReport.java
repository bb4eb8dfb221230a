package org.batteryledger.app.ledger.embedded;

/**
 * The outcome of {@link EmbeddedLedger#verify()}: whether the hash chain, the stored transactions
 * and the world state agree. On failure, {@code firstBadBlock} is the lowest block found not to
 * match and {@code problem} says what (for world-state tampering, the first key that differs).
 *
 * @param ok nothing was found wrong
 * @param blocksChecked blocks whose hashes were recomputed
 * @param firstBadBlock the first block that does not match, or {@code null} when ok
 * @param problem what does not match, or {@code null} when ok
 */
public record VerifyReport(boolean ok, long blocksChecked, Long firstBadBlock, String problem) {

    static VerifyReport passed(long blocksChecked) {
        return new VerifyReport(true, blocksChecked, null, null);
    }

    static VerifyReport failed(long blocksChecked, long block, String problem) {
        return new VerifyReport(false, blocksChecked, block, problem);
    }
}
