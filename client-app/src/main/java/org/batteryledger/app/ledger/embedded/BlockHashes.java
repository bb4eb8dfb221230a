package org.batteryledger.app.ledger.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Block hashes read from an embedded ledger's files, for checking an export offline: opens the
 * ledger in {@code dataDir} (the application must not be running on it), checks its whole hash
 * chain and state ({@link EmbeddedLedger#verify()}), and returns the hash of each block asked for
 * that exists.
 */
public final class BlockHashes {
    private BlockHashes() {}

    /** The chain check and the hashes found; blocks absent from the ledger are absent from the map. */
    public record Result(VerifyReport chain, Map<Long, String> hashes) {}

    public static Result read(Path dataDir, Collection<Long> numbers) {
        if (!Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("no embedded ledger directory at " + dataDir);
        }
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dataDir)) {
            VerifyReport chain = ledger.verify();
            Map<Long, String> out = new TreeMap<>();
            for (long n : numbers) {
                ledger.block(n).ifPresent(h -> out.put(n, h.hash()));
            }
            return new Result(chain, out);
        }
    }
}
