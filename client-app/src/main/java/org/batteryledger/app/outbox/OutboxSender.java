package org.batteryledger.app.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.chaincode.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;

/**
 * Sends the outbox's PENDING entries to the ledger in the background and records each answer:
 * COMMITTED with the transaction id, block and result; REJECTED with the contract's error code;
 * or, when the ledger is unavailable (down, MVCC conflict, timeout), a retry after an
 * exponential backoff ({@link OutboxSettings#backoff(int)}).
 *
 * <p>Entries are taken in creation order, up to {@link OutboxSettings#maxInFlight()} at once;
 * entries that name a common identifier (unit code, VIN, participant id) are sent one after the
 * other, so dependent writes keep their order. Restart-safe: whatever a crash left PENDING, even
 * a write that did reach the ledger, is sent again on {@link #start()}; the contract answers a
 * repeated client event id with its first result, so the write is applied once and recorded
 * COMMITTED.
 *
 * <p>Thread-safe; {@link #start()} and {@link #stop()} may be called repeatedly. As a Spring
 * {@link SmartLifecycle} bean it starts with the context and stops before the ledger closes.
 */
public final class OutboxSender implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final Outbox outbox;
    private final Ledger ledger;
    private final Function<String, LedgerUser> users;
    private final OutboxSettings settings;
    private final Runnable wakeOnEnqueue = this::wake;
    @Nullable
    private volatile Run run;

    /**
     * @param users resolves an entry's username to the identity it is sent as; may throw or return
     *     null when the user is unknown, and the entry is then retried later, never dropped
     */
    public OutboxSender(Outbox outbox, Ledger ledger, Function<String, LedgerUser> users, OutboxSettings settings) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.users = Objects.requireNonNull(users, "users");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Starts sending: PENDING entries, including those a crash left behind, go out first. */
    @Override
    public synchronized void start() {
        if (run != null) {
            return;
        }
        Run r = new Run();
        run = r;
        outbox.onEnqueue(wakeOnEnqueue);
        r.dispatcher.start();
        LOG.info("outbox sender started ({} in flight at most, {} pending)", settings.maxInFlight(), outbox.depth());
    }

    /**
     * Stops taking entries and waits up to {@link OutboxSettings#shutdownTimeout()} for those in
     * flight. Unanswered ones stay PENDING and go out again on the next start.
     */
    @Override
    public synchronized void stop() {
        Run r = run;
        if (r == null) {
            return;
        }
        run = null;
        outbox.removeOnEnqueue(wakeOnEnqueue);
        r.stop(settings.shutdownTimeout());
        LOG.info("outbox sender stopped");
    }

    @Override
    public boolean isRunning() {
        return run != null;
    }

    /** Submissions waiting for the ledger now. */
    public int inFlight() {
        Run r = run;
        return r == null ? 0 : r.inFlight.size();
    }

    /** Looks for due entries now, e.g. after the ledger came back. */
    public void wake() {
        Run r = run;
        if (r != null) {
            r.signal();
        }
    }

    /** One start-to-stop span: its own threads and in-flight set, so a restart never inherits stale state. */
    private final class Run {
        final Set<EntryKey> inFlight = ConcurrentHashMap.newKeySet();
        final ExecutorService pool = Executors.newFixedThreadPool(settings.maxInFlight(), threads("outbox-send-"));
        /** Falls back to the completing thread once the pool is shut, so a late answer is still recorded. */
        final Executor callbacks = task -> {
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        };
        final Thread dispatcher = threads("outbox-dispatch-").newThread(this::loop);
        private final Object lock = new Object();
        private boolean signalled;
        private volatile boolean active = true;

        void loop() {
            while (active) {
                long waitMillis;
                try {
                    waitMillis = dispatch();
                } catch (RuntimeException e) {
                    LOG.warn("outbox: cannot read pending entries; trying again", e);
                    waitMillis = settings.idlePoll().toMillis();
                }
                await(waitMillis);
            }
        }

        /** Sends what is due and free to go; returns how long to sleep before looking again. */
        long dispatch() {
            int free = settings.maxInFlight() - inFlight.size();
            Instant now = outbox.clock().instant();
            Instant wakeAt = now.plus(settings.idlePoll());
            if (free <= 0) {
                return settings.idlePoll().toMillis();
            }
            Set<String> taken = new HashSet<>();
            for (OutboxStore.PendingRef p : outbox.pendingWindow(Math.max(64, settings.maxInFlight() * 8))) {
                if (!active || free == 0) {
                    break;
                }
                boolean clear = !inFlight.contains(p.key()) && disjoint(p.orderingKeys(), taken);
                if (clear && !p.nextAttemptAt().isAfter(now)) {
                    if (send(p.key(), now)) {
                        free--;
                    }
                } else if (clear && p.nextAttemptAt().isBefore(wakeAt)) {
                    wakeAt = p.nextAttemptAt();
                }
                // Later entries naming the same identifiers wait for this one.
                taken.addAll(p.orderingKeys());
            }
            return Math.max(1, Duration.between(now, wakeAt).toMillis());
        }

        boolean send(EntryKey key, Instant now) {
            // Read again: the window may be older than an answer that just came in.
            Optional<OutboxEntry> loaded;
            try {
                loaded = outbox.find(key).filter(e -> !e.isSettled() && !e.nextAttemptAt().isAfter(now));
            } catch (OutboxKeyException e) {
                // Wrong outbox key: keep the entry (never drop an accepted write) and say why, loudly.
                LOG.error("outbox: {} cannot be sent: {}", key, e.getMessage());
                outbox.retryLater(key, now.plus(settings.maxBackoff()), e.getMessage());
                return false;
            }
            if (loaded.isEmpty()) {
                return false;
            }
            OutboxEntry entry = loaded.get();
            inFlight.add(key);
            try {
                pool.execute(() -> submit(entry));
            } catch (RejectedExecutionException e) {
                inFlight.remove(key); // stopping: it stays PENDING for the next start
                return false;
            }
            return true;
        }

        void submit(OutboxEntry entry) {
            CompletableFuture<Commit> answer;
            try {
                LedgerUser user = users.apply(entry.username());
                if (user == null) {
                    throw new IllegalStateException("no ledger user named " + entry.username());
                }
                answer = ledger.submit(user, entry.transaction(), entry.transientData(), entry.requestJson());
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.orTimeout(settings.submitTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenCompleteAsync((commit, error) -> settle(entry, commit, error), callbacks);
        }

        void settle(OutboxEntry entry, @Nullable Commit commit, @Nullable Throwable error) {
            EntryKey key = EntryKey.of(entry);
            try {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                        : error;
                if (cause == null && commit != null) {
                    outbox.committed(key, commit, originalTxId(commit));
                } else if (cause instanceof LedgerRejectedException rejected) {
                    String code = rejected.code().map(Enum::name).orElse(null);
                    LOG.info("outbox: {} {} rejected: {}", key, entry.transaction(), rejected.getMessage());
                    outbox.rejected(key, code, String.valueOf(rejected.getMessage()));
                } else {
                    int attempts = entry.attempts() + 1;
                    Duration wait = settings.backoff(attempts);
                    String message = cause == null ? "no answer" : cause.getClass().getSimpleName() + ": "
                            + cause.getMessage();
                    if (cause instanceof LedgerUnavailableException) {
                        LOG.debug("outbox: {} attempt {} failed, retry in {}: {}", key, attempts, wait, message);
                    } else {
                        LOG.warn("outbox: {} attempt {} failed, retry in {}: {}", key, attempts, wait, message);
                    }
                    outbox.retryLater(key, outbox.clock().instant().plus(wait), message);
                }
            } catch (RuntimeException e) {
                // The entry stays PENDING and is sent again: the contract makes that harmless.
                LOG.error("outbox: cannot record the answer for {}", key, e);
            } finally {
                inFlight.remove(key);
                signal();
            }
        }

        void signal() {
            synchronized (lock) {
                signalled = true;
                lock.notifyAll();
            }
        }

        private void await(long millis) {
            synchronized (lock) {
                long deadline = System.currentTimeMillis() + millis;
                long left = millis;
                while (!signalled && active && left > 0) {
                    try {
                        lock.wait(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        active = false;
                        return;
                    }
                    left = deadline - System.currentTimeMillis();
                }
                signalled = false;
            }
        }

        void stop(Duration timeout) {
            active = false;
            signal();
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            try {
                dispatcher.join(Math.max(1, timeout.toMillis()));
                synchronized (lock) {
                    while (!inFlight.isEmpty() && System.currentTimeMillis() < deadline) {
                        lock.wait(Math.max(1, Math.min(50, deadline - System.currentTimeMillis())));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!inFlight.isEmpty()) {
                LOG.warn("outbox: {} submissions still unanswered at stop; they stay PENDING", inFlight.size());
            }
            pool.shutdown();
        }
    }

    /**
     * The transaction that made the write: a retry of a write that had already committed is
     * answered with the first result, which names the original transaction.
     */
    private static String originalTxId(Commit commit) {
        try {
            String fromResult = Json.tree(commit.result()).path("txId").asText("");
            return fromResult.isEmpty() ? commit.txId() : fromResult;
        } catch (RuntimeException e) {
            return commit.txId();
        }
    }

    private static boolean disjoint(Set<String> keys, Set<String> taken) {
        for (String k : keys) {
            if (taken.contains(k)) {
                return false;
            }
        }
        return true;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
