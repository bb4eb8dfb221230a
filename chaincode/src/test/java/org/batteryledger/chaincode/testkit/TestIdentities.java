package org.batteryledger.chaincode.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Client identities shaped like Fabric CA enrollment certificates, made at run time so no key is
 * ever committed.
 *
 * <p>Each MSP id gets its own self-signed P-256 CA; users get a leaf certificate signed by it with
 * subject {@code CN=<enrollmentId>, OU=client, O=<mspId>} and the Fabric CA attribute extension
 * (OID {@value #FABRIC_ATTRS_OID}, non-critical, raw UTF-8 JSON {@code {"attrs":{...}}}) holding
 * {@code hf.EnrollmentID}, {@code hf.Type}, {@code hf.Affiliation} and the given attributes. That is
 * what the shim's {@code ClientIdentity} parses, so contracts see MSP id and attributes exactly as
 * on a network. {@link Identity#serialized()} is the {@code SerializedIdentity} a proposal carries
 * as its creator.
 *
 * <p>Key generation is slow, so CAs and identities are cached (per MSP; per MSP, enrollment id and
 * attributes). Safe for concurrent use.
 */
public final class TestIdentities {

    /** OID under which Fabric CA stores enrollment attributes. */
    public static final String FABRIC_ATTRS_OID = "1.2.3.4.5.6.7.8.1";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Date NOT_BEFORE = Date.from(Instant.parse("2020-01-01T00:00:00Z"));
    private static final Date NOT_AFTER = Date.from(Instant.parse("2100-01-01T00:00:00Z"));
    private static final AtomicLong SERIALS = new AtomicLong(1000);
    private static final Map<String, Ca> CAS = new ConcurrentHashMap<>();
    private static final Map<String, Identity> USERS = new ConcurrentHashMap<>();

    private TestIdentities() {}

    /**
     * A signing identity: certificate, private key and the serialized form the peer hands the
     * chaincode as creator.
     */
    public record Identity(
            String mspId,
            String enrollmentId,
            X509Certificate certificate,
            PrivateKey privateKey,
            String certificatePem,
            byte[] serialized) {
        public Identity {
            serialized = serialized.clone();
        }

        /** A copy of the {@code SerializedIdentity} bytes (mspid + PEM certificate). */
        @Override
        public byte[] serialized() {
            return serialized.clone();
        }
    }

    private record Ca(X500Name name, KeyPair keys, X509Certificate certificate, String pem) {}

    /**
     * A Fabric CA style client of {@code mspId}: default attributes {@code hf.EnrollmentID}, {@code
     * hf.Type=client}, {@code hf.Affiliation=""}, plus {@code attrs} (which win on a name clash).
     */
    public static Identity user(String mspId, String enrollmentId, Map<String, String> attrs) {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(enrollmentId, "enrollmentId");
        TreeMap<String, String> all = new TreeMap<>();
        all.put("hf.Affiliation", "");
        all.put("hf.EnrollmentID", enrollmentId);
        all.put("hf.Type", "client");
        if (attrs != null) {
            all.putAll(attrs);
        }
        String cacheKey = mspId + '\u0000' + enrollmentId + '\u0000' + attributesJson(all);
        return USERS.computeIfAbsent(cacheKey, k -> issue(mspId, enrollmentId, all));
    }

    /**
     * A participant acting in a role: attributes {@code participant} and {@code role}, enrollment
     * id {@code <role lower case>@<participantId>}.
     */
    public static Identity member(String mspId, String participantId, String role) {
        Map<String, String> attrs = new TreeMap<>();
        attrs.put("participant", participantId);
        attrs.put("role", role);
        return user(mspId, role.toLowerCase(Locale.ROOT) + "@" + participantId, attrs);
    }

    /**
     * An identity with no attribute extension at all, as {@code cryptogen} issues them; contracts
     * relying on attributes must refuse it.
     */
    public static Identity withoutAttributes(String mspId, String enrollmentId) {
        String cacheKey = mspId + '\u0000' + enrollmentId + "\u0000<no-attrs>";
        return USERS.computeIfAbsent(cacheKey, k -> issue(mspId, enrollmentId, null));
    }

    /** The self-signed CA certificate of an MSP (created on first use). */
    public static X509Certificate caCertificate(String mspId) {
        return ca(mspId).certificate();
    }

    /** The CA certificate of an MSP in PEM, e.g. for a client's trust store. */
    public static String caCertificatePem(String mspId) {
        return ca(mspId).pem();
    }

    /** The JSON Fabric CA writes into the attribute extension, keys sorted. */
    static String attributesJson(Map<String, String> attrs) {
        try {
            return JSON.writeValueAsString(Map.of("attrs", new TreeMap<>(attrs)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("string map always serializes", e);
        }
    }

    private static Ca ca(String mspId) {
        return CAS.computeIfAbsent(mspId, TestIdentities::newCa);
    }

    private static Ca newCa(String mspId) {
        try {
            KeyPair keys = newKeyPair();
            X500Name name = dn(mspId, null, "ca." + mspId.toLowerCase(Locale.ROOT));
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    name, nextSerial(), NOT_BEFORE, NOT_AFTER, name, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = sign(b, keys.getPrivate());
            return new Ca(name, keys, cert, pem(cert));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create test CA for " + mspId, e);
        }
    }

    private static Identity issue(String mspId, String enrollmentId, Map<String, String> attrs) {
        Ca ca = ca(mspId);
        try {
            KeyPair keys = newKeyPair();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    ca.name(), nextSerial(), NOT_BEFORE, NOT_AFTER, dn(mspId, "client", enrollmentId), keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(ca.certificate()));
            if (attrs != null) {
                // Fabric CA puts the JSON itself as the extension value (no inner ASN.1 wrapping).
                b.addExtension(new ASN1ObjectIdentifier(FABRIC_ATTRS_OID), false,
                        attributesJson(attrs).getBytes(StandardCharsets.UTF_8));
            }
            X509Certificate cert = sign(b, ca.keys().getPrivate());
            String pem = pem(cert);
            byte[] serialized = SerializedIdentity.newBuilder()
                    .setMspid(mspId)
                    .setIdBytes(ByteString.copyFromUtf8(pem))
                    .build()
                    .toByteArray();
            return new Identity(mspId, enrollmentId, cert, keys.getPrivate(), pem, serialized);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue test identity " + enrollmentId + "@" + mspId, e);
        }
    }

    /**
     * Builds the DN with RDNs in the order O, OU, CN, as Fabric CA encodes them, so Java prints it
     * as {@code CN=..., OU=..., O=...} (and {@code ClientIdentity.getId()} looks like a network's).
     */
    private static X500Name dn(String mspId, String ou, String cn) {
        X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
        nb.addRDN(BCStyle.O, mspId);
        if (ou != null) {
            nb.addRDN(BCStyle.OU, ou);
        }
        nb.addRDN(BCStyle.CN, cn);
        return nb.build();
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static BigInteger nextSerial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static String pem(X509Certificate cert) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(cert);
        }
        return out.toString();
    }
}
