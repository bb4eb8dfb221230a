package org.batteryledger.app.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The application's settings ({@code battery.*}).
 *
 * @param dataDir where the embedded ledger, the app database and the identities live
 * @param ledgerMode which ledger runs behind the port
 * @param demo whether an empty ledger is seeded with the demo consortium and batteries
 * @param writeWait how long a REST write waits for its commit before answering 202 Accepted
 * @param verifyOnStart whether the embedded ledger is verified (hash chain, transactions, world
 *     state) before the application takes writes; a tampered ledger then takes none
 * @param verifyInBackground with {@code verifyOnStart}: start at once and verify meanwhile (for a
 *     large ledger, where verification takes minutes). Reads are served and writes are accepted
 *     into the outbox, but nothing is sent to the ledger until it is verified
 */
@ConfigurationProperties("battery")
public record BatterySettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("EMBEDDED") LedgerMode ledgerMode,
        @DefaultValue("true") boolean demo,
        @DefaultValue("5s") Duration writeWait,
        @DefaultValue("true") boolean verifyOnStart,
        @DefaultValue("false") boolean verifyInBackground) {

    public enum LedgerMode {
        EMBEDDED,
        FABRIC
    }
}
