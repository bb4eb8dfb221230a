package org.batteryledger.app.api;

import org.batteryledger.app.ledger.fabric.RealFabricNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link PeerRestartOverHttpTestBase} on the native network: the gateway peer's process is
 * terminated and started again with the same command. Maven profile {@code fabric-it}; skipped
 * where Fabric's binaries are missing.
 */
class PeerRestartFabricIT extends PeerRestartOverHttpTestBase {

    @BeforeAll
    static void needsFabric() {
        RealFabricNetwork.assumeBinaries();
    }

    @DynamicPropertySource
    static void fabric(DynamicPropertyRegistry registry) {
        RealFabricNetwork.get().properties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("battery.write-wait", () -> "3s");
    }

    @Override
    void stopPeer() {
        RealFabricNetwork.get().stopPeer();
    }

    @Override
    void startPeer() {
        RealFabricNetwork.get().startPeer();
    }
}
