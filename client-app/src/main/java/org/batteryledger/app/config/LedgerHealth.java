package org.batteryledger.app.config;

import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.outbox.Outbox;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the ledger side: the ledger answers, the read model is running and how far it lags,
 * and how many writes wait in the outbox (a growing depth means the ledger is not taking them).
 */
@Component("ledgerHealthIndicator")
class LedgerHealth implements HealthIndicator {
    private final Ledger ledger;
    private final Outbox outbox;
    private final ReadModelProjector projector;

    LedgerHealth(Ledger ledger, Outbox outbox, ReadModelProjector projector) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.projector = projector;
    }

    @Override
    public Health health() {
        try {
            long height = ledger.height();
            long checkpoint = projector.checkpoint();
            Health.Builder b = projector.state() == ReadModelProjector.State.FAILED ? Health.down() : Health.up();
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
