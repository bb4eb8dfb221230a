package org.batteryledger.app.identity;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.batteryledger.chaincode.participant.Role;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority per organisation (MSP id) for the embedded ledger and for tests, so the
 * app needs no Fabric CA to run: it issues enrollment certificates shaped like Fabric CA's, with
 * the attributes the chaincode trusts ({@code participant}, {@code role}) in the Fabric CA
 * extension, and the contract cannot tell them apart from a network's.
 *
 * <p>Keys are P-256 (secp256r1) ECDSA, as Fabric's default BCCSP uses. Each MSP gets a
 * self-signed CA ({@code CN=ca.<msp lower case>, O=<msp>}) on first use; users get {@code CN=<user>,
 * OU=client, O=<msp>} signed by it, with the RDNs encoded in Fabric CA's order so Java prints the
 * subject CN first. This class keeps CAs in memory only; {@link IdentityStore} persists them.
 * Thread-safe.
 */
public final class DevelopmentCa {
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration CA_VALIDITY = Duration.ofDays(20 * 365);
    private static final Duration USER_VALIDITY = Duration.ofDays(10 * 365);

    /** One MSP's CA: its certificate and signing key. */
    public record Authority(String mspId, X509Certificate certificate, PrivateKey privateKey) {}

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Authority> authorities = new LinkedHashMap<>();

    public DevelopmentCa() {
        this(Clock.systemUTC());
    }

    /** With a clock, for certificates whose validity a test controls. */
    public DevelopmentCa(Clock clock) {
        this.clock = clock;
    }

    /** The MSP's CA, created (new key, self-signed certificate) on first use. */
    public synchronized Authority authority(String mspId) {
        LedgerUsers.requireMspId(mspId);
        return authorities.computeIfAbsent(mspId, this::newAuthority);
    }

    /** The MSP's CA if it exists already. */
    public synchronized Optional<Authority> find(String mspId) {
        return Optional.ofNullable(authorities.get(mspId));
    }

    /** Adopts a CA loaded from disk; its key must match its certificate, and the MSP must have no other CA. */
    public synchronized void add(Authority authority) {
        LedgerUsers.requireMspId(authority.mspId());
        LedgerUsers.requireKeyMatches(authority.certificate(), authority.privateKey(), "CA of " + authority.mspId());
        Authority existing = authorities.get(authority.mspId());
        if (existing != null && !existing.certificate().equals(authority.certificate())) {
            throw new IllegalStateException("MSP " + authority.mspId() + " already has another CA");
        }
        authorities.put(authority.mspId(), authority);
    }

    /** The MSP ids that have a CA, in creation order. */
    public synchronized List<String> mspIds() {
        return List.copyOf(authorities.keySet());
    }

    /** The MSP's CA certificate (created on first use), e.g. for a trust store or an MSP folder. */
    public X509Certificate caCertificate(String mspId) {
        return authority(mspId).certificate();
    }

    /**
     * Issues a client certificate and key for {@code userName} in {@code mspId}, signed by that
     * MSP's CA, carrying the Fabric CA attributes {@code hf.EnrollmentID}={@code userName},
     * {@code hf.Type}=client, {@code hf.Affiliation}="" and, when given, {@code participant} and
     * {@code role}. Pass {@code null} for both to get a certificate the contract will refuse (as
     * cryptogen's are), e.g. to test that refusal.
     *
     * @param participantId unified social credit code of the company the user acts for
     * @param role a {@link Role} name, checked here so a typo fails now rather than as FORBIDDEN later
     */
    public LedgerUser issue(String mspId, String userName, String participantId, String role) {
        LedgerUsers.requireUserName(userName);
        if ((participantId == null) != (role == null)) {
            throw new IllegalArgumentException("give both participant and role, or neither");
        }
        if (role != null) {
            try {
                Role.valueOf(role);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("role '" + role + "' is not one of " + List.of(Role.values()), e);
            }
        }
        Map<String, String> attrs = new TreeMap<>();
        attrs.put(FabricCaAttributes.AFFILIATION, "");
        attrs.put(FabricCaAttributes.ENROLLMENT_ID, userName);
        attrs.put(FabricCaAttributes.TYPE, "client");
        if (participantId != null) {
            attrs.put("participant", participantId);
            attrs.put("role", role);
        }
        Authority ca = authority(mspId);
        try {
            KeyPair keys = newKeyPair();
            Instant now = clock.instant();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(USER_VALIDITY)), dn(mspId, "client", userName),
                    keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(ca.certificate()));
            // Fabric CA stores the JSON itself as the extension value (no inner ASN.1 wrapping).
            b.addExtension(new ASN1ObjectIdentifier(FabricCaAttributes.OID), false,
                    FabricCaAttributes.json(attrs).getBytes(StandardCharsets.UTF_8));
            X509Certificate cert = sign(b, ca.privateKey());
            return LedgerUsers.of(userName, mspId, cert, keys.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + userName + " in " + mspId, e);
        }
    }

    private Authority newAuthority(String mspId) {
        try {
            KeyPair keys = newKeyPair();
            Instant now = clock.instant();
            X500Name name = dn(mspId, null, "ca." + mspId.toLowerCase(Locale.ROOT));
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), name, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new Authority(mspId, sign(b, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the development CA of " + mspId, e);
        }
    }

    /** RDNs in the order O, OU, CN, as Fabric CA encodes them; Java prints them CN first. */
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

    /** Random positive 127-bit serials, as Fabric CA (and RFC 5280's uniqueness) want. */
    private BigInteger serial() {
        return new BigInteger(127, random).setBit(126);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }
}
