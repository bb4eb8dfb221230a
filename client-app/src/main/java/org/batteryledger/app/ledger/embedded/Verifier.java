package org.batteryledger.app.ledger.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Recomputes the ledger from what is stored and reports the first thing that does not match:
 *
 * <ol>
 *   <li>the hash chain, from block 0: each block's data hash from its transaction rows, its own
 *       hash from its header, and its link to the block before;
 *   <li>the world state, replayed from the write sets of the valid transactions and compared with
 *       the {@code world_state} table (value hash and version per key);
 *   <li>the hashed private state likewise, and each private value against its hash.
 * </ol>
 *
 * Reads one consistent snapshot (H2 SNAPSHOT isolation), so it may run while blocks commit. The
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

    VerifyReport verify() throws SQLException {
        try (Connection c = store.newConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            }
            c.setAutoCommit(false);
            try {
                return verify(c);
            } finally {
                c.rollback();
            }
        }
    }

    private VerifyReport verify(Connection c) throws SQLException {
        String channel = Store.CHANNEL_ID;
        int format = Store.FORMAT;
        try (PreparedStatement ps = c.prepareStatement("SELECT name, val FROM ledger_meta");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(1).equals("channel")) {
                    channel = rs.getString(2);
                } else if (rs.getString(1).equals("format")) {
                    format = Integer.parseInt(rs.getString(2));
                }
            }
        }
        Map<String, Expected> state = new HashMap<>();
        Map<String, Expected> pvtState = new HashMap<>();
        long expectedNumber = 0;
        long historyRows = 0;
        byte[] previousHash = null;
        try (PreparedStatement blocks = c.prepareStatement("SELECT " + Store.BLOCK_COLUMNS
                + " FROM block ORDER BY block_no");
                PreparedStatement txs = c.prepareStatement("SELECT " + Store.TX_COLUMNS
                        + " FROM tx WHERE block_no = ? ORDER BY tx_no");
                PreparedStatement history = c.prepareStatement("SELECT deleted, tx_id, ts_seconds, ts_nanos, v"
                        + " FROM history WHERE k = ? AND block_no = ? AND tx_no = ?");
                ResultSet brs = blocks.executeQuery()) {
            while (brs.next()) {
                Store.BlockRow b = Store.blockRow(brs);
                long n = b.number();
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
                    txs.setLong(1, n);
                    try (ResultSet trs = txs.executeQuery()) {
                        while (trs.next()) {
                            Store.TxRow t = Store.txRow(trs);
                            if (t.index() != count) {
                                return VerifyReport.failed(n, n, "block " + n + ": transaction " + count
                                        + " is missing");
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
                                String bad = historyMismatch(history, t, writes);
                                if (bad != null) {
                                    return VerifyReport.failed(n, n, "block " + n + ": " + bad);
                                }
                                historyRows += writes.writes().size();
                            }
                            count++;
                        }
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
        }
        long checked = expectedNumber;
        if (checked == 0) {
            return VerifyReport.failed(0, 0, "the genesis block is missing");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(block_no) FROM tx WHERE block_no >= ?")) {
            ps.setLong(1, checked);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    return VerifyReport.failed(checked, rs.getLong(1), "transactions of block " + rs.getLong(1)
                            + " are stored but the block is not");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MAX(block_no) FROM history");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) != historyRows) {
                long b = Math.min(Math.max(rs.getLong(2), 0), checked - 1);
                return VerifyReport.failed(checked, b, "the history holds " + rs.getLong(1) + " rows but the chain's"
                        + " valid transactions wrote " + historyRows + " keys");
            }
        }
        Finding f = new Finding();
        compareWorldState(c, state, checked, f);
        comparePrivateState(c, pvtState, checked, f);
        return f.problem == null ? VerifyReport.passed(checked) : VerifyReport.failed(checked, f.block, f.problem);
    }

    /** The history row of each key {@code t} wrote must say what {@code t} wrote; null when all do. */
    private static String historyMismatch(PreparedStatement history, Store.TxRow t, RwSet.StoredWrites writes)
            throws SQLException {
        for (RwSet.StoredWrite sw : writes.writes()) {
            history.setBytes(1, Bytes.utf8(sw.key()));
            history.setLong(2, t.block());
            history.setInt(3, t.index());
            try (ResultSet rs = history.executeQuery()) {
                if (!rs.next()) {
                    return "the history of key " + printable(sw.key()) + " lacks transaction " + t.txId();
                }
                boolean same = rs.getBoolean(1) == (sw.value() == null) && t.txId().equals(rs.getString(2))
                        && rs.getLong(3) == t.tsSeconds() && rs.getInt(4) == t.tsNanos()
                        && Arrays.equals(sw.value(), rs.getBytes(5));
                if (!same) {
                    return "the history of key " + printable(sw.key()) + " differs from what transaction " + t.txId()
                            + " wrote";
                }
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

    private static void compareWorldState(Connection c, Map<String, Expected> expected, long height, Finding f)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT k, v, block_no, tx_no FROM world_state ORDER BY k");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String key = Bytes.string(rs.getBytes(1));
                long version = Version.of(rs.getLong(3), rs.getInt(4));
                Expected e = expected.remove(key);
                if (e == null) {
                    long claimed = Math.min(Math.max(rs.getLong(3), 0), height - 1);
                    f.offer(claimed, "world state does not match block " + claimed + ": key " + printable(key)
                            + " is stored but no valid transaction wrote it");
                } else if (e.version() != version) {
                    long b = Version.block(e.version());
                    f.offer(b, "world state does not match block " + b + ": key " + printable(key) + " has version "
                            + Version.describe(version) + ", the chain says " + Version.describe(e.version()));
                } else if (!Arrays.equals(e.valueHash(), Bytes.sha256(rs.getBytes(2)))) {
                    long b = Version.block(e.version());
                    f.offer(b, "world state does not match block " + b + ": key " + printable(key)
                            + " has another value than block " + b + " wrote");
                }
            }
        }
        TreeMap<String, Expected> missing = new TreeMap<>(Bytes.KEY_ORDER);
        missing.putAll(expected);
        missing.forEach((key, e) -> {
            long b = Version.block(e.version());
            f.offer(b, "world state does not match block " + b + ": key " + printable(key) + " is missing");
        });
    }

    private static void comparePrivateState(Connection c, Map<String, Expected> expected, long height, Finding f)
            throws SQLException {
        Map<String, Expected> hashes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT coll, kh, vh, block_no, tx_no FROM pvt_hash"
                + " ORDER BY coll, kh"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String key = pvtKey(rs.getString(1), rs.getBytes(2));
                long version = Version.of(rs.getLong(4), rs.getInt(5));
                Expected e = expected.remove(key);
                String name = "private key " + rs.getString(1) + "/#" + Bytes.hex(rs.getBytes(2)).substring(0, 12);
                if (e == null) {
                    long claimed = Math.min(Math.max(rs.getLong(4), 0), height - 1);
                    f.offer(claimed, "hashed private state does not match block " + claimed + ": " + name
                            + " is stored but no valid transaction wrote it");
                } else if (e.version() != version || !Arrays.equals(e.valueHash(), rs.getBytes(3))) {
                    long b = Version.block(e.version());
                    f.offer(b, "hashed private state does not match block " + b + ": " + name + " differs");
                } else {
                    hashes.put(key, e);
                }
            }
        }
        expected.forEach((key, e) -> {
            long b = Version.block(e.version());
            f.offer(b, "hashed private state does not match block " + b + ": a private key of "
                    + key.substring(0, key.indexOf('\u0000')) + " is missing");
        });
        try (PreparedStatement ps = c.prepareStatement("SELECT coll, k, v, block_no, tx_no FROM pvt_data"
                + " ORDER BY coll, k"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String coll = rs.getString(1);
                String k = Bytes.string(rs.getBytes(2));
                Expected e = hashes.remove(pvtKey(coll, Bytes.sha256(rs.getBytes(2))));
                long version = Version.of(rs.getLong(4), rs.getInt(5));
                if (e == null || e.version() != version
                        || !Arrays.equals(e.valueHash(), Bytes.sha256(rs.getBytes(3)))) {
                    long b = e == null ? Math.min(Math.max(rs.getLong(4), 0), height - 1) : Version.block(e.version());
                    f.offer(b, "private data does not match its hash on the chain (block " + b + "): " + coll + "/"
                            + printable(k));
                }
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
