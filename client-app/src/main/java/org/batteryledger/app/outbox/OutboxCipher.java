package org.batteryledger.app.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.batteryledger.app.identity.PemFiles;

/**
 * Encrypts the transient part of outbox entries (commercial terms, private data) at rest with
 * AES-256-GCM. Each value gets a fresh 96-bit nonce; the entry's key (participant and client event
 * id) is the associated data, so a ciphertext copied into another row does not decrypt either.
 * Stored form: {@value #PREFIX} followed by base64 of nonce, ciphertext and tag.
 *
 * <pre>{@code
 * OutboxCipher cipher = OutboxCipher.fromFile(dataDir.resolve("outbox.key")); // created 0600 if absent
 * String sealed = cipher.seal("{\"priceMinor\":1}", "participant/event-1");
 * String plain = cipher.open(sealed, "participant/event-1");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class OutboxCipher {
    static final String PREFIX = "aesgcm1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String source;

    private OutboxCipher(byte[] key, String source) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the outbox key (" + source + ") must be " + KEY_BYTES
                    + " bytes (AES-256), base64-encoded; it is " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.source = source;
    }

    /** A cipher under a 32-byte key. */
    public static OutboxCipher of(byte[] key) {
        return new OutboxCipher(Objects.requireNonNull(key, "key"), "given");
    }

    /** A cipher under a key given as base64 text (the {@code battery.outbox.key} setting). */
    public static OutboxCipher fromBase64(String base64, String source) {
        Objects.requireNonNull(base64, "base64");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the outbox key (" + source + ") is not valid base64", e);
        }
        return new OutboxCipher(key, source);
    }

    /** A cipher under a new random key, kept nowhere: for tests. */
    public static OutboxCipher random() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return new OutboxCipher(k, "random");
    }

    /**
     * The key in {@code file} (base64 text); on first use a new random key is written there,
     * readable by the owner only. Losing the file makes the transient data of writes still
     * pending unreadable, nothing else: keep it with the data directory's backup.
     */
    public static OutboxCipher fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            if (!Files.exists(file)) {
                byte[] k = new byte[KEY_BYTES];
                RANDOM.nextBytes(k);
                PemFiles.writeText(file, Base64.getEncoder().encodeToString(k) + "\n", true);
                Arrays.fill(k, (byte) 0);
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outbox key " + file, e);
        }
    }

    /** Encrypts {@code plaintext}, bound to {@code associatedData}. */
    public String seal(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    /**
     * Decrypts what {@link #seal} made for the same associated data.
     *
     * @throws OutboxKeyException if the value was sealed under another key, for another entry, or
     *     altered since
     */
    public String open(String sealed, String associatedData) {
        if (!sealed.startsWith(PREFIX)) {
            throw new OutboxKeyException("transient data of outbox entry " + associatedData
                    + " is not in the encrypted form " + PREFIX + "...");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new OutboxKeyException("transient data of outbox entry " + associatedData + " is corrupt");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new OutboxKeyException("transient data of outbox entry " + associatedData + " is truncated");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new OutboxKeyException("transient data of outbox entry " + associatedData
                    + " does not decrypt with the outbox key (" + source + "): the key is not the one it was"
                    + " written with (battery.outbox.key, or outbox.key in the data directory), or the row was"
                    + " altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "OutboxCipher[AES-256-GCM, key from " + source + "]";
    }
}
