package org.batteryledger.app.outbox;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;

/**
 * The retention job: at start and every {@link OutboxSettings#retentionCheck()}, reduces entries
 * settled more than {@link OutboxSettings#retention()} ago to tombstones ({@link Outbox#purgeSettled}).
 * A tombstone keeps what "applied once" needs: the key, the status, the tx id and block, the error,
 * and the hash of the request, so the status stays answerable and a late repeat is recognised.
 * Behind it, the contract keeps every participant's client event ids for good and answers a
 * repeat with its first result, so even a repeat the outbox no longer knew could not apply twice.
 */
public final class OutboxRetention implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRetention.class);

    private final Outbox outbox;
    private final OutboxSettings settings;
    @Nullable
    private ScheduledExecutorService timer;

    public OutboxRetention(Outbox outbox, OutboxSettings settings) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Purges once now; returns how many entries became tombstones. */
    public int runOnce() {
        int purged = outbox.purgeSettled(settings.retention());
        if (purged > 0) {
            LOG.info("outbox retention: {} entries settled more than {} ago reduced to tombstones", purged,
                    settings.retention());
        }
        return purged;
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-retention");
            t.setDaemon(true);
            return t;
        });
        long every = settings.retentionCheck().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.warn("outbox retention failed; trying again in {}", settings.retentionCheck(), e);
            }
        }, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
