package org.batteryledger.app.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.batteryledger.chaincode.error.LedgerError;
import org.springframework.lang.Nullable;

/**
 * One write as the outbox holds it: what was asked, and what has become of it. Keyed by
 * participant and client event id, the same key the contract makes idempotent, so the outbox
 * and the ledger agree on what "the same write" means.
 *
 * @param sequence creation order; entries are sent in this order
 * @param transaction the chaincode transaction name ({@code Transactions} constant)
 * @param requestJson the request exactly as enqueued
 * @param transientData transient (private) data sent with the request; may hold commercial terms.
 *     Empty when the entry was read without it (status look-ups) and once it settled: the outbox
 *     keeps it encrypted only until then
 * @param attempts submissions made so far
 * @param nextAttemptAt when a PENDING entry is due to be sent (again)
 * @param lastError the message of the latest failure (a retryable one for PENDING, the
 *     contract's refusal for REJECTED)
 * @param errorCode the contract's error code of a REJECTED entry ({@link LedgerError} name), if it named one
 * @param txId the transaction that made the write (on a retried write that had already committed,
 *     the original one, as the contract's first result names it)
 * @param blockNumber the block of the commit that answered; the write is visible once a reader
 *     has reached it
 * @param resultJson the contract's result of a COMMITTED entry
 * @param purgedAt when the retention job reduced the settled entry to its tombstone: the request
 *     (then empty), the result and the transient data are gone; key, status, tx id, block and
 *     error are kept for good
 */
public record OutboxEntry(
        String participantId,
        String clientEventId,
        long sequence,
        String username,
        String transaction,
        String requestJson,
        Map<String, byte[]> transientData,
        OutboxStatus status,
        int attempts,
        Instant nextAttemptAt,
        @Nullable String lastError,
        @Nullable String errorCode,
        @Nullable String txId,
        @Nullable Long blockNumber,
        @Nullable String resultJson,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant purgedAt) {

    public OutboxEntry {
        transientData = copy(transientData);
    }

    /** A copy: the arrays are the caller's to change. */
    @Override
    public Map<String, byte[]> transientData() {
        return copy(transientData);
    }

    /** Whether only the tombstone is left (see {@code purgedAt}). */
    public boolean isPurged() {
        return purgedAt != null;
    }

    public boolean isSettled() {
        return status.isSettled();
    }

    /** The contract's error code of a REJECTED entry, when it named a known one. */
    public Optional<LedgerError> ledgerError() {
        if (errorCode == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LedgerError.valueOf(errorCode));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Leaves out the request and the transient values, which may hold commercial terms. */
    @Override
    public String toString() {
        return "OutboxEntry[" + participantId + "/" + clientEventId + " #" + sequence + " " + transaction + " "
                + status + " attempts=" + attempts + (txId == null ? "" : " tx=" + txId)
                + (errorCode == null ? "" : " error=" + errorCode) + " transient=" + transientData.keySet() + "]";
    }

    private static Map<String, byte[]> copy(@Nullable Map<String, byte[]> map) {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        if (map != null) {
            map.forEach((k, v) -> copy.put(k, v.clone()));
        }
        return java.util.Collections.unmodifiableMap(copy);
    }
}
