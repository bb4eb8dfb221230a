package org.batteryledger.app.api;

import java.nio.file.Files;
import org.batteryledger.app.ledger.fabric.FakeFabricNetwork;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same lifecycle over HTTP with {@code battery.ledger-mode=FABRIC}: the application wired as
 * in production (identities from {@code battery.fabric.identity-dir}, the Gateway client over TLS,
 * events into the read model), against a fake gateway peer on 127.0.0.1. The real-network run of
 * this scenario is {@code LifecycleFabricIT} (Maven profile {@code fabric-it}).
 */
class LifecycleOverFabricGatewayTest extends LifecycleOverHttpTest {
    private static FakeFabricNetwork network;

    @DynamicPropertySource
    static void fabric(DynamicPropertyRegistry registry) throws Exception {
        network = FakeFabricNetwork.start(Files.createTempDirectory("battery-ledger-fake-fabric"));
        network.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stopNetwork() throws Exception {
        if (network != null) {
            network.close();
        }
    }
}
