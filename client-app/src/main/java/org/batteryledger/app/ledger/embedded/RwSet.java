package org.batteryledger.app.ledger.embedded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A transaction's read-write set, as a Fabric endorser records it during simulation and the
 * committer validates it: every key read with the version it had, every range query with what it
 * returned (for phantom checks), every write (the last per key wins), state-based endorsement
 * parameters, and for private data only hashes ({@link Canonical} bytes carry no private key or
 * value, as a block carries only the hashed private read-write set).
 *
 * <p>{@link #encode()} is canonical: entries sorted by key (code point order), so the same
 * simulation always gives the same bytes, which go into the block's data hash.
 */
final class RwSet {
    static final int FORMAT = 1;
    static final int OP_PUT = 0;
    static final int OP_DELETE = 1;
    static final int OP_PURGE = 2;

    /** Orders private entries by collection, then key hash (what the block carries). */
    static final Comparator<PvtKey> PVT_ORDER = Comparator.comparing(PvtKey::collection, Bytes.KEY_ORDER)
            .thenComparing(PvtKey::keyHashHex);

    /** A private key: collection plus the key in clear (kept in memory only) and its SHA-256. */
    record PvtKey(String collection, String key, String keyHashHex) {
        static PvtKey of(String collection, String key) {
            return new PvtKey(collection, key, Bytes.hex(Bytes.sha256(Bytes.utf8(key))));
        }

        byte[] keyHash() {
            return Bytes.HEX.parseHex(keyHashHex);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PvtKey p && p.collection.equals(collection) && p.keyHashHex.equals(keyHashHex);
        }

        @Override
        public int hashCode() {
            return collection.hashCode() * 31 + keyHashHex.hashCode();
        }
    }

    /** A private write: value {@code null} for delete or purge. */
    record PvtWrite(byte[] value, boolean purge) {
        int op() {
            return value != null ? OP_PUT : purge ? OP_PURGE : OP_DELETE;
        }
    }

    /** One key a range query returned, with its version. */
    record KeyVersion(String key, long version) {}

    /**
     * A range query as executed: {@code collection} null for world state; {@code end} empty means
     * unbounded; {@code exhausted} when the iterator reached the end of the range, otherwise only
     * {@code [start, last returned key]} is re-checked.
     */
    record RangeRead(String collection, String start, String end, boolean exhausted, List<KeyVersion> results) {}

    final TreeMap<String, Long> reads = new TreeMap<>(Bytes.KEY_ORDER);
    final List<RangeRead> rangeReads = new ArrayList<>();
    final TreeMap<PvtKey, Long> pvtReads = new TreeMap<>(PVT_ORDER);
    /** {@code null} value = delete. */
    final TreeMap<String, byte[]> writes = new TreeMap<>(Bytes.KEY_ORDER);
    final TreeMap<String, byte[]> metaWrites = new TreeMap<>(Bytes.KEY_ORDER);
    final TreeMap<PvtKey, PvtWrite> pvtWrites = new TreeMap<>(PVT_ORDER);
    final TreeMap<PvtKey, byte[]> pvtMetaWrites = new TreeMap<>(PVT_ORDER);

    boolean hasWrites() {
        return !writes.isEmpty() || !metaWrites.isEmpty() || !pvtWrites.isEmpty() || !pvtMetaWrites.isEmpty();
    }

    /** The canonical bytes stored with the transaction and hashed into its block. */
    byte[] encode() {
        int size = 64;
        for (Map.Entry<String, byte[]> e : writes.entrySet()) {
            size += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length) + 12;
        }
        size += reads.size() * 64;
        Canonical.Writer w = new Canonical.Writer(size);
        w.u8(FORMAT);
        w.i32(writes.size());
        for (Map.Entry<String, byte[]> e : writes.entrySet()) {
            w.str(e.getKey());
            if (e.getValue() == null) {
                w.u8(OP_DELETE);
            } else {
                w.u8(OP_PUT).bytes(e.getValue());
            }
        }
        w.i32(metaWrites.size());
        metaWrites.forEach((k, v) -> w.str(k).bytes(v));
        w.i32(pvtWrites.size());
        pvtWrites.forEach((k, v) -> {
            w.str(k.collection()).raw(k.keyHash()).u8(v.op());
            if (v.value() != null) {
                w.raw(Bytes.sha256(v.value()));
            }
        });
        w.i32(pvtMetaWrites.size());
        pvtMetaWrites.forEach((k, v) -> w.str(k.collection()).raw(k.keyHash()).bytes(v));
        w.i32(reads.size());
        reads.forEach((k, v) -> w.str(k).i64(v));
        w.i32(rangeReads.size());
        for (RangeRead r : rangeReads) {
            if (r.collection() == null) {
                w.u8(0).str(r.start()).str(r.end());
            } else {
                // Private keys never appear in clear in a block: hashes only.
                w.u8(1).str(r.collection()).raw(Bytes.sha256(Bytes.utf8(r.start())))
                        .raw(Bytes.sha256(Bytes.utf8(r.end())));
            }
            w.u8(r.exhausted() ? 1 : 0).i32(r.results().size());
            for (KeyVersion kv : r.results()) {
                if (r.collection() == null) {
                    w.str(kv.key());
                } else {
                    w.raw(Bytes.sha256(Bytes.utf8(kv.key())));
                }
                w.i64(kv.version());
            }
        }
        w.i32(pvtReads.size());
        pvtReads.forEach((k, v) -> w.str(k.collection()).raw(k.keyHash()).i64(v));
        return w.toByteArray();
    }

    // ------------------------------------------------------------------ decoding (verify, history)

    /** A public write as stored: value {@code null} for a delete. */
    record StoredWrite(String key, byte[] value) {}

    /** A private write as stored: hashes only; {@code valueHash} null unless a put. */
    record StoredPvtWrite(String collection, byte[] keyHash, int op, byte[] valueHash) {}

    /** A private endorsement-parameter write as stored. */
    record StoredPvtMeta(String collection, byte[] keyHash, byte[] parameter) {}

    /** What {@link #decodeWrites} recovers: every write of a stored transaction. */
    record StoredWrites(List<StoredWrite> writes, Map<String, byte[]> metaWrites, List<StoredPvtWrite> pvtWrites,
            List<StoredPvtMeta> pvtMetaWrites) {}

    /** Decodes the write sections of stored canonical bytes (reads are not needed after validation). */
    static StoredWrites decodeWrites(byte[] encoded) {
        Canonical.Reader r = new Canonical.Reader(encoded);
        int format = r.u8();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown read-write set format " + format);
        }
        int n = r.i32();
        List<StoredWrite> writes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String key = r.str();
            int op = r.u8();
            writes.add(new StoredWrite(key, op == OP_PUT ? r.bytes() : null));
        }
        int m = r.i32();
        Map<String, byte[]> meta = new TreeMap<>(Bytes.KEY_ORDER);
        for (int i = 0; i < m; i++) {
            meta.put(r.str(), r.bytes());
        }
        int p = r.i32();
        List<StoredPvtWrite> pvt = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            String coll = r.str();
            byte[] kh = r.raw(32);
            int op = r.u8();
            pvt.add(new StoredPvtWrite(coll, kh, op, op == OP_PUT ? r.raw(32) : null));
        }
        int pm = r.i32();
        List<StoredPvtMeta> pvtMeta = new ArrayList<>(pm);
        for (int i = 0; i < pm; i++) {
            pvtMeta.add(new StoredPvtMeta(r.str(), r.raw(32), r.bytes()));
        }
        return new StoredWrites(writes, meta, pvt, pvtMeta);
    }

    /**
     * The value {@code key} was given by a stored transaction, without decoding the rest: {@code
     * null} if the transaction deleted it or did not write it.
     */
    static byte[] writtenValue(byte[] encoded, String key) {
        Canonical.Reader r = new Canonical.Reader(encoded);
        r.u8();
        int n = r.i32();
        for (int i = 0; i < n; i++) {
            String k = r.str();
            int op = r.u8();
            if (k.equals(key)) {
                return op == OP_PUT ? r.bytes() : null;
            }
            if (op == OP_PUT) {
                r.skipBytes();
            }
        }
        return null;
    }
}
