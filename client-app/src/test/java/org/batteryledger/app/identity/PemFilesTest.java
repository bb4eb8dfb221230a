package org.batteryledger.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {
    private static final LedgerUser USER = new DevelopmentCa().issue("MakerMSP", "maker", "x", "BATTERY_MAKER");

    @TempDir
    Path dir;

    @Test
    void certificates_and_keys_round_trip_through_files() {
        PemFiles.writeCertificate(dir.resolve("c.pem"), USER.certificate());
        PemFiles.writePrivateKey(dir.resolve("k.pem"), USER.privateKey());

        X509Certificate cert = PemFiles.readCertificate(dir.resolve("c.pem"));
        PrivateKey key = PemFiles.readPrivateKey(dir.resolve("k.pem"));

        assertThat(cert).isEqualTo(USER.certificate());
        // The private value, not the encoding: once the chaincode shim has registered Bouncy Castle
        // (any test that runs the contract), the PEM reader returns BC keys, which encode the curve twice.
        assertThat(((java.security.interfaces.ECPrivateKey) key).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) USER.privateKey()).getS());
        assertThat(PemFiles.toPem(cert)).isEqualTo(USER.certificatePem());
    }

    @Test
    void a_sec1_ec_private_key_is_read_too() throws Exception {
        // SEC1 as openssl writes it: the curve named inside the ECPrivateKey structure.
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(USER.privateKey().getEncoded());
        ECPrivateKey sec1 = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
        ECPrivateKey withCurve = new ECPrivateKey(256, sec1.getKey(), pkcs8.getPrivateKeyAlgorithm().getParameters());
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
        }
        assertThat(out.toString()).startsWith("-----BEGIN EC PRIVATE KEY-----");

        PrivateKey key = PemFiles.parsePrivateKey(out.toString());

        LedgerUsers.requireKeyMatches(USER.certificate(), key, "sec1");
    }

    @Test
    void a_missing_file_is_named() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> PemFiles.readCertificate(missing))
                .isInstanceOf(InvalidPemException.class)
                .hasMessage("certificate file " + missing + " does not exist");
    }

    @Test
    void a_certificate_where_a_key_is_expected_says_so() {
        assertThatThrownBy(() -> PemFiles.parseCertificate(PemFiles.toPem(USER.privateKey())))
                .isInstanceOf(InvalidPemException.class)
                .hasMessage("certificate PEM: expected a CERTIFICATE block, found a private key");
    }
}
