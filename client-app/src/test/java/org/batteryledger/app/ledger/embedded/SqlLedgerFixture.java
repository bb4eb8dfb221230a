package org.batteryledger.app.ledger.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.Map;
import org.h2.mvstore.Cursor;

/**
 * Writes a closed ledger's content in the SQL tables of storage layout 1 or 2 (the versions before
 * {@link Store#LAYOUT} 3), as {@code ledger.mv.db} beside it: what an earlier version left on disk.
 */
final class SqlLedgerFixture {
    private static final String[] LAYOUT_2 = {
        "CREATE TABLE ledger_meta(name VARCHAR(64) PRIMARY KEY, val VARCHAR(1000) NOT NULL)",
        "CREATE TABLE block(block_no BIGINT PRIMARY KEY, previous_hash BINARY(32) NOT NULL,"
                + " data_hash BINARY(32) NOT NULL, hash BINARY(32) NOT NULL, tx_count INT NOT NULL,"
                + " committed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)",
        "CREATE TABLE tx(block_no BIGINT NOT NULL, tx_no INT NOT NULL, tx_id VARCHAR(64) NOT NULL,"
                + " validation_code INT NOT NULL, ts_seconds BIGINT NOT NULL, ts_nanos INT NOT NULL,"
                + " creator_msp VARCHAR(255) NOT NULL, creator_hash BINARY(32) NOT NULL,"
                + " function_name VARCHAR(255) NOT NULL, event_name VARCHAR(255), event_payload VARBINARY,"
                + " rwset VARBINARY NOT NULL, PRIMARY KEY(block_no, tx_no))",
        "CREATE TABLE creator(hash BINARY(32) PRIMARY KEY, msp_id VARCHAR(255) NOT NULL, serialized VARBINARY NOT NULL)",
        "CREATE TABLE world_state(k VARBINARY PRIMARY KEY, v VARBINARY NOT NULL, block_no BIGINT NOT NULL,"
                + " tx_no INT NOT NULL)",
        "CREATE TABLE state_meta(k VARBINARY PRIMARY KEY, vp VARBINARY NOT NULL)",
        "CREATE TABLE history(k VARBINARY NOT NULL, block_no BIGINT NOT NULL, tx_no INT NOT NULL,"
                + " deleted BOOLEAN NOT NULL, tx_id VARCHAR(64), ts_seconds BIGINT, ts_nanos INT, v VARBINARY,"
                + " PRIMARY KEY(k, block_no, tx_no))",
        "CREATE TABLE pvt_hash(coll VARCHAR(255) NOT NULL, kh BINARY(32) NOT NULL, vh BINARY(32) NOT NULL,"
                + " block_no BIGINT NOT NULL, tx_no INT NOT NULL, PRIMARY KEY(coll, kh))",
        "CREATE TABLE pvt_meta(coll VARCHAR(255) NOT NULL, kh BINARY(32) NOT NULL, vp VARBINARY NOT NULL,"
                + " PRIMARY KEY(coll, kh))",
        "CREATE TABLE pvt_data(coll VARCHAR(255) NOT NULL, k VARBINARY NOT NULL, v VARBINARY NOT NULL,"
                + " block_no BIGINT NOT NULL, tx_no INT NOT NULL, PRIMARY KEY(coll, k))",
    };

    private SqlLedgerFixture() {}

    static void writeSqlLedger(Path ledgerDir, int layout) throws Exception {
        Files.deleteIfExists(ledgerDir.resolve(SqlLedgerImport.SQL_FILE));
        Files.deleteIfExists(ledgerDir.resolve(SqlLedgerImport.SQL_FILE + SqlLedgerImport.IMPORTED_SUFFIX));
        try (Store store = Store.openFile(ledgerDir.resolve(Store.FILE), Settings.defaults());
                Connection c = DriverManager.getConnection("jdbc:h2:file:" + ledgerDir.toAbsolutePath().resolve("ledger"))) {
            try (Statement s = c.createStatement()) {
                for (String ddl : LAYOUT_2) {
                    s.execute(ddl);
                }
            }
            store.read(view -> {
                try {
                    write(c, store, view);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
            try (Statement s = c.createStatement()) {
                if (layout == 1) {
                    for (String column : new String[] {"tx_id", "ts_seconds", "ts_nanos", "v"}) {
                        s.execute("ALTER TABLE history DROP COLUMN " + column);
                    }
                } else {
                    s.execute("INSERT INTO ledger_meta VALUES ('layout', '" + layout + "')");
                }
            }
        }
    }

    private static void write(Connection c, Store store, Store.View view) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_meta VALUES (?, ?)")) {
            for (Map.Entry<String, String> e : store.meta.entrySet()) {
                if (!e.getKey().equals("layout")) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO block VALUES (?, ?, ?, ?, ?, ?)")) {
            Cursor<Long, byte[]> cur = new Cursor<>(view.blocks(), null, null);
            while (cur.hasNext()) {
                Store.BlockRow b = Store.BlockRow.decode(cur.next(), cur.getValue());
                ps.setLong(1, b.number());
                ps.setBytes(2, b.previousHash());
                ps.setBytes(3, b.dataHash());
                ps.setBytes(4, b.hash());
                ps.setInt(5, b.txCount());
                ps.setObject(6, b.committedAt().atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tx VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Cursor<Long, byte[]> cur = new Cursor<>(view.txs(), null, null);
            while (cur.hasNext()) {
                Store.TxRow t = Store.TxRow.decode(cur.next(), cur.getValue());
                Object[] v = {t.block(), t.index(), t.txId(), t.validationCode(), t.tsSeconds(), t.tsNanos(),
                    t.creatorMsp(), t.creatorHash(), t.function(), t.eventName(), t.eventPayload(), t.rwset()};
                for (int i = 0; i < v.length; i++) {
                    ps.setObject(i + 1, v[i]);
                }
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO creator VALUES (?, ?, ?)")) {
            for (Map.Entry<String, byte[]> e : store.creators.entrySet()) {
                Canonical.Reader r = new Canonical.Reader(e.getValue());
                ps.setBytes(1, Bytes.HEX.parseHex(e.getKey()));
                ps.setString(2, r.str());
                ps.setBytes(3, r.bytes());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO world_state VALUES (?, ?, ?, ?)")) {
            Cursor<byte[], byte[]> cur = new Cursor<>(view.state(), null, null);
            while (cur.hasNext()) {
                byte[] k = cur.next();
                long v = Codec.version(cur.getValue());
                ps.setBytes(1, k);
                ps.setBytes(2, Codec.value(cur.getValue()));
                ps.setLong(3, Version.block(v));
                ps.setInt(4, Version.tx(v));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO history VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            Cursor<byte[], byte[]> cur = new Cursor<>(view.history(), null, null);
            while (cur.hasNext()) {
                byte[] hk = cur.next();
                long v = Codec.historyVersion(hk);
                Store.HistoryRow h = Store.HistoryRow.decode(cur.getValue());
                ps.setBytes(1, unescape(hk));
                ps.setLong(2, Version.block(v));
                ps.setInt(3, Version.tx(v));
                ps.setBoolean(4, h.deleted());
                ps.setString(5, h.txId());
                ps.setLong(6, h.timestamp().getEpochSecond());
                ps.setInt(7, h.timestamp().getNano());
                ps.setBytes(8, h.value());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pvt_hash VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, byte[]> e : store.pvtHash.entrySet()) {
                int sep = e.getKey().indexOf('\u0000');
                long v = Codec.version(e.getValue());
                ps.setString(1, e.getKey().substring(0, sep));
                ps.setBytes(2, Bytes.HEX.parseHex(e.getKey().substring(sep + 1)));
                ps.setBytes(3, Codec.value(e.getValue()));
                ps.setLong(4, Version.block(v));
                ps.setInt(5, Version.tx(v));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pvt_data VALUES (?, ?, ?, ?, ?)")) {
            Cursor<byte[], byte[]> cur = new Cursor<>(view.pvtData(), null, null);
            while (cur.hasNext()) {
                byte[] dk = cur.next();
                int sep = 0;
                while (dk[sep] != 0) {
                    sep++;
                }
                long v = Codec.version(cur.getValue());
                ps.setString(1, Bytes.string(java.util.Arrays.copyOfRange(dk, 0, sep)));
                ps.setBytes(2, java.util.Arrays.copyOfRange(dk, sep + 1, dk.length));
                ps.setBytes(3, Codec.value(cur.getValue()));
                ps.setLong(4, Version.block(v));
                ps.setInt(5, Version.tx(v));
                ps.executeUpdate();
            }
        }
    }

    /** The state key of a history key (the escape of {@link Codec#historyKey} undone). */
    private static byte[] unescape(byte[] hk) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < hk.length - 10; i++) {
            out.write(hk[i]);
            if (hk[i] == 0) {
                i++; // the 0xFF after an escaped 0x00
            }
        }
        return out.toByteArray();
    }
}
