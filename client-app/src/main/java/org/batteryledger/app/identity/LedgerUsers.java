package org.batteryledger.app.identity;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Builds {@link LedgerUser}s from a certificate and key, whoever issued them, so every identity
 * the app holds has the same shape: the PEM certificate, the key, and the Fabric
 * {@code SerializedIdentity} (MSP id + PEM) that a proposal carries as its creator and the
 * contract's {@code ClientIdentity} parses. Also the name rules shared by the CA and the store.
 */
public final class LedgerUsers {
    /** User names double as directory names and enrollment ids: no separators, no leading dot. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    /** As the chaincode's registry accepts MSP ids, and usable as a directory name. */
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");

    private LedgerUsers() {}

    /**
     * A ledger user from its parts; checks that the key belongs to the certificate.
     *
     * @throws IllegalArgumentException when the key does not sign for the certificate's public key
     */
    public static LedgerUser of(String name, String mspId, X509Certificate certificate, PrivateKey key) {
        requireUserName(name);
        requireMspId(mspId);
        requireKeyMatches(certificate, key, "user " + name);
        String pem = PemFiles.toPem(certificate);
        return new LedgerUser(name, mspId, certificate, pem, key, serializedIdentity(mspId, pem));
    }

    /** The {@code SerializedIdentity} protobuf bytes: {@code mspid} and {@code id_bytes} = the PEM certificate. */
    public static byte[] serializedIdentity(String mspId, String certificatePem) {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(certificatePem, StandardCharsets.UTF_8))
                .build()
                .toByteArray();
    }

    /** The Fabric CA attributes of the user's certificate ({@code participant}, {@code role}, {@code hf.*}). */
    public static Map<String, String> attributes(LedgerUser user) {
        return FabricCaAttributes.read(user.certificate());
    }

    /** Signs with the key and verifies with the certificate: the one test that works for every key type. */
    public static void requireKeyMatches(X509Certificate certificate, PrivateKey key, String what) {
        String algorithm = signatureAlgorithm(key);
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException(what + ": the private key does not belong to the certificate "
                        + certificate.getSubjectX500Principal().getName());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + ": the private key (" + key.getAlgorithm()
                    + ") cannot sign for the certificate's " + certificate.getPublicKey().getAlgorithm() + " key: "
                    + e.getMessage(), e);
        }
    }

    /** The signature algorithm for a key: ECDSA with SHA-256 for Fabric's P-256 keys. */
    public static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "ED25519", "EDDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
        };
    }

    static void requireUserName(String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name
                    + "' must be 1-64 characters of letters, digits, '.', '_', '@' and '-', starting with a letter or digit");
        }
    }

    static void requireMspId(String mspId) {
        if (mspId == null || !MSP_ID.matcher(mspId).matches()) {
            throw new IllegalArgumentException("MSP id '" + mspId
                    + "' must be 1-64 characters of letters, digits, '.' and '-', starting with a letter or digit");
        }
    }
}
