package org.batteryledger.app.readmodel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.lang.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the read model in step with the ledger. It subscribes from the block after its
 * checkpoint and applies each block in one H2 transaction together with the new checkpoint, so a
 * block is applied wholly and once, or not at all: a crash at any point resumes at the first
 * block not applied, and blocks at or below the checkpoint are skipped.
 *
 * <p>A block that cannot be applied stops the projector ({@link State#FAILED}, logged) rather
 * than being skipped, which would leave the tables silently wrong; {@link #start()} retries from
 * that block. {@link #rebuild(Duration)} empties the tables and replays from block 0.
 *
 * <p>Thread-safe. As a Spring {@link SmartLifecycle} bean it starts with the context.
 */
public final class ReadModelProjector implements SmartLifecycle {
    /** The projector's name in {@code rm_checkpoint}. */
    public static final String NAME = "readmodel";
    private static final Logger LOG = LoggerFactory.getLogger(ReadModelProjector.class);

    /** Where the projector stands. */
    public enum State {
        STOPPED,
        RUNNING,
        /** A block could not be applied; nothing after it is applied until {@link #start()}. */
        FAILED
    }

    private final Ledger ledger;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final BlockWriter writer;
    /** Held while a block is applied; never held while calling the ledger, so deliveries cannot deadlock. */
    private final Object applyLock = new Object();
    private final Object progress = new Object();

    private volatile State state = State.STOPPED;
    /** Bumped by every start and stop: deliveries of an older subscription are ignored. */
    private volatile int epoch;
    private volatile long position = -1;
    @Nullable
    private volatile Throwable failure;
    @Nullable
    private volatile Ledger.Subscription subscription;
    private volatile LongConsumer beforeCheckpoint = block -> { };

    public ReadModelProjector(DataSource dataSource, Ledger ledger) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        ReadModelSchema.apply(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.writer = new BlockWriter(jdbc);
    }

    /** Subscribes from the block after the checkpoint (block 0 on an empty read model). */
    @Override
    public synchronized void start() {
        if (state == State.RUNNING) {
            return;
        }
        closeSubscription();
        long checkpoint = checkpoint();
        int mine;
        synchronized (applyLock) {
            mine = ++epoch;
            position = checkpoint;
            failure = null;
            state = State.RUNNING;
        }
        LOG.info("read model: subscribing from block {}", checkpoint + 1);
        Ledger.Subscription s;
        try {
            s = ledger.subscribe(checkpoint + 1, block -> onBlock(mine, block));
        } catch (RuntimeException e) {
            fail(mine, checkpoint + 1, e);
            throw e;
        }
        subscription = s;
        if (epoch != mine || state != State.RUNNING) {
            closeSubscription(); // failed while the subscription replayed
        }
    }

    /** Stops applying blocks; a block being applied finishes first. */
    @Override
    public synchronized void stop() {
        synchronized (applyLock) {
            epoch++;
            state = State.STOPPED;
        }
        closeSubscription();
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    @Override
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    public State state() {
        return state;
    }

    /** Why the projector stopped, when it is {@link State#FAILED}. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The last block applied, as stored; −1 when none. */
    public long checkpoint() {
        List<Long> rows = jdbc.queryForList("SELECT block_number FROM rm_checkpoint WHERE projector = ?", Long.class,
                NAME);
        return rows.isEmpty() ? -1 : rows.get(0);
    }

    /**
     * Waits until the read model has applied {@code blockNumber} (e.g. the block of a write the
     * caller just made, to read its own write). False on timeout or if the projector is not running.
     */
    public boolean awaitBlock(long blockNumber, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (position < blockNumber) {
                long left = deadline - System.nanoTime();
                if (state != State.RUNNING || left <= 0) {
                    return false;
                }
                try {
                    progress.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Empties the read model and replays the ledger from block 0 through a new subscription, then
     * keeps following it. Waits up to {@code timeout} for the replay to reach the ledger's height
     * at the time of the call; returns whether it did. Queries see a partial read model meanwhile.
     * (A Fabric event stream only delivers blocks with events, so when the last blocks carry none
     * the wait ends at the timeout though the replay is complete.)
     */
    public boolean rebuild(Duration timeout) {
        long target;
        synchronized (this) {
            stop();
            transaction.executeWithoutResult(s -> ReadModelSchema.empty(jdbc, NAME));
            LOG.info("read model: emptied for a rebuild from block 0");
            target = ledger.height() - 1;
            start();
        }
        return target < 0 || awaitBlock(target, timeout);
    }

    /** For tests: runs inside each block's transaction after its rows and before its checkpoint. */
    void beforeCheckpoint(LongConsumer hook) {
        this.beforeCheckpoint = Objects.requireNonNull(hook, "hook");
    }

    private void onBlock(int mine, BlockEvents block) {
        synchronized (applyLock) {
            if (mine != epoch || state != State.RUNNING) {
                return;
            }
            try {
                transaction.executeWithoutResult(s -> {
                    if (block.blockNumber() <= checkpoint()) {
                        return; // applied before
                    }
                    writer.write(block);
                    beforeCheckpoint.accept(block.blockNumber());
                    jdbc.update("MERGE INTO rm_checkpoint (projector, block_number) KEY (projector) VALUES (?, ?)",
                            NAME, block.blockNumber());
                });
            } catch (RuntimeException | Error e) {
                fail(mine, block.blockNumber(), e);
                return;
            }
        }
        synchronized (progress) {
            position = Math.max(position, block.blockNumber());
            progress.notifyAll();
        }
    }

    private void fail(int mine, long blockNumber, Throwable e) {
        synchronized (applyLock) {
            if (mine != epoch) {
                return;
            }
            failure = e;
            state = State.FAILED;
        }
        LOG.error("read model: block {} could not be applied; projector stopped at checkpoint {}", blockNumber,
                position, e);
        Ledger.Subscription s = subscription;
        subscription = null;
        if (s != null) {
            // Not on the delivering thread: a ledger may wait for its listener to return.
            CompletableFuture.runAsync(s::close);
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void closeSubscription() {
        Ledger.Subscription s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
    }
}
