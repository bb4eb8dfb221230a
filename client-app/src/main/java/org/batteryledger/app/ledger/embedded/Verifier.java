package org.batteryledger.app.ledger.embedded;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.h2.mvstore.Cursor;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Recomputes the ledger from what is stored and reports the first thing that does not match:
 *
 * <ol>
 *   <li>the hash chain, from block 0: each block's data hash from its transaction rows, its own
 *       hash from its header, and its link to the block before;
 *   <li>the world state, replayed from the write sets of the valid transactions and compared with
 *       the {@code state} map (value hash and version per key), and every history entry
 *       against the transaction that wrote it;
 *   <li>the hashed private state likewise, and each private value against its hash.
 * </ol>
 *
 * Reads one committed view of the store (see {@link Store#read}), so it may run while blocks commit. The
 * replay holds one entry per live key in memory (key, version, SHA-256 of the value).
 */
final class Verifier {
    private record Expected(long version, byte[] valueHash) {}

    /** The earliest mismatch found so far. */
    private static final class Finding {
        long block = Long.MAX_VALUE;
        String problem;

        void offer(long b, String p) {
            if (b < block) {
                block = b;
                problem = p;
            }
        }
    }

    private final Store store;

    Verifier(Store store) {
        this.store = store;
    }

    VerifyReport verify() {
        return store.read(this::verify);
    }

    private VerifyReport verify(Store.View view) {
        String channel = Store.CHANNEL_ID;
        int format = Store.FORMAT;
        if (store.meta.get("channel") != null) {
            channel = store.meta.get("channel");
        }
        if (store.meta.get("format") != null) {
            format = Integer.parseInt(store.meta.get("format"));
        }
        Map<String, Expected> state = new HashMap<>();
        Map<String, Expected> pvtState = new HashMap<>();
        long expectedNumber = 0;
        long historyRows = 0;
        byte[] previousHash = null;
        Cursor<Long, byte[]> blocks = new Cursor<>(view.blocks(), null, null);
        while (blocks.hasNext()) {
            long n = blocks.next();
            Store.BlockRow b = Store.BlockRow.decode(n, blocks.getValue());
            if (n != expectedNumber) {
                return VerifyReport.failed(expectedNumber, expectedNumber, "block " + expectedNumber
                        + " is missing (next stored block is " + n + ")");
            }
            byte[] dataHash;
            int count = 0;
            if (n == 0) {
                dataHash = Chain.genesisDataHash(channel, format);
            } else {
                Chain.DataHash dh = new Chain.DataHash();
                for (Store.TxRow t : Store.blockTxs(view, n)) {
                    if (t.index() != count) {
                        return VerifyReport.failed(n, n, "block " + n + ": transaction " + count + " is missing");
                    }
                    byte[] body = PendingTx.body(t.txId(), t.tsSeconds(), t.tsNanos(), t.creatorMsp(),
                            t.creatorHash(), t.function(), t.rwset(), t.eventName(), t.eventPayload());
                    dh.add(t.index(), t.validationCode(), body);
                    if (t.validationCode() == TxValidationCode.VALID_VALUE) {
                        RwSet.StoredWrites writes;
                        try {
                            writes = replay(t, state, pvtState);
                        } catch (IllegalArgumentException e) {
                            return VerifyReport.failed(n, n, "block " + n + ": transaction " + t.txId()
                                    + " has an unreadable read-write set (" + e.getMessage() + ")");
                        }
                        String bad = historyMismatch(view, t, writes);
                        if (bad != null) {
                            return VerifyReport.failed(n, n, "block " + n + ": " + bad);
                        }
                        historyRows += writes.writes().size();
                    }
                    count++;
                }
                dataHash = dh.finish();
            }
            if (count != b.txCount()) {
                return VerifyReport.failed(n, n, "block " + n + " holds " + count
                        + " transactions but its header says " + b.txCount());
            }
            if (!Arrays.equals(dataHash, b.dataHash())) {
                return VerifyReport.failed(n, n, "block " + n + ": its transactions do not match its data hash");
            }
            if (!Arrays.equals(b.hash(), Chain.blockHash(n, b.previousHash(), b.dataHash()))) {
                return VerifyReport.failed(n, n, "block " + n + ": its header does not match its hash");
            }
            if (n == 0 ? !Arrays.equals(b.previousHash(), Bytes.ZERO_HASH)
                    : !Arrays.equals(b.previousHash(), previousHash)) {
                long bad = Math.max(0, n - 1);
                return VerifyReport.failed(n, bad, "block " + bad + " is not the block that block " + n
                        + " links to (previous hash differs)");
            }
            previousHash = b.hash();
            expectedNumber++;
        }
        long checked = expectedNumber;
        if (checked == 0) {
            return VerifyReport.failed(0, 0, "the genesis block is missing");
        }
        Cursor<Long, byte[]> beyond = new Cursor<>(view.txs(), Version.of(checked, 0), null);
        if (beyond.hasNext()) {
            long b = Version.block(beyond.next());
            return VerifyReport.failed(checked, b, "transactions of block " + b + " are stored but the block is not");
        }
        long stored = 0;
        long lastHistoryBlock = 0;
        Cursor<byte[], byte[]> h = new Cursor<>(view.history(), null, null);
        while (h.hasNext()) {
            lastHistoryBlock = Math.max(lastHistoryBlock, Version.block(Codec.historyVersion(h.next())));
            stored++;
        }
        if (stored != historyRows) {
            long b = Math.min(lastHistoryBlock, checked - 1);
            return VerifyReport.failed(checked, b, "the history holds " + stored + " rows but the chain's"
                    + " valid transactions wrote " + historyRows + " keys");
        }
        Finding f = new Finding();
        compareWorldState(view, state, checked, f);
        comparePrivateState(view, pvtState, checked, f);
        return f.problem == null ? VerifyReport.passed(checked) : VerifyReport.failed(checked, f.block, f.problem);
    }

    /** The history entry of each key {@code t} wrote must say what {@code t} wrote; null when all do. */
    private static String historyMismatch(Store.View view, Store.TxRow t, RwSet.StoredWrites writes) {
        long version = Version.of(t.block(), t.index());
        for (RwSet.StoredWrite sw : writes.writes()) {
            byte[] stored = Store.get(view.history(), Codec.historyKey(sw.key(), version));
            if (stored == null) {
                return "the history of key " + printable(sw.key()) + " lacks transaction " + t.txId();
            }
            Store.HistoryRow r;
            try {
                r = Store.HistoryRow.decode(stored);
            } catch (RuntimeException e) {
                return "the history of key " + printable(sw.key()) + " has an unreadable entry for transaction "
                        + t.txId();
            }
            boolean same = r.deleted() == (sw.value() == null) && t.txId().equals(r.txId())
                    && r.timestamp().getEpochSecond() == t.tsSeconds() && r.timestamp().getNano() == t.tsNanos()
                    && Arrays.equals(sw.value() == null ? null : sw.value(), r.value());
            if (!same) {
                return "the history of key " + printable(sw.key()) + " differs from what transaction " + t.txId()
                        + " wrote";
            }
        }
        return null;
    }

    private static RwSet.StoredWrites replay(Store.TxRow t, Map<String, Expected> state,
            Map<String, Expected> pvtState) {
        RwSet.StoredWrites w = RwSet.decodeWrites(t.rwset());
        long version = Version.of(t.block(), t.index());
        for (RwSet.StoredWrite sw : w.writes()) {
            if (sw.value() == null) {
                state.remove(sw.key());
            } else {
                state.put(sw.key(), new Expected(version, Bytes.sha256(sw.value())));
            }
        }
        for (RwSet.StoredPvtWrite pw : w.pvtWrites()) {
            String key = pvtKey(pw.collection(), pw.keyHash());
            if (pw.op() == RwSet.OP_PUT) {
                pvtState.put(key, new Expected(version, pw.valueHash()));
            } else {
                pvtState.remove(key);
            }
        }
        return w;
    }

    private static String pvtKey(String collection, byte[] keyHash) {
        return collection + '\u0000' + Bytes.hex(keyHash);
    }

    private static void compareWorldState(Store.View view, Map<String, Expected> expected, long height, Finding f) {
        Cursor<byte[], byte[]> c = new Cursor<>(view.state(), null, null);
        while (c.hasNext()) {
            String key = Bytes.string(c.next());
            byte[] stored = c.getValue();
            long version = Codec.version(stored);
            Expected e = expected.remove(key);
            if (e == null) {
                long claimed = Math.min(Math.max(Version.block(version), 0), height - 1);
                f.offer(claimed, "world state does not match block " + claimed + ": key " + printable(key)
                        + " is stored but no valid transaction wrote it");
            } else if (e.version() != version) {
                long b = Version.block(e.version());
                f.offer(b, "world state does not match block " + b + ": key " + printable(key) + " has version "
                        + Version.describe(version) + ", the chain says " + Version.describe(e.version()));
            } else if (!Arrays.equals(e.valueHash(), Bytes.sha256(Codec.value(stored)))) {
                long b = Version.block(e.version());
                f.offer(b, "world state does not match block " + b + ": key " + printable(key)
                        + " has another value than block " + b + " wrote");
            }
        }
        TreeMap<String, Expected> missing = new TreeMap<>(Bytes.KEY_ORDER);
        missing.putAll(expected);
        missing.forEach((key, e) -> {
            long b = Version.block(e.version());
            f.offer(b, "world state does not match block " + b + ": key " + printable(key) + " is missing");
        });
    }

    private static void comparePrivateState(Store.View view, Map<String, Expected> expected, long height,
            Finding f) {
        Map<String, Expected> hashes = new HashMap<>();
        Cursor<String, byte[]> c = new Cursor<>(view.pvtHash(), null, null);
        while (c.hasNext()) {
            String key = c.next();
            byte[] stored = c.getValue();
            long version = Codec.version(stored);
            Expected e = expected.remove(key);
            int sep = key.indexOf('\u0000');
            String name = "private key " + key.substring(0, sep) + "/#" + key.substring(sep + 1, sep + 13);
            if (e == null) {
                long claimed = Math.min(Math.max(Version.block(version), 0), height - 1);
                f.offer(claimed, "hashed private state does not match block " + claimed + ": " + name
                        + " is stored but no valid transaction wrote it");
            } else if (e.version() != version || !Arrays.equals(e.valueHash(), Codec.value(stored))) {
                long b = Version.block(e.version());
                f.offer(b, "hashed private state does not match block " + b + ": " + name + " differs");
            } else {
                hashes.put(key, e);
            }
        }
        expected.forEach((key, e) -> {
            long b = Version.block(e.version());
            f.offer(b, "hashed private state does not match block " + b + ": a private key of "
                    + key.substring(0, key.indexOf('\u0000')) + " is missing");
        });
        Cursor<byte[], byte[]> d = new Cursor<>(view.pvtData(), null, null);
        while (d.hasNext()) {
            byte[] dk = d.next();
            int sep = 0;
            while (dk[sep] != 0) {
                sep++;
            }
            String coll = Bytes.string(Arrays.copyOfRange(dk, 0, sep));
            byte[] kb = Arrays.copyOfRange(dk, sep + 1, dk.length);
            String k = Bytes.string(kb);
            byte[] stored = d.getValue();
            Expected e = hashes.remove(pvtKey(coll, Bytes.sha256(kb)));
            long version = Codec.version(stored);
            if (e == null || e.version() != version
                    || !Arrays.equals(e.valueHash(), Bytes.sha256(Codec.value(stored)))) {
                long b = e == null ? Math.min(Math.max(Version.block(version), 0), height - 1)
                        : Version.block(e.version());
                f.offer(b, "private data does not match its hash on the chain (block " + b + "): " + coll + "/"
                        + printable(k));
            }
        }
        hashes.forEach((key, e) -> {
            long b = Version.block(e.version());
            f.offer(b, "private data of block " + b + " is missing from the private store ("
                    + key.substring(0, key.indexOf('\u0000')) + ")");
        });
    }

    /** A key with its U+0000 separators made visible. */
    static String printable(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 2).append('\'');
        key.codePoints().forEach(cp -> {
            if (cp < 0x20) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append('\'').toString();
    }
}
