package org.batteryledger.app.ledger.embedded;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The byte layouts of the ledger's map keys and of its versioned values (see {@link Store}), in
 * {@link Canonical}'s encoding; the stored rows encode themselves the same way.
 */
final class Codec {
    private Codec() {}

    // ------------------------------------------------------------------ versioned values

    /** A value with its version in front: world state, private data. */
    static byte[] versioned(long version, byte[] value) {
        return new Canonical.Writer(8 + value.length).i64(version).raw(value).toByteArray();
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
        Canonical.Writer w = new Canonical.Writer(k.length + 12);
        for (byte x : k) {
            w.u8(x);
            if (x == 0) {
                w.u8(0xff);
            }
        }
        return w.u8(0).u8(0).i64(version).toByteArray();
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
        return new Canonical.Writer(collection.length() + 1 + key.length).raw(Bytes.utf8(collection)).u8(0).raw(key)
                .toByteArray();
    }

    /** The collection's part of a private-data key. */
    static int pvtDataPrefixLength(String collection) {
        return Bytes.utf8(collection).length + 1;
    }

    /** A stored creator: its MSP id and serialized identity. */
    static byte[] creator(String mspId, byte[] serialized) {
        return new Canonical.Writer(serialized.length + 64).str(mspId).bytes(serialized).toByteArray();
    }

    /** A hashed-private-state key (collection and key hash), for point reads only. */
    static String pvtHashKey(String collection, byte[] keyHash) {
        return collection + '\u0000' + Bytes.hex(keyHash);
    }
}
