package org.batteryledger.app.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.embedded.EmbeddedLedger;
import org.hyperledger.fabric.contract.InProcessRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scenario on the embedded ledger and through the Gateway adapter ends with the same world
 * state, the same histories and the same refusals (transaction ids and timestamps aside). Here
 * the Gateway side is the fake peer; {@code ConformanceFabricIT} runs it against a real network.
 */
class ConformanceTest {
    @TempDir
    Path dir;

    @Test
    void theScenarioEndsTheSameOnTheEmbeddedLedgerAndThroughTheGateway() throws Exception {
        InProcessRouter.shared();
        ConformanceScenario.Snapshot embedded;
        ConformanceScenario.Snapshot gateway;
        try (FakeFabricNetwork network = FakeFabricNetwork.start(dir.resolve("fabric"));
                EmbeddedLedger local = EmbeddedLedger.open(dir.resolve("embedded"))) {
            Map<String, LedgerUser> users = new LinkedHashMap<>();
            network.users().forEach(u -> users.put(u.name(), u));
            embedded = ConformanceScenario.run(local, users, 100);
            FabricSettings settings = new FabricSettings(network.peer().endpoint(),
                    network.tls().caCert(), FakeFabricNetwork.SERVER_NAME, "RegulatorMSP", "battery", "battery", dir,
                    "", Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(60),
                    3, 16, Duration.ofMillis(200));
            try (FabricLedger fabric = FabricLedger.connect(settings, () -> users.get("regulator"))) {
                gateway = ConformanceScenario.run(fabric, users, 100);
            }
        }

        assertThat(embedded.refusals()).hasSize(2).anyMatch(r -> r.endsWith("NOT_FOUND"))
                .anyMatch(r -> r.endsWith("MASS_BALANCE"));
        assertThat(gateway.refusals()).isEqualTo(embedded.refusals());
        assertThat(gateway.units()).isEqualTo(embedded.units());
        assertThat(gateway.histories()).isEqualTo(embedded.histories());
        assertThat(embedded.histories().values()).allSatisfy(h -> assertThat(h.get("count").asInt()).isPositive());
    }
}
