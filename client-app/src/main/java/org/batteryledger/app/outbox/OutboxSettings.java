package org.batteryledger.app.outbox;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;

/**
 * How the {@link OutboxSender} sends ({@code battery.outbox.*}). Retries back off exponentially
 * without jitter: {@code initialBackoff} after the first failure, doubling up to
 * {@code maxBackoff}, so the schedule is predictable and testable.
 *
 * @param maxInFlight submissions waiting for the ledger at once
 * @param initialBackoff the wait after a first failed attempt
 * @param maxBackoff the longest wait between attempts
 * @param submitTimeout how long a submission may stay unanswered before it counts as failed and
 *     is retried (safe: the retry carries the same client event id)
 * @param idlePoll how often the sender looks for due entries when nothing wakes it
 * @param shutdownTimeout how long {@code stop()} waits for in-flight submissions; those still
 *     unanswered stay PENDING and are sent again on the next start
 * @param retention how long a settled entry keeps its request and result before the retention job
 *     reduces it to a tombstone (key, status, tx id, block, error), kept for good
 * @param retentionCheck how often the retention job runs
 * @param key the AES-256 key (base64) for the transient data at rest; when absent, the key in
 *     {@code outbox.key} in the data directory, created on first start
 */
@ConfigurationProperties("battery.outbox")
public record OutboxSettings(
        @DefaultValue("32") int maxInFlight,
        @DefaultValue("100ms") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("2m") Duration submitTimeout,
        @DefaultValue("1s") Duration idlePoll,
        @DefaultValue("10s") Duration shutdownTimeout,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration retentionCheck,
        @Nullable String key) {

    @ConstructorBinding
    public OutboxSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
        }
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        positive(submitTimeout, "submitTimeout");
        positive(idlePoll, "idlePoll");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        positive(retention, "retention");
        positive(retentionCheck, "retentionCheck");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
        }
    }

    /** Sending settings with the default retention (30 days, checked hourly) and the key from the data directory. */
    public OutboxSettings(int maxInFlight, Duration initialBackoff, Duration maxBackoff, Duration submitTimeout,
            Duration idlePoll, Duration shutdownTimeout) {
        this(maxInFlight, initialBackoff, maxBackoff, submitTimeout, idlePoll, shutdownTimeout, Duration.ofDays(30),
                Duration.ofHours(1), null);
    }

    /**
     * The defaults: 32 in flight, 100 ms doubling to 30 s, 2 min submit timeout, 1 s idle poll,
     * 10 s shutdown, 30 days retention checked hourly.
     */
    public static OutboxSettings defaults() {
        return new OutboxSettings(32, Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "OutboxSettings[maxInFlight=" + maxInFlight + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", submitTimeout=" + submitTimeout + ", idlePoll=" + idlePoll + ", shutdownTimeout="
                + shutdownTimeout + ", retention=" + retention + ", retentionCheck=" + retentionCheck + ", key="
                + (key == null ? "(file)" : "(set)") + "]";
    }

    /** The wait after the {@code attempts}-th failed attempt (1-based): initial × 2^(attempts−1), capped. */
    public Duration backoff(int attempts) {
        int shift = Math.min(Math.max(attempts - 1, 0), 30);
        Duration d = initialBackoff.multipliedBy(1L << shift);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
