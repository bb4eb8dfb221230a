package org.batteryledger.app.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.batteryledger.app.BatteryLedgerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** {@code battery.fabric.*}: what a start in Fabric mode needs, and how it says what is missing. */
class FabricSettingsTest {
    @TempDir
    Path dir;

    private FabricSettings settings(String endpoint, Path ca, String msp, Path ids, Duration evaluate, int retries) {
        return new FabricSettings(endpoint, ca, "", msp, "battery", "battery", ids, "", evaluate,
                Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMinutes(1), retries, 64, Duration.ofSeconds(1));
    }

    @Test
    void completeSettingsPass() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");

        FabricSettings s = settings("localhost:7051", ca, "Org1MSP", dir, Duration.ofSeconds(5), 3).requireValid();

        assertThat(s.tlsAuthority()).isEqualTo("localhost");
    }

    @Test
    void everyProblemIsNamedWithItsKeyInOneMessage() {
        FabricSettings s = settings("no-port", dir.resolve("absent.pem"), " ", null, Duration.ZERO, -1);

        assertThatThrownBy(s::requireValid)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("battery.fabric.peer-endpoint 'no-port' must be host:port")
                .hasMessageContaining("battery.fabric.tls-ca-cert " + dir.resolve("absent.pem") + " is not a readable")
                .hasMessageContaining("battery.fabric.msp-id is missing")
                .hasMessageContaining("battery.fabric.identity-dir is missing")
                .hasMessageContaining("battery.fabric.evaluate-timeout must be a positive duration")
                .hasMessageContaining("battery.fabric.mvcc-retries must be 0 or more");
    }

    @Test
    void theServerNameOverrideIsTheTlsAuthorityWhenSet() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        FabricSettings s = new FabricSettings("127.0.0.1:7051", ca, "peer0.org1.example.com", "Org1MSP", "battery",
                "battery", dir, "", Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5),
                Duration.ofMinutes(1), 3, 64, Duration.ofSeconds(1));

        assertThat(s.requireValid().tlsAuthority()).isEqualTo("peer0.org1.example.com");
    }

    @Test
    void theApplicationRefusesToStartInFabricModeWithoutSettingsAndSaysWhich() {
        // Command-line arguments: they take precedence over application.properties, as an operator's would.
        SpringApplicationBuilder app = new SpringApplicationBuilder(BatteryLedgerApplication.class);
        String[] args = {"--battery.data-dir=" + dir, "--battery.ledger-mode=FABRIC", "--server.port=0",
            "--battery.fabric.peer-endpoint=127.0.0.1:7051"};

        assertThatThrownBy(() -> app.run(args).close())
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("battery.ledger-mode=FABRIC cannot start")
                .hasMessageContaining("battery.fabric.tls-ca-cert is missing")
                .hasMessageContaining("battery.fabric.identity-dir is missing")
                .hasMessageNotContaining("peer-endpoint");
    }
}
