package org.batteryledger.app.ledger.embedded;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.batteryledger.app.ledger.Commit;

/**
 * An endorsed transaction on its way to a block: what the simulation produced, the canonical
 * bytes of everything but its position and validation code (computed on the submitter's thread,
 * off the committer's), and the future its submitter waits on.
 */
final class PendingTx {
    final String txId;
    final Instant timestamp;
    final String creatorMsp;
    final byte[] creator;
    final byte[] creatorHash;
    final String function;
    final RwSet rwset;
    final byte[] rwsetBytes;
    final String eventName;
    final byte[] eventPayload;
    final String result;
    final byte[] body;
    final CompletableFuture<Commit> future = new CompletableFuture<>();

    PendingTx(String txId, Instant timestamp, String creatorMsp, byte[] creator, String function, RwSet rwset,
            String eventName, byte[] eventPayload, String result) {
        this.txId = txId;
        this.timestamp = timestamp;
        this.creatorMsp = creatorMsp;
        this.creator = creator;
        this.creatorHash = Bytes.sha256(creator);
        this.function = function;
        this.rwset = rwset;
        this.rwsetBytes = rwset.encode();
        this.eventName = eventName;
        this.eventPayload = eventPayload;
        this.result = result;
        this.body = body(txId, timestamp.getEpochSecond(), timestamp.getNano(), creatorMsp, creatorHash, function,
                rwsetBytes, eventName, eventPayload);
    }

    /**
     * The canonical bytes of a transaction apart from its index and validation code. {@code verify}
     * recomputes them from the stored row, so both must agree byte for byte.
     */
    static byte[] body(String txId, long tsSeconds, int tsNanos, String creatorMsp, byte[] creatorHash,
            String function, byte[] rwsetBytes, String eventName, byte[] eventPayload) {
        Canonical.Writer w = new Canonical.Writer(rwsetBytes.length + (eventPayload == null ? 0 : eventPayload.length)
                + 256);
        w.str(txId).i64(tsSeconds).i32(tsNanos).str(creatorMsp).raw(creatorHash).str(function).bytes(rwsetBytes)
                .nullableStr(eventName).nullableBytes(eventPayload);
        return w.toByteArray();
    }
}
