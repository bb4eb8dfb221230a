package org.batteryledger.app.ledger.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte layouts of the ledger's map entries (see {@link Store}): fixed-width big-endian
 * numbers, length-prefixed strings and byte strings (length -1: null). One writer and one reader,
 * so a layout is written and read by the same few lines.
 */
final class Codec {
    private Codec() {}

    /** Appends fields to a growing array. */
    static final class Writer {
        private byte[] buf;
        private int len;

        Writer(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void room(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        Writer i64(long v) {
            room(8);
            for (int s = 56; s >= 0; s -= 8) {
                buf[len++] = (byte) (v >>> s);
            }
            return this;
        }

        Writer i32(int v) {
            room(4);
            for (int s = 24; s >= 0; s -= 8) {
                buf[len++] = (byte) (v >>> s);
            }
            return this;
        }

        Writer u8(int v) {
            room(1);
            buf[len++] = (byte) v;
            return this;
        }

        /** Raw bytes, no length: for fixed-width fields and a last field that runs to the end. */
        Writer raw(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return this;
        }

        Writer bytes(byte[] b) {
            if (b == null) {
                return i32(-1);
            }
            i32(b.length);
            return raw(b);
        }

        Writer string(String s) {
            return bytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
        }

        byte[] done() {
            return len == buf.length ? buf : Arrays.copyOf(buf, len);
        }
    }

    /** Reads fields in the order they were written. */
    static final class Reader {
        private final ByteBuffer b;

        Reader(byte[] data) {
            b = ByteBuffer.wrap(data);
        }

        long i64() {
            return b.getLong();
        }

        int i32() {
            return b.getInt();
        }

        int u8() {
            return b.get() & 0xff;
        }

        byte[] raw(int n) {
            byte[] out = new byte[n];
            b.get(out);
            return out;
        }

        byte[] rest() {
            return raw(b.remaining());
        }

        byte[] bytes() {
            int n = b.getInt();
            return n < 0 ? null : raw(n);
        }

        String string() {
            byte[] s = bytes();
            return s == null ? null : new String(s, StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------ versioned values

    /** A value with its version in front: world state, private data. */
    static byte[] versioned(long version, byte[] value) {
        return new Writer(8 + value.length).i64(version).raw(value).done();
    }

    static long version(byte[] versioned) {
        return ByteBuffer.wrap(versioned).getLong();
    }

    static byte[] value(byte[] versioned) {
        return Arrays.copyOfRange(versioned, 8, versioned.length);
    }

    // ------------------------------------------------------------------ keys

    /**
     * A history key: the state key with each 0x00 escaped as 0x00 0xFF, then 0x00 0x00, then the
     * version. Prefix-free and order-preserving, so one key's history is one contiguous range, in
     * commit order, and keys keep LevelDB's order.
     */
    static byte[] historyKey(String key, long version) {
        byte[] k = Bytes.utf8(key);
        Writer w = new Writer(k.length + 12);
        for (byte x : k) {
            w.u8(x);
            if (x == 0) {
                w.u8(0xff);
            }
        }
        return w.u8(0).u8(0).i64(version).done();
    }

    /** The first history key of {@code key} (all its versions are at or above it). */
    static byte[] historyFrom(String key) {
        return historyKey(key, 0);
    }

    /** Beyond the last history key of {@code key}. */
    static byte[] historyTo(String key) {
        return historyKey(key, -1L); // 0xFF x 8 sorts after every version
    }

    /** The version at the end of a history key. */
    static long historyVersion(byte[] historyKey) {
        return ByteBuffer.wrap(historyKey, historyKey.length - 8, 8).getLong();
    }

    /** A private-data key: the collection, 0x00, the key (collection names hold no 0x00). */
    static byte[] pvtDataKey(String collection, byte[] key) {
        return new Writer(collection.length() + 1 + key.length).raw(Bytes.utf8(collection)).u8(0).raw(key).done();
    }

    /** The collection's part of a private-data key. */
    static int pvtDataPrefixLength(String collection) {
        return Bytes.utf8(collection).length + 1;
    }

    /** A hashed-private-state key (collection and key hash), for point reads only. */
    static String pvtHashKey(String collection, byte[] keyHash) {
        return collection + '\u0000' + Bytes.hex(keyHash);
    }
}
