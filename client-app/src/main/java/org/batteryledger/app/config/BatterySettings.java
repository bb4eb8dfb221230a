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
 */
@ConfigurationProperties("battery")
public record BatterySettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("EMBEDDED") LedgerMode ledgerMode,
        @DefaultValue("true") boolean demo,
        @DefaultValue("5s") Duration writeWait) {

    public enum LedgerMode {
        EMBEDDED,
        FABRIC
    }
}
