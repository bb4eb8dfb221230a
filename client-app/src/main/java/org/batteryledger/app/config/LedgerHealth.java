package org.batteryledger.app.config;

import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerIntegrity;
import org.batteryledger.app.outbox.Outbox;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the ledger side: the ledger answers, the read model is running and how far it lags,
 * and how many writes wait in the outbox (a growing depth means the ledger is not taking them).
 * OUT_OF_SERVICE when the ledger failed its integrity check ({@link LedgerIntegrity}).
 */
@Component("ledgerHealthIndicator")
class LedgerHealth implements HealthIndicator {
    private final Ledger ledger;
    private final Outbox outbox;
    private final ReadModelProjector projector;
    private final LedgerIntegrity integrity;

    LedgerHealth(Ledger ledger, Outbox outbox, ReadModelProjector projector, LedgerIntegrity integrity) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.projector = projector;
        this.integrity = integrity;
    }

    @Override
    public Health health() {
        try {
            long height = ledger.height();
            long checkpoint = projector.checkpoint();
            LedgerIntegrity.Finding f = integrity.current();
            // Tampered: deliberately out of service (writes refused) rather than down (it still serves reads).
            Health.Builder b = f.state() == LedgerIntegrity.State.TAMPERED ? Health.outOfService()
                    : projector.state() == ReadModelProjector.State.FAILED ? Health.down() : Health.up();
            b.withDetail("integrity", f.state().name());
            if (integrity.holding()) {
                b.withDetail("writesHeld", "until the ledger is verified");
            }
            if (f.checkedAt() != null) {
                b.withDetail("integrityCheckedAt", f.checkedAt().toString());
            }
            if (f.firstBadBlock() != null) {
                b.withDetail("firstBadBlock", f.firstBadBlock()).withDetail("integrityProblem", f.problem());
            }
            return b.withDetail("height", height)
                    .withDetail("readModelCheckpoint", checkpoint)
                    .withDetail("readModelLagBlocks", Math.max(0, height - 1 - checkpoint))
                    .withDetail("readModelState", projector.state().name())
                    .withDetail("outboxDepth", outbox.depth())
                    .build();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }
}
