package org.batteryledger.app.api;

import java.nio.file.Files;
import org.batteryledger.app.ledger.fabric.FakeFabricNetwork;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PeerRestartOverHttpTestBase} with the app in Fabric mode against a fake gateway peer that stops and restarts. */
class PeerRestartOverFabricGatewayTest extends PeerRestartOverHttpTestBase {
    private static FakeFabricNetwork network;

    @DynamicPropertySource
    static void fabric(DynamicPropertyRegistry registry) throws Exception {
        network = FakeFabricNetwork.start(Files.createTempDirectory("battery-ledger-fake-fabric"));
        network.properties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("battery.write-wait", () -> "2s");
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Override
    void stopPeer() throws Exception {
        network.peer().stop();
    }

    @Override
    void startPeer() throws Exception {
        network.peer().start();
    }
}
