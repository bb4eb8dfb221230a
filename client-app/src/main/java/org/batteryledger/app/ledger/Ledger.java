package org.batteryledger.app.ledger;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.batteryledger.app.identity.LedgerUser;

/**
 * The one way the application talks to the ledger, whichever runs behind it: the embedded
 * ledger (the default) or a Fabric network through the Gateway. Transaction names are the
 * chaincode's {@code org.batteryledger.chaincode.Transactions} constants.
 *
 * <pre>{@code
 * Commit c = ledger.submit(user, Transactions.SHIP, Map.of(), json).join();
 * String unit = ledger.evaluate(user, Transactions.GET_UNIT, code);
 * }</pre>
 *
 * <p>Failures: a {@link LedgerRejectedException} carries the contract's error code and is final;
 * a {@link LedgerUnavailableException} (ledger down, MVCC conflict, timeout) may be retried with
 * the same client event id, which the contract makes idempotent.
 */
public interface Ledger extends AutoCloseable {

    /**
     * Endorses, orders and commits a write as {@code user}. The future completes when the
     * transaction is committed, or exceptionally with {@link LedgerRejectedException} or
     * {@link LedgerUnavailableException}.
     */
    CompletableFuture<Commit> submit(LedgerUser user, String transaction, Map<String, byte[]> transientData,
            String... args);

    /** Runs a read as {@code user}; returns the contract's answer (JSON). */
    String evaluate(LedgerUser user, String transaction, String... args);

    /**
     * Delivers every chaincode event of committed valid transactions, block by block in order,
     * starting at {@code fromBlock}: first those already committed, then new ones as they
     * commit. The listener runs on one thread; closing the subscription stops delivery.
     */
    Subscription subscribe(long fromBlock, BlockListener listener);

    /** The number of committed blocks (the next block's number). */
    long height();

    @Override
    void close();

    /** Receives one block's events at a time. */
    @FunctionalInterface
    interface BlockListener {
        void onBlock(BlockEvents block);
    }

    /** A running event subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
