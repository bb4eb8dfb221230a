package org.batteryledger.app.config;

import javax.sql.DataSource;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.embedded.EmbeddedLedger;
import org.batteryledger.app.outbox.Outbox;
import org.batteryledger.app.outbox.OutboxCipher;
import org.batteryledger.app.outbox.OutboxRetention;
import org.batteryledger.app.outbox.OutboxSender;
import org.batteryledger.app.outbox.OutboxSettings;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.batteryledger.app.readmodel.ReadModelQueries;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.AppUsers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the ledger, the outbox and the read model. Which ledger runs is configuration
 * ({@code battery.ledger-mode}); nothing else in the application knows.
 */
@Configuration(proxyBeanMethods = false)
class AppConfiguration {

    @Bean(destroyMethod = "close")
    Ledger ledger(BatterySettings settings) {
        return switch (settings.ledgerMode()) {
            case EMBEDDED -> EmbeddedLedger.open(settings.dataDir().resolve("ledger"));
            case FABRIC -> throw new IllegalStateException(
                    "battery.ledger-mode=FABRIC needs the Fabric Gateway client (network-config), not built yet;"
                            + " use EMBEDDED");
        };
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
    OutboxSender outboxSender(Outbox outbox, Ledger ledger, IdentityStore identities, AppUsers users,
            OutboxSettings settings) {
        return new OutboxSender(outbox, ledger,
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
