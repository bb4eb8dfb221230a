package org.batteryledger.app.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.embedded.EmbeddedLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance on a real network: the scenario of {@link ConformanceScenario} on the embedded ledger
 * and on the native Fabric network ends with the same world state, histories and refusals
 * (transaction ids and timestamps aside). Maven profile {@code fabric-it}.
 */
class ConformanceFabricIT {
    @TempDir
    Path dir;

    @Test
    void theScenarioEndsTheSameOnTheEmbeddedLedgerAndOnFabric() {
        RealFabricNetwork.assumeBinaries();
        RealFabricNetwork network = RealFabricNetwork.get();
        Map<String, LedgerUser> users = network.demoUsers();
        Map<String, String> p = network.properties();
        int serialBase = (int) (System.currentTimeMillis() / 1000 % 1_000_000) * 10; // fresh codes on a reused network

        ConformanceScenario.Snapshot embedded;
        try (EmbeddedLedger local = EmbeddedLedger.open(dir.resolve("embedded"))) {
            embedded = ConformanceScenario.run(local, users, serialBase);
        }
        FabricSettings settings = new FabricSettings(p.get("battery.fabric.peer-endpoint"),
                Path.of(p.get("battery.fabric.tls-ca-cert")), p.getOrDefault("battery.fabric.server-name-override", ""),
                p.get("battery.fabric.msp-id"), p.getOrDefault("battery.fabric.channel", "battery"),
                p.getOrDefault("battery.fabric.chaincode", "battery"), Path.of(p.get("battery.fabric.identity-dir")), "",
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofMinutes(2), 5, 16,
                Duration.ofSeconds(1)).requireValid();
        ConformanceScenario.Snapshot fabric;
        try (FabricLedger ledger = FabricLedger.connect(settings, () -> users.get("regulator"))) {
            fabric = ConformanceScenario.run(ledger, users, serialBase);
        }

        assertThat(fabric.refusals()).isEqualTo(embedded.refusals()).hasSize(2);
        assertThat(fabric.units()).isEqualTo(embedded.units());
        assertThat(fabric.histories()).isEqualTo(embedded.histories());
    }
}
