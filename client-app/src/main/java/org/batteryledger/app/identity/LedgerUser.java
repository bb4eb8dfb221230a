package org.batteryledger.app.identity;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A user's ledger identity: its organisation (MSP id), its X.509 certificate carrying the
 * Fabric CA attributes the contract reads ({@code participant}, {@code role}), and its signing
 * key. {@code serialized} is the Fabric {@code SerializedIdentity} (MSP id + PEM), as the
 * contract's {@code getCreator()} returns it.
 */
public record LedgerUser(String name, String mspId, X509Certificate certificate, String certificatePem,
        PrivateKey privateKey, byte[] serialized) {

    public LedgerUser {
        serialized = serialized.clone();
    }

    @Override
    public byte[] serialized() {
        return serialized.clone();
    }
}
