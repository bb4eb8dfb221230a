package org.batteryledger.app.ledger.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.hyperledger.fabric.contract.InProcessRouter;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * The embedded ledger: the chaincode's contracts, unchanged, run in-process through the shim's
 * contract router over a world state in an H2 file, with Fabric's transaction flow.
 *
 * <ol>
 *   <li><b>Endorse</b>: {@link #submit} simulates the transaction at once on the caller's thread
 *       (simulations run concurrently) with a {@code ChaincodeStub} over H2, recording its read set (each key with
 *       the version it had) and write set. A contract error (status ≥ 400) fails the future right
 *       away with {@link LedgerRejectedException}, as a failed endorsement never reaches the orderer.
 *   <li><b>Order</b>: endorsed transactions queue up for one committer thread, which cuts blocks of
 *       up to {@link Settings#maxBlockTransactions()} or after {@link Settings#batchTimeout()}.
 *   <li><b>Validate</b> in block order: a read whose version changed (including by an earlier
 *       transaction of the same block) makes the transaction invalid with {@code
 *       MVCC_READ_CONFLICT} ({@code PHANTOM_READ_CONFLICT} for range queries); its future fails with
 *       {@link LedgerUnavailableException#isMvccConflict()} true, nothing of it is applied, and a
 *       retry with the same client event id is safe (the contract is idempotent).
 *   <li><b>Commit</b> each block in one H2 transaction (state, history, private data, transaction
 *       rows, block row), hash-chained to the block before; then the futures complete with {@link
 *       Commit} and subscribers get the block's events.
 * </ol>
 *
 * <p>The transaction id is SHA-256(nonce ‖ creator) in hex as on Fabric (the nonce is random: the
 * embedded ledger is its own orderer); the timestamp is the ledger's clock at submit; the creator
 * is the user's serialized identity, so {@code ClientIdentity} works unchanged; {@code
 * getMspId()} is the caller's organisation (an org's client endorses on its own peer). Reads in
 * {@link #evaluate} see committed state; nothing they write is kept.
 *
 * <p>Threads: submit and evaluate may be called from any number of threads; {@code submit} blocks
 * only when {@link Settings#maxPendingTransactions()} transactions already wait for a block.
 * Futures complete on the ledger's notifier thread: dependent actions attached with non-async
 * methods run there, so keep them short (never wait on another ledger future there) or use the
 * {@code …Async} variants. Each subscription has its own delivery thread. {@link #close()} commits
 * what was submitted, then stops. The first submit or evaluate of the JVM builds the contract
 * router (a classpath scan of a few seconds); call {@code InProcessRouter.shared()} at start-up to
 * pay that early.
 *
 * <pre>{@code
 * EmbeddedLedger ledger = EmbeddedLedger.open(Path.of("data/ledger"), Settings.defaults());
 * Commit c = ledger.submit(user, Transactions.SHIP, Map.of(), json).join();
 * }</pre>
 */
public final class EmbeddedLedger implements Ledger {
    private static final Logger LOG = Logger.getLogger(EmbeddedLedger.class.getName());
    private static final AtomicLong INSTANCES = new AtomicLong();
    /** Directories with an open ledger in this JVM: H2 would let a second one share the file. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final Settings settings;
    private final Store store;
    private final Committer committer;
    private final EventHub events;
    private final Thread committerThread;
    private final ExecutorService notifier;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final byte[] noncePrefix = new byte[16];
    private final AtomicLong nonceCounter = new AtomicLong();

    private EmbeddedLedger(Path dataDir, Settings settings) {
        this.dataDir = dataDir;
        this.settings = settings;
        new SecureRandom().nextBytes(noncePrefix);
        store = Store.open(dataDir, settings);
        try {
            committer = new Committer(store, settings, new Committer.Listener() {
                @Override
                public void committed(Committer.CommittedBlock block) {
                    onCommitted(block);
                }

                @Override
                public void failed(List<PendingTx> txs, Exception cause) {
                    onFailed(txs, cause);
                }
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        events = new EventHub(store, committer.height());
        long id = INSTANCES.incrementAndGet();
        notifier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "embedded-ledger-notifier-" + id);
            t.setDaemon(true);
            return t;
        });
        committerThread = new Thread(committer, "embedded-ledger-committer-" + id);
        committerThread.setDaemon(true);
        committerThread.start();
    }

    /**
     * Opens (or creates) the ledger in {@code dataDir}: the H2 MVStore file {@code chain.db} there,
     * the chain resumed at its stored height. A ledger of an earlier version (SQL tables in {@code
     * ledger.mv.db}) is imported into it first.
     *
     * @throws LedgerUnavailableException if the database cannot be opened (for example, another
     *     process holds it)
     */
    public static EmbeddedLedger open(Path dataDir, Settings settings) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(settings, "settings");
        Path real;
        try {
            Files.createDirectories(dataDir);
            real = dataDir.toRealPath();
        } catch (IOException e) {
            throw new LedgerUnavailableException("cannot open the embedded ledger in " + dataDir + ": "
                    + e.getMessage(), e, false);
        }
        if (!OPEN.add(real)) {
            throw new LedgerUnavailableException("the embedded ledger in " + real + " is already open in this JVM");
        }
        try {
            return new EmbeddedLedger(real, settings);
        } catch (RuntimeException e) {
            OPEN.remove(real);
            throw new LedgerUnavailableException("cannot open the embedded ledger in " + dataDir + ": "
                    + e.getMessage(), e, false);
        }
    }

    /** {@link #open(Path, Settings)} with {@link Settings#defaults()}. */
    public static EmbeddedLedger open(Path dataDir) {
        return open(dataDir, Settings.defaults());
    }

    public Path dataDirectory() {
        return dataDir;
    }

    public Settings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ Ledger

    @Override
    public CompletableFuture<Commit> submit(LedgerUser user, String transaction, Map<String, byte[]> transientData,
            String... args) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(transaction, "transaction");
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedException());
        }
        try {
            if (!committer.acquire(settings.submitTimeout().toNanos())) {
                return CompletableFuture.failedFuture(new LedgerUnavailableException(
                        "the embedded ledger has " + settings.maxPendingTransactions()
                                + " transactions waiting for a block; try again later"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new LedgerUnavailableException("interrupted while waiting to submit",
                    e, false));
        }
        boolean queued = false;
        try {
            PendingTx tx = simulate(user, transaction, transientData, args);
            if (!committer.enqueue(tx)) {
                return CompletableFuture.failedFuture(closedException());
            }
            queued = true;
            return tx.future;
        } catch (LedgerRejectedException | LedgerUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new LedgerUnavailableException("simulating " + transaction
                    + " failed: " + e, e, false));
        } finally {
            if (!queued) {
                committer.releasePermit();
            }
        }
    }

    /** Endorsement: runs the contract on committed state and records what it read and wrote. */
    private PendingTx simulate(LedgerUser user, String transaction, Map<String, byte[]> transientData,
            String... args) {
        byte[] creator = user.serialized();
        byte[] nonce = nonce();
        String txId = txId(nonce, creator);
        Instant timestamp = settings.clock().instant();
        H2Stub stub = new H2Stub(store, txId, nonce, timestamp, creator, user.mspId(),
                H2Stub.toArgs(transaction, args), transientData, true);
        Chaincode.Response response;
        RwSet rwset;
        try {
            response = InProcessRouter.shared().invoke(stub);
        } finally {
            rwset = stub.finish();
        }
        if (stub.storageFailure() != null) {
            throw new LedgerUnavailableException(stub.storageFailure().getMessage(), stub.storageFailure(), false);
        }
        if (response.getStatusCode() >= Chaincode.Response.Status.ERROR_THRESHOLD.getCode()) {
            // A failed endorsement: nothing reaches the orderer.
            throw new LedgerRejectedException(response.getMessage(), txId);
        }
        ChaincodeEvent event = stub.getEvent();
        return new PendingTx(txId, timestamp, user.mspId(), creator, transaction, rwset,
                event == null ? null : event.getEventName(),
                event == null ? null : event.getPayload().toByteArray(), payload(response));
    }

    @Override
    public String evaluate(LedgerUser user, String transaction, String... args) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(transaction, "transaction");
        if (closed.get()) {
            throw closedException();
        }
        byte[] creator = user.serialized();
        byte[] nonce = nonce();
        String txId = txId(nonce, creator);
        H2Stub stub = new H2Stub(store, txId, nonce, settings.clock().instant(), creator, user.mspId(),
                H2Stub.toArgs(transaction, args), Map.of(), false);
        Chaincode.Response response;
        try {
            response = InProcessRouter.shared().invoke(stub);
        } catch (RuntimeException e) {
            throw new LedgerUnavailableException("evaluating " + transaction + " failed: " + e, e, false);
        } finally {
            stub.finish();
        }
        if (stub.storageFailure() != null) {
            throw new LedgerUnavailableException(stub.storageFailure().getMessage(), stub.storageFailure(), false);
        }
        if (response.getStatusCode() >= Chaincode.Response.Status.ERROR_THRESHOLD.getCode()) {
            throw new LedgerRejectedException(response.getMessage(), txId);
        }
        return payload(response);
    }

    @Override
    public Subscription subscribe(long fromBlock, BlockListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed.get()) {
            throw closedException();
        }
        return events.subscribe(fromBlock, listener);
    }

    @Override
    public long height() {
        return events.height();
    }

    /**
     * Checks the whole ledger against itself: recomputes every block's hashes from block 0 and the
     * stored transactions, then replays the valid write sets and compares the result with the
     * world state and the private state. Reads one consistent snapshot; commits go on meanwhile.
     */
    public VerifyReport verify() {
        if (closed.get()) {
            throw closedException();
        }
        try {
            return new Verifier(store).verify();
        } catch (Store.StoreException e) {
            throw new LedgerUnavailableException("verifying the embedded ledger failed: " + e.getMessage(), e, false);
        }
    }

    /** A committed block's header, if the block exists. */
    public Optional<BlockHeader> block(long number) {
        if (closed.get()) {
            throw closedException();
        }
        try {
            return store.block(number).map(b -> new BlockHeader(b.number(), Bytes.hex(b.previousHash()),
                    Bytes.hex(b.dataHash()), Bytes.hex(b.hash()), b.txCount(), b.committedAt()));
        } catch (Store.StoreException e) {
            throw new LedgerUnavailableException(e.getMessage(), e, false);
        }
    }

    /** Commits every transaction already submitted, stops the threads and closes the database. */
    @Override
    public void close() {
        shutdown(true);
    }

    // ------------------------------------------------------------------ test hooks

    /** Test hook: the committer finishes its current block, then cuts no new one until {@link #releaseBlocks()}. */
    void holdBlocks() throws InterruptedException {
        committer.hold();
    }

    void releaseBlocks() {
        committer.release();
    }

    /** Test hook: the store, for direct stub-level tests. */
    Store store() {
        return store;
    }

    /** Test hook: the ledger's file. */
    Path ledgerFile() {
        return store.file();
    }

    /** Test hook: stops as a crash would, dropping transactions not yet in a committed block. */
    void crash() {
        shutdown(false);
    }

    // ------------------------------------------------------------------ internals

    private void shutdown(boolean drain) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        committer.stop(drain);
        try {
            committerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifier.shutdown();
        try {
            if (!notifier.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("commit notifications still running after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.closeAll();
        store.close();
        OPEN.remove(dataDir);
    }

    private void onCommitted(Committer.CommittedBlock block) {
        events.published(new BlockEvents(block.number(), block.events(), block.hash()));
        notifier.execute(() -> {
            for (Committer.Outcome o : block.outcomes()) {
                PendingTx tx = o.tx();
                if (o.code() == TxValidationCode.VALID) {
                    tx.future.complete(new Commit(tx.txId, block.number(), tx.result));
                } else {
                    tx.future.completeExceptionally(new LedgerUnavailableException("transaction " + tx.txId
                            + " (" + tx.function + ") is invalid in block " + block.number() + ": " + o.code().name()
                            + "; retry it with the same client event id", null, true));
                }
            }
        });
    }

    private void onFailed(List<PendingTx> txs, Exception cause) {
        List<PendingTx> copy = new ArrayList<>(txs);
        Runnable fail = () -> copy.forEach(tx -> tx.future.completeExceptionally(new LedgerUnavailableException(
                "transaction " + tx.txId + " was not committed: " + cause.getMessage(), cause, false)));
        try {
            notifier.execute(fail);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            fail.run();
        }
    }

    private byte[] nonce() {
        byte[] n = new byte[24];
        System.arraycopy(noncePrefix, 0, n, 0, 16);
        long c = nonceCounter.incrementAndGet();
        for (int i = 0; i < 8; i++) {
            n[16 + i] = (byte) (c >>> (56 - 8 * i));
        }
        return n;
    }

    /** Fabric's transaction id: hex(SHA-256(nonce ‖ creator)). */
    private static String txId(byte[] nonce, byte[] creator) {
        MessageDigest d = Bytes.sha256();
        d.update(nonce);
        d.update(creator);
        return Bytes.hex(d.digest());
    }

    private static String payload(Chaincode.Response response) {
        byte[] p = response.getPayload();
        return p == null ? "" : new String(p, StandardCharsets.UTF_8);
    }

    private static LedgerUnavailableException closedException() {
        return new LedgerUnavailableException("the embedded ledger is closed");
    }
}
