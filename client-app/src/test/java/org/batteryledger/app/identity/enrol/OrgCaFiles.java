package org.batteryledger.app.identity.enrol;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.batteryledger.app.identity.PemFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An organisation CA laid out as cryptogen writes it ({@code ca/ca.<domain>-cert.pem} and
 * {@code ca/priv_sk}, PKCS#8), with cryptogen's subject key identifier: SHA-256 of the public
 * key's point, not the SHA-1 most libraries use, so a test can tell whether the issued
 * certificate points at the CA's identifier rather than recomputing one.
 */
record OrgCaFiles(Path directory, Path certificate, Path key, X509Certificate caCertificate, KeyPair keys) {

    static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2036-01-01T00:00:00Z");

    static OrgCaFiles create(Path parent, String domain, boolean ca) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        X500Name name = new X500Name("C=CN, O=" + domain + ", CN=ca." + domain);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), name, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign));
        byte[] point = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getBytes();
        b.addExtension(Extension.subjectKeyIdentifier, false,
                new SubjectKeyIdentifier(MessageDigest.getInstance("SHA-256").digest(point)));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        Path dir = parent.resolve(domain).resolve("ca");
        Path certFile = dir.resolve("ca." + domain + "-cert.pem");
        Path keyFile = dir.resolve("priv_sk");
        PemFiles.writeCertificate(certFile, cert);
        PemFiles.writePrivateKey(keyFile, keys.getPrivate());
        return new OrgCaFiles(dir, certFile, keyFile, cert, keys);
    }
}
