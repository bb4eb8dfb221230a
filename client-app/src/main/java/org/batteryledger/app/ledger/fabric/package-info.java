/**
 * The ledger port on Hyperledger Fabric, through a peer's Gateway service: {@link
 * org.batteryledger.app.ledger.fabric.FabricLedger} (chosen by {@code battery.ledger-mode=FABRIC}),
 * its settings ({@link org.batteryledger.app.ledger.fabric.FabricSettings}, {@code
 * battery.fabric.*}), the network's identities ({@link
 * org.batteryledger.app.ledger.fabric.FabricIdentities}) and the mapping of Gateway failures to the
 * port's exceptions. Nothing outside this package sees a Fabric client type.
 */
@NonNullApi
package org.batteryledger.app.ledger.fabric;

import org.springframework.lang.NonNullApi;
