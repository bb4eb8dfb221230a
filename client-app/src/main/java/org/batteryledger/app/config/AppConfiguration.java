package org.batteryledger.app.config;

import java.util.List;
import java.time.Clock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerIntegrity;
import org.batteryledger.app.ledger.embedded.EmbeddedLedger;
import org.batteryledger.app.ledger.embedded.VerifyReport;
import org.batteryledger.app.ledger.fabric.FabricIdentities;
import org.batteryledger.app.ledger.fabric.FabricLedger;
import org.batteryledger.app.ledger.fabric.FabricSettings;
import org.batteryledger.app.outbox.Outbox;
import org.batteryledger.app.outbox.OutboxCipher;
import org.batteryledger.app.outbox.OutboxRetention;
import org.batteryledger.app.outbox.OutboxSender;
import org.batteryledger.app.outbox.OutboxSettings;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.batteryledger.app.readmodel.ReadModelQueries;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.AppUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the ledger, the outbox and the read model. Which ledger runs is configuration
 * ({@code battery.ledger-mode}); nothing else in the application knows.
 */
@Configuration(proxyBeanMethods = false)
class AppConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(AppConfiguration.class);

    @Bean(destroyMethod = "close")
    Ledger ledger(BatterySettings settings, FabricSettings fabric, IdentityStore identities) {
        return switch (settings.ledgerMode()) {
            case EMBEDDED -> EmbeddedLedger.open(settings.dataDir().resolve("ledger"));
            case FABRIC -> fabricLedger(fabric.requireValid(), identities);
        };
    }

    /**
     * The network's identities become the app's (nothing is issued in Fabric mode); events and the
     * height are read as {@code battery.fabric.service-user}, else the first identity by name.
     */
    private static Ledger fabricLedger(FabricSettings fabric, IdentityStore identities) {
        List<LedgerUser> users = FabricIdentities.importInto(identities, fabric.identityDir(), fabric.mspId());
        String service = fabric.serviceUser().isBlank() ? users.get(0).name() : fabric.serviceUser();
        if (users.stream().noneMatch(u -> u.name().equals(service))) {
            throw new IllegalStateException("battery.fabric.service-user '" + service + "' has no identity in "
                    + fabric.identityDir());
        }
        return FabricLedger.connect(fabric, () -> identities.user(service));
    }

    /**
     * Verified before the outbox sender exists, so nothing is sent to a ledger found tampered; in
     * the background if so set, with the sender held back (see {@link LedgerIntegrity#guard}).
     */
    @Bean
    LedgerIntegrity ledgerIntegrity(Ledger ledger, BatterySettings settings) {
        LedgerIntegrity integrity = new LedgerIntegrity(ledger, Clock.systemUTC());
        if (settings.verifyOnStart()) {
            long started = System.nanoTime();
            Consumer<VerifyReport> log = report -> {
                if (report.ok()) {
                    LOG.info("ledger verified: {} blocks in {} ms", report.blocksChecked(),
                            (System.nanoTime() - started) / 1_000_000);
                } else {
                    LOG.error("LEDGER INTEGRITY CHECK FAILED: first bad block {}: {}. Writes are refused;"
                            + " restore the data directory from a backup and restart.", report.firstBadBlock(),
                            report.problem());
                }
            };
            if (settings.verifyInBackground()) {
                LOG.info("verifying the ledger in the background; writes wait in the outbox until it is verified");
                integrity.verifyInBackground(task -> {
                    Thread t = new Thread(task, "ledger-verify");
                    t.setDaemon(true);
                    t.start();
                }, log, e -> LOG.error("ledger verification did not finish ({}); writes stay in the outbox until"
                        + " GET /api/ledger/verify succeeds", e.getMessage(), e));
            } else {
                integrity.verify().ifPresent(log);
            }
        }
        return integrity;
    }

    @Bean
    Outbox outbox(DataSource dataSource, BatterySettings settings, OutboxSettings outboxSettings) {
        OutboxCipher cipher = outboxSettings.key() != null && !outboxSettings.key().isBlank()
                ? OutboxCipher.fromBase64(outboxSettings.key(), "battery.outbox.key")
                : OutboxCipher.fromFile(settings.dataDir().resolve("outbox.key"));
        return new Outbox(dataSource, cipher);
    }

    @Bean
    OutboxRetention outboxRetention(Outbox outbox, OutboxSettings settings) {
        return new OutboxRetention(outbox, settings);
    }

    @Bean
    OutboxSender outboxSender(Outbox outbox, Ledger ledger, LedgerIntegrity integrity, IdentityStore identities,
            AppUsers users, OutboxSettings settings) {
        return new OutboxSender(outbox, integrity.guard(ledger),
                username -> identities.user(users.find(username).map(AppUser::ledgerIdentity).orElse(username)),
                settings);
    }

    @Bean
    ReadModelProjector readModelProjector(DataSource dataSource, Ledger ledger) {
        return new ReadModelProjector(dataSource, ledger);
    }

    @Bean
    ReadModelQueries readModelQueries(DataSource dataSource) {
        return new ReadModelQueries(dataSource);
    }
}
