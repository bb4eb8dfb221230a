package org.batteryledger.app.identity.enrol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.identity.DevelopmentCa;
import org.batteryledger.app.identity.FabricCaAttributes;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.identity.LedgerUsers;
import org.batteryledger.app.identity.PemFiles;
import org.batteryledger.chaincode.access.CallerAttributes;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.participant.Uscc;

/**
 * Issues a user from an organisation's own CA and writes it as an MSP folder, the layout the
 * Gateway client and the peer CLI read:
 *
 * <pre>
 * &lt;msp&gt;/signcerts/cert.pem   the user's certificate, with the Fabric CA attribute extension
 * &lt;msp&gt;/keystore/key.pem     its private key (PKCS#8, owner-only)
 * &lt;msp&gt;/cacerts/ca.pem       the organisation CA that signed it
 * </pre>
 *
 * The certificate is the development CA's (same subject shape {@code CN=<user>, OU=client,
 * O=<MSP>}, same extension bytes, P-256), signed with the organisation's key instead of a
 * generated one, so the MSP of a real network accepts it as a client of that organisation.
 * Repeating an enrolment with the same attributes keeps the identity on disk.
 */
public final class Enrolment {
    static final String SIGNCERTS = "signcerts";
    static final String KEYSTORE = "keystore";
    static final String CACERTS = "cacerts";
    static final String CERT_FILE = "cert.pem";
    static final String KEY_FILE = "key.pem";
    static final String CA_FILE = "ca.pem";

    /** What happened: a new identity, or the one already there (same organisation and attributes). */
    public record Result(Path mspDirectory, X509Certificate certificate, Map<String, String> attributes,
            boolean issued) {}

    private final Clock clock;

    public Enrolment(Clock clock) {
        this.clock = clock;
    }

    /**
     * Issues (or keeps) the identity.
     *
     * @throws IllegalArgumentException for input that can never work: an unreadable or non-CA
     *     certificate, a key that is not the CA's, a bad user name, participant or role
     * @throws IllegalStateException when the folder holds another identity and {@code force} is off
     */
    public Result enrol(EnrolRequest request) {
        X509Certificate caCert = PemFiles.readCertificate(require(request.caCertificate(), "CA certificate"));
        PrivateKey caKey = PemFiles.readPrivateKey(require(request.caKey(), "CA private key"));
        requireUsableCa(caCert, caKey);
        Uscc.problem(request.participantId()).ifPresent(problem -> {
            throw new IllegalArgumentException("participant '" + request.participantId()
                    + "' is not a unified social credit code (GB 32100-2015): " + problem);
        });
        requireRole(request.role());

        Path msp = request.mspDirectory();
        Path certFile = msp.resolve(SIGNCERTS).resolve(CERT_FILE);
        if (Files.exists(certFile)) {
            X509Certificate existing = PemFiles.readCertificate(certFile);
            Map<String, String> attrs = FabricCaAttributes.read(existing);
            boolean same = existing.getIssuerX500Principal().equals(caCert.getSubjectX500Principal())
                    && request.participantId().equals(attrs.get(CallerAttributes.PARTICIPANT))
                    && request.role().equals(attrs.get(CallerAttributes.ROLE))
                    && request.userName().equals(attrs.get(FabricCaAttributes.ENROLLMENT_ID));
            if (same && Files.exists(msp.resolve(KEYSTORE).resolve(KEY_FILE))) {
                return new Result(msp, existing, attrs, false);
            }
            if (!request.force()) {
                throw new IllegalStateException(certFile + " holds another identity (" + describe(existing, attrs)
                        + "); pass --force to replace it");
            }
        }

        // add() and issue() check the MSP id and user name before anything is written.
        DevelopmentCa ca = new DevelopmentCa(clock);
        ca.add(new DevelopmentCa.Authority(request.mspId(), caCert, caKey));
        LedgerUser user = ca.issue(request.mspId(), request.userName(), request.participantId(), request.role());
        write(msp, user, caCert);
        return new Result(msp, user.certificate(), FabricCaAttributes.read(user.certificate()), true);
    }

    private void requireUsableCa(X509Certificate caCert, PrivateKey caKey) {
        String subject = caCert.getSubjectX500Principal().getName();
        if (caCert.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("certificate " + subject
                    + " is not a CA certificate (its basic constraints do not say cA=true)");
        }
        if (!(caKey instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("the CA key is " + caKey.getAlgorithm()
                    + "; Fabric's default MSP and this tool sign with ECDSA (P-256) keys only");
        }
        try {
            caCert.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalArgumentException("CA certificate " + subject + " is not valid now (valid "
                    + caCert.getNotBefore().toInstant() + " to " + caCert.getNotAfter().toInstant() + ")", e);
        }
        LedgerUsers.requireKeyMatches(caCert, caKey, "CA " + subject);
    }

    private static void requireRole(String role) {
        try {
            Role.valueOf(role);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role '" + role + "' is not one of " + List.of(Role.values()), e);
        }
    }

    private static Path require(Path file, String what) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + file + " does not exist");
        }
        return file;
    }

    private static String describe(X509Certificate cert, Map<String, String> attrs) {
        return cert.getSubjectX500Principal().getName() + ", participant=" + attrs.get(CallerAttributes.PARTICIPANT)
                + ", role=" + attrs.get(CallerAttributes.ROLE);
    }

    /** Key first, as the identity store does: a crash in between leaves no certificate without its key. */
    private static void write(Path msp, LedgerUser user, X509Certificate caCert) {
        // A folder a Fabric CA client wrote holds <ski>_sk and cert.pem; one file each keeps readers unambiguous.
        clear(msp.resolve(KEYSTORE));
        clear(msp.resolve(SIGNCERTS));
        PemFiles.writePrivateKey(msp.resolve(KEYSTORE).resolve(KEY_FILE), user.privateKey());
        PemFiles.writeCertificate(msp.resolve(CACERTS).resolve(CA_FILE), caCert);
        PemFiles.writeCertificate(msp.resolve(SIGNCERTS).resolve(CERT_FILE), user.certificate());
    }

    private static void clear(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path f : files) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
