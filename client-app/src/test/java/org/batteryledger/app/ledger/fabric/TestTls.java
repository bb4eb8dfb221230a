package org.batteryledger.app.ledger.fabric;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.batteryledger.app.identity.PemFiles;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TLS CA and a server certificate for a fake gateway peer on 127.0.0.1, made at test time
 * (no key is committed), written as PEM files as a network's crypto material would be.
 */
public record TestTls(Path caCert, Path serverCert, Path serverKey, String serverName) {

    public static TestTls create(Path dir, String serverName) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caKeys = gen.generateKeyPair();
        KeyPair serverKeys = gen.generateKeyPair();
        Instant now = Instant.now();
        X500Principal caName = new X500Principal("CN=tlsca.test.example");
        var ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        var caCert = new JcaX509CertificateConverter().getCertificate(
                ca.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        var server = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), new X500Principal("CN=" + serverName), serverKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, serverName),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        var serverCert = new JcaX509CertificateConverter().getCertificate(
                server.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        TestTls tls = new TestTls(dir.resolve("tlsca.pem"), dir.resolve("server.crt"), dir.resolve("server.key"),
                serverName);
        PemFiles.writeCertificate(tls.caCert, caCert);
        PemFiles.writeCertificate(tls.serverCert, serverCert);
        PemFiles.writePrivateKey(tls.serverKey, serverKeys.getPrivate());
        return tls;
    }
}
