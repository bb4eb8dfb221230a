package org.batteryledger.app.identity;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes X.509 certificates and private keys as PEM, the form Fabric (cryptogen,
 * Fabric CA, the Gateway's {@code Identities.readX509Certificate}) uses for both, so the files the
 * app keeps can be handed to a Fabric client unchanged. Keys are written as unencrypted PKCS#8
 * ({@code PRIVATE KEY}, like Fabric CA's keystore); SEC1 ({@code EC PRIVATE KEY}) is read too.
 * Keys are written readable by the owner only where the file system supports POSIX permissions.
 * Every failure is an {@link InvalidPemException} saying what was expected and where.
 */
public final class PemFiles {
    private PemFiles() {}

    /** The certificate as one PEM {@code CERTIFICATE} block. */
    public static String toPem(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot PEM-encode certificate", e);
        }
        return out.toString();
    }

    /** The key as one unencrypted PKCS#8 {@code PRIVATE KEY} block. */
    public static String toPem(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot PEM-encode private key", e);
        }
        return out.toString();
    }

    /** Parses the first PEM block, which must be a certificate. */
    public static X509Certificate parseCertificate(String pem) {
        return parseCertificate(pem, "certificate PEM");
    }

    /** Parses the first PEM block, which must be an unencrypted private key (PKCS#8 or SEC1). */
    public static PrivateKey parsePrivateKey(String pem) {
        return parsePrivateKey(pem, "private key PEM");
    }

    public static X509Certificate readCertificate(Path file) {
        return parseCertificate(read(file, "certificate"), "certificate file " + file);
    }

    public static PrivateKey readPrivateKey(Path file) {
        return parsePrivateKey(read(file, "private key"), "private key file " + file);
    }

    /** Writes the certificate atomically (a crash leaves the old file or the new one, never half). */
    public static void writeCertificate(Path file, X509Certificate certificate) {
        write(file, toPem(certificate), false);
    }

    /** Writes the key atomically, with permissions 600 where the file system has POSIX permissions. */
    public static void writePrivateKey(Path file, PrivateKey key) {
        write(file, toPem(key), true);
    }

    /** Writes PEM text as read (e.g. an imported certificate), atomically. */
    public static void writeText(Path file, String pem, boolean ownerOnly) {
        write(file, pem, ownerOnly);
    }

    static X509Certificate parseCertificate(String pem, String what) {
        Object object = firstObject(pem, what);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new InvalidPemException(what + ": expected a CERTIFICATE block, found " + describe(object));
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new InvalidPemException(what + ": not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }

    static PrivateKey parsePrivateKey(String pem, String what) {
        Object object = firstObject(pem, what);
        PrivateKeyInfo info;
        if (object instanceof PrivateKeyInfo i) {
            info = i;
        } else if (object instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
            throw new InvalidPemException(what + ": the key is encrypted; give the unencrypted key");
        } else {
            throw new InvalidPemException(what + ": expected a PRIVATE KEY block, found " + describe(object));
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new InvalidPemException(what + ": not a usable private key: " + e.getMessage(), e);
        }
    }

    private static Object firstObject(String pem, String what) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidPemException(what + " is empty");
        }
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            // Bad Base64 or a truncated block surfaces as IOException or a DecoderException.
            throw new InvalidPemException(what + ": malformed PEM (" + e.getMessage() + ")", e);
        }
        if (object == null) {
            throw new InvalidPemException(what + ": no PEM block found (expected -----BEGIN ...-----)");
        }
        return object;
    }

    private static String describe(Object object) {
        if (object instanceof X509CertificateHolder) {
            return "a certificate";
        }
        if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) {
            return "a private key";
        }
        return object.getClass().getSimpleName();
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidPemException(what + " file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " file " + file, e);
        }
    }

    private static void write(Path file, String text, boolean ownerOnly) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            // Created owner-only from the start, so the key is never readable by others, not even briefly.
            Path tmp = ownerOnly && posix
                    ? Files.createTempFile(dir, ".tmp-", ".pem",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".tmp-", ".pem");
            try {
                if (ownerOnly && !posix) {
                    File f = tmp.toFile();
                    f.setReadable(false, false);
                    f.setReadable(true, true);
                    f.setWritable(false, false);
                    f.setWritable(true, true);
                }
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    w.write(text);
                }
                if (posix && !ownerOnly) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
