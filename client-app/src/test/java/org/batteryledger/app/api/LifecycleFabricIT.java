package org.batteryledger.app.api;

import org.batteryledger.app.ledger.fabric.RealFabricNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The lifecycle scenario of {@link LifecycleOverHttpTest}, over HTTP, with the application in Fabric
 * mode on the native network of {@code network-config/} (brought up, chaincode deployed, torn down
 * at the end). Maven profile {@code fabric-it}; skipped with a message where Fabric's binaries are
 * missing.
 */
class LifecycleFabricIT extends LifecycleOverHttpTest {

    @BeforeAll
    static void needsFabric() {
        RealFabricNetwork.assumeBinaries();
    }

    @DynamicPropertySource
    static void fabric(DynamicPropertyRegistry registry) {
        RealFabricNetwork.get().properties().forEach((k, v) -> registry.add(k, () -> v));
    }
}
