package org.batteryledger.app.ledger.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.logging.Logger;

/**
 * Imports a ledger written by an earlier version (storage layouts 1 and 2: SQL tables in {@value
 * #SQL_FILE}) into the maps of {@link Store}, row for row, so the chain, its hashes and {@code
 * verify} are unchanged. Layout 1 history rows carry no value; it is read from the writing
 * transaction's read-write set.
 *
 * <p>The import writes {@code chain.db.importing}, which becomes {@code chain.db} only when complete;
 * the old file is then renamed {@code ledger.mv.db.imported} and kept, for the operator to delete.
 * A crash before that leaves the old file in place and the import starts again on the next open.
 */
final class SqlLedgerImport {
    static final String SQL_FILE = "ledger.mv.db";
    static final String IMPORTED_SUFFIX = ".imported";
    private static final Logger LOG = Logger.getLogger(SqlLedgerImport.class.getName());
    private static final int COMMIT_EVERY = 20_000;

    private SqlLedgerImport() {}

    static void run(Path dataDir, Settings settings) {
        Path target = dataDir.resolve(Store.FILE);
        Path partial = dataDir.resolve(Store.FILE + ".importing");
        long started = System.nanoTime();
        long rows;
        try {
            Files.deleteIfExists(partial);
            String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ledger") + ";IFEXISTS=TRUE"
                    + ";DB_CLOSE_ON_EXIT=FALSE;ACCESS_MODE_DATA=r";
            try (Connection c = DriverManager.getConnection(url); Store out = Store.openFile(partial, settings)) {
                rows = copy(c, out);
                out.commit();
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            setAside(dataDir);
        } catch (SQLException | IOException | RuntimeException e) {
            throw new Store.StoreException("importing the ledger of an earlier version from " + dataDir.resolve(SQL_FILE)
                    + " failed (it is unchanged): " + e.getMessage(), e);
        }
        LOG.info(() -> String.format("imported %,d rows of the earlier ledger file into %s in %,d ms; the old file is"
                + " kept as %s%s", rows, target, (System.nanoTime() - started) / 1_000_000, SQL_FILE, IMPORTED_SUFFIX));
    }

    /** Renames the imported file, so that it is never imported again. */
    static void setAside(Path dataDir) {
        try {
            Files.move(dataDir.resolve(SQL_FILE), dataDir.resolve(SQL_FILE + IMPORTED_SUFFIX),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new Store.StoreException("cannot rename the imported ledger file " + dataDir.resolve(SQL_FILE) + ": "
                    + e.getMessage(), e);
        }
    }

    private static long copy(Connection c, Store out) throws SQLException {
        long n = 0;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT name, val FROM ledger_meta")) {
                while (rs.next()) {
                    if (!rs.getString(1).equals("layout")) {
                        out.meta.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT block_no, previous_hash, data_hash, hash, tx_count, committed_at"
                    + " FROM block ORDER BY block_no")) {
                while (rs.next()) {
                    long b = rs.getLong(1);
                    Instant at = rs.getObject(6, OffsetDateTime.class).toInstant();
                    out.blocks.put(b, new Store.BlockRow(b, rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getInt(5),
                            at).encode());
                    n = tick(out, n);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT block_no, tx_no, tx_id, validation_code, ts_seconds, ts_nanos,"
                    + " creator_msp, creator_hash, function_name, event_name, event_payload, rwset FROM tx"
                    + " ORDER BY block_no, tx_no")) {
                while (rs.next()) {
                    Store.TxRow t = new Store.TxRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
                            rs.getLong(5), rs.getInt(6), rs.getString(7), rs.getBytes(8), rs.getString(9),
                            rs.getString(10), rs.getBytes(11), rs.getBytes(12));
                    out.txs.put(Version.of(t.block(), t.index()), t.encode());
                    n = tick(out, n);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT hash, msp_id, serialized FROM creator")) {
                while (rs.next()) {
                    out.creators.put(Bytes.hex(rs.getBytes(1)), Codec.creator(rs.getString(2), rs.getBytes(3)));
                    n = tick(out, n);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT k, v, block_no, tx_no FROM world_state")) {
                while (rs.next()) {
                    out.state.put(rs.getBytes(1), Codec.versioned(Version.of(rs.getLong(3), rs.getInt(4)),
                            rs.getBytes(2)));
                    n = tick(out, n);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT k, vp FROM state_meta")) {
                while (rs.next()) {
                    out.stateMeta.put(rs.getBytes(1), rs.getBytes(2));
                    n = tick(out, n);
                }
            }
            try (ResultSet rs = s.executeQuery(hasHistoryValues(c)
                    ? "SELECT k, block_no, tx_no, deleted, tx_id, ts_seconds, ts_nanos, v, NULL FROM history"
                    : "SELECT h.k, h.block_no, h.tx_no, h.deleted, t.tx_id, t.ts_seconds, t.ts_nanos, NULL, t.rwset"
                            + " FROM history h JOIN tx t ON t.block_no = h.block_no AND t.tx_no = h.tx_no")) {
                while (rs.next()) {
                    String key = Bytes.string(rs.getBytes(1));
                    boolean deleted = rs.getBoolean(4);
                    byte[] value = deleted ? null : rs.getBytes(9) != null ? RwSet.writtenValue(rs.getBytes(9), key)
                            : rs.getBytes(8);
                    long version = Version.of(rs.getLong(2), rs.getInt(3));
                    out.history.put(Codec.historyKey(key, version), new Store.HistoryRow(rs.getString(5),
                            Instant.ofEpochSecond(rs.getLong(6), rs.getInt(7)), value, deleted).encode());
                    n = tick(out, n);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT coll, kh, vh, block_no, tx_no FROM pvt_hash")) {
                while (rs.next()) {
                    out.pvtHash.put(Codec.pvtHashKey(rs.getString(1), rs.getBytes(2)),
                            Codec.versioned(Version.of(rs.getLong(4), rs.getInt(5)), rs.getBytes(3)));
                    n = tick(out, n);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT coll, kh, vp FROM pvt_meta")) {
                while (rs.next()) {
                    out.pvtMeta.put(Codec.pvtHashKey(rs.getString(1), rs.getBytes(2)), rs.getBytes(3));
                    n = tick(out, n);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT coll, k, v, block_no, tx_no FROM pvt_data")) {
                while (rs.next()) {
                    out.pvtData.put(Codec.pvtDataKey(rs.getString(1), rs.getBytes(2)),
                            Codec.versioned(Version.of(rs.getLong(4), rs.getInt(5)), rs.getBytes(3)));
                    n = tick(out, n);
                }
            }
        }
        return n;
    }

    private static boolean hasHistoryValues(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_NAME = 'HISTORY' AND COLUMN_NAME = 'TX_ID'"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    /** Commits every {@value #COMMIT_EVERY} rows, so a large import does not hold it all in memory. */
    private static long tick(Store out, long n) {
        if (++n % COMMIT_EVERY == 0) {
            out.commit();
        }
        return n;
    }
}
