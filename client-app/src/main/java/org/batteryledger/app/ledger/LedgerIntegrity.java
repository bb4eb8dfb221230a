package org.batteryledger.app.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.embedded.EmbeddedLedger;
import org.batteryledger.app.ledger.embedded.VerifyReport;
import org.springframework.lang.Nullable;

/**
 * Whether the ledger's stored blocks and state still agree with its hash chain, as last verified:
 * at start-up and on every {@code GET /api/ledger/verify}. Once tampering is found the application
 * takes no more writes: building new blocks on altered state would spread the damage. The ledger
 * stays readable so authorities can investigate; the fix is restoring a backup and restarting.
 *
 * <p>Only the embedded ledger is verified here; a Fabric network's peers verify their own chain.
 * Thread-safe.
 */
public final class LedgerIntegrity {
    /** What the last check found. */
    public enum State {
        /** Not verified since start (verification off, or not run yet). */
        NOT_CHECKED,
        /** Being verified in the background: nothing is sent to the ledger until it is verified. */
        VERIFYING,
        /** The chain, the transactions and the world state agree. */
        VERIFIED,
        /** Something does not match: see {@link Finding#firstBadBlock()} and {@link Finding#problem()}. */
        TAMPERED,
        /** A Fabric network: its peers verify the chain. */
        NOT_APPLICABLE
    }

    /**
     * The outcome of the last check.
     *
     * @param blocksChecked blocks recomputed (0 when not checked)
     * @param firstBadBlock the first block that does not match, when TAMPERED
     * @param problem what does not match, when TAMPERED
     * @param checkedAt when, or null when never
     */
    public record Finding(State state, long blocksChecked, @Nullable Long firstBadBlock, @Nullable String problem,
            @Nullable Instant checkedAt) {}

    private final Ledger ledger;
    private final Clock clock;
    private volatile Finding last;
    /** True from a background verification's start until a check has an outcome. */
    private volatile boolean holding;

    public LedgerIntegrity(Ledger ledger, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.last = new Finding(ledger instanceof EmbeddedLedger ? State.NOT_CHECKED : State.NOT_APPLICABLE, 0, null,
                null, null);
    }

    /** Verifies the embedded ledger now and records the outcome; empty for a Fabric network. */
    public Optional<VerifyReport> verify() {
        if (!(ledger instanceof EmbeddedLedger embedded)) {
            return Optional.empty();
        }
        VerifyReport report = embedded.verify();
        holding = false;
        last = report.ok()
                ? new Finding(State.VERIFIED, report.blocksChecked(), null, null, clock.instant())
                : new Finding(State.TAMPERED, report.blocksChecked(), report.firstBadBlock(), report.problem(),
                        clock.instant());
        return Optional.of(report);
    }

    /**
     * Verifies on {@code executor} and returns at once; until the outcome is known the state is
     * {@link State#VERIFYING} and {@link #guard} holds submissions back (they stay PENDING in the
     * outbox). {@code done} receives the report, or the failure.
     */
    public void verifyInBackground(Executor executor, Consumer<VerifyReport> done, Consumer<RuntimeException> failed) {
        if (!(ledger instanceof EmbeddedLedger)) {
            return;
        }
        holding = true;
        last = new Finding(State.VERIFYING, 0, null, null, null);
        executor.execute(() -> {
            try {
                verify().ifPresent(done);
            } catch (RuntimeException e) {
                // Unknown is not verified: keep holding writes back (until a check succeeds), and say why.
                last = new Finding(State.NOT_CHECKED, 0, null, null, null);
                failed.accept(e);
            }
        });
    }

    public Finding current() {
        return last;
    }

    public boolean tampered() {
        return last.state() == State.TAMPERED;
    }

    /** Whether submissions are held back: a background verification running, or failed to finish. */
    public boolean holding() {
        return holding;
    }

    /** A one-line reason for refusing writes, for problems and logs. */
    public String refusal() {
        Finding f = last;
        return "the ledger failed its integrity check (first bad block " + f.firstBadBlock() + ": " + f.problem()
                + "); no writes until it is restored from a backup and the application restarted";
    }

    /**
     * The ledger as the outbox sender should see it: submissions fail as unavailable while the
     * ledger is found tampered, so pending writes stay PENDING (kept, retried) instead of being
     * built on altered state.
     */
    public Ledger guard(Ledger inner) {
        Objects.requireNonNull(inner, "inner");
        return new Ledger() {
            @Override
            public CompletableFuture<Commit> submit(LedgerUser user, String transaction,
                    Map<String, byte[]> transientData, String... args) {
                if (tampered()) {
                    return CompletableFuture.failedFuture(new LedgerUnavailableException(refusal()));
                }
                if (holding()) {
                    return CompletableFuture.failedFuture(new LedgerUnavailableException("the ledger is being"
                            + " verified; writes wait in the outbox until it is"));
                }
                return inner.submit(user, transaction, transientData, args);
            }

            @Override
            public String evaluate(LedgerUser user, String transaction, String... args) {
                return inner.evaluate(user, transaction, args);
            }

            @Override
            public Subscription subscribe(long fromBlock, BlockListener listener) {
                return inner.subscribe(fromBlock, listener);
            }

            @Override
            public long height() {
                return inner.height();
            }

            @Override
            public void close() {
                // The wrapped ledger is closed by its owner.
            }
        };
    }
}
