package org.batteryledger.app.ledger.embedded;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/** Byte helpers shared by the embedded ledger: UTF-8, SHA-256, hex, LevelDB key order. */
final class Bytes {
    static final HexFormat HEX = HexFormat.of();
    static final byte[] ZERO_HASH = new byte[32];

    /**
     * LevelDB (and our VARBINARY key columns) order keys by their UTF-8 bytes, which is code point
     * order; Java's {@link String#compareTo} (UTF-16) differs above U+FFFF. Every sorted map of keys
     * uses this, as the chaincode test kit does.
     */
    static final Comparator<String> KEY_ORDER = Bytes::compareCodePoints;

    private Bytes() {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    static String hex(byte[] b) {
        return b == null ? null : HEX.formatHex(b);
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int n = Math.min(a.length(), b.length());
        while (i < n) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(i);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
        }
        return Integer.compare(a.length(), b.length());
    }

    static int compareUnsigned(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** The smallest byte string greater than {@code key}: where a scan continues after it. */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /** The smallest byte string greater than every string that starts with {@code prefix} (non-empty, not all 0xFF). */
    static byte[] successorPrefix(byte[] prefix) {
        byte[] out = Arrays.copyOf(prefix, prefix.length);
        for (int i = out.length - 1; i >= 0; i--) {
            if (out[i] != (byte) 0xff) {
                out[i]++;
                return Arrays.copyOf(out, i + 1);
            }
        }
        throw new IllegalArgumentException("no successor of an all-0xFF prefix");
    }
}
