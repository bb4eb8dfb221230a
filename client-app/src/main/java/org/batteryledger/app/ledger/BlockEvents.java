package org.batteryledger.app.ledger;

import java.util.List;
import org.springframework.lang.Nullable;

/**
 * The chaincode events of one committed block, in transaction order (may be empty), and the
 * block's hash (lowercase hex) when the ledger supplies it: the read model stores it so that a
 * signed compliance export can name the blocks its figures rest on. The embedded ledger gives
 * the hash of its {@code BlockHeader}; a Fabric adapter gives the SHA-256 of the block header
 * (number, previous hash, data hash), or null when it cannot.
 */
public record BlockEvents(long blockNumber, List<ChaincodeEvent> events, @Nullable String blockHash) {
    public BlockEvents {
        events = List.copyOf(events);
    }

    /** A block whose hash is not known. */
    public BlockEvents(long blockNumber, List<ChaincodeEvent> events) {
        this(blockNumber, events, null);
    }
}
