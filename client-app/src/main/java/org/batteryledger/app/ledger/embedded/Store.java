package org.batteryledger.app.ledger.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.ChaincodeEvent;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The H2 file database behind the embedded ledger: schema, connections, and every read.
 *
 * <p>Tables: {@code block} (the hash chain), {@code tx} (one row per transaction, valid or not,
 * with its canonical read-write set), {@code creator} (serialized identities by hash), {@code
 * world_state} (current value and version per key), {@code state_meta} (state-based endorsement
 * parameters), {@code history} (which transactions wrote or deleted a key, with the value
 * written, its transaction id and time: Fabric's history database, denormalised so that a trace
 * reads one index range), {@code pvt_hash} (the hashed private state every peer holds), {@code pvt_data} and
 * {@code pvt_meta} (the private store, apart from world state). Keys are VARBINARY (UTF-8), which
 * H2 orders by unsigned bytes, i.e. LevelDB's order.
 *
 * <p>One connection belongs to the committer (autocommit off); a small pool of autocommit
 * connections serves reads, each of which sees committed data only.
 */
final class Store implements AutoCloseable {
    static final String CHANNEL_ID = "batterychannel";
    static final int FORMAT = 1;
    /**
     * The table layout, apart from the chain's {@link #FORMAT} (which is hashed into the genesis
     * block and never changes for a ledger). 2: history rows carry transaction id, time and value.
     */
    static final int LAYOUT = 2;

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS ledger_meta(name VARCHAR(64) PRIMARY KEY, val VARCHAR(1000) NOT NULL)",
        "CREATE TABLE IF NOT EXISTS block(block_no BIGINT PRIMARY KEY, previous_hash BINARY(32) NOT NULL,"
                + " data_hash BINARY(32) NOT NULL, hash BINARY(32) NOT NULL, tx_count INT NOT NULL,"
                + " committed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)",
        "CREATE TABLE IF NOT EXISTS tx(block_no BIGINT NOT NULL, tx_no INT NOT NULL, tx_id VARCHAR(64) NOT NULL,"
                + " validation_code INT NOT NULL, ts_seconds BIGINT NOT NULL, ts_nanos INT NOT NULL,"
                + " creator_msp VARCHAR(255) NOT NULL, creator_hash BINARY(32) NOT NULL,"
                + " function_name VARCHAR(255) NOT NULL, event_name VARCHAR(255), event_payload VARBINARY,"
                + " rwset VARBINARY NOT NULL, PRIMARY KEY(block_no, tx_no))",
        "CREATE TABLE IF NOT EXISTS creator(hash BINARY(32) PRIMARY KEY, msp_id VARCHAR(255) NOT NULL,"
                + " serialized VARBINARY NOT NULL)",
        "CREATE TABLE IF NOT EXISTS world_state(k VARBINARY PRIMARY KEY, v VARBINARY NOT NULL,"
                + " block_no BIGINT NOT NULL, tx_no INT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS state_meta(k VARBINARY PRIMARY KEY, vp VARBINARY NOT NULL)",
        // Each history row carries what a trace shows (transaction id, time, value), so reading a
        // key's history is one range of this table instead of a join to ten scattered tx rows.
        "CREATE TABLE IF NOT EXISTS history(k VARBINARY NOT NULL, block_no BIGINT NOT NULL, tx_no INT NOT NULL,"
                + " deleted BOOLEAN NOT NULL, tx_id VARCHAR(64), ts_seconds BIGINT, ts_nanos INT, v VARBINARY,"
                + " PRIMARY KEY(k, block_no, tx_no))",
        "CREATE TABLE IF NOT EXISTS pvt_hash(coll VARCHAR(255) NOT NULL, kh BINARY(32) NOT NULL,"
                + " vh BINARY(32) NOT NULL, block_no BIGINT NOT NULL, tx_no INT NOT NULL, PRIMARY KEY(coll, kh))",
        "CREATE TABLE IF NOT EXISTS pvt_meta(coll VARCHAR(255) NOT NULL, kh BINARY(32) NOT NULL,"
                + " vp VARBINARY NOT NULL, PRIMARY KEY(coll, kh))",
        "CREATE TABLE IF NOT EXISTS pvt_data(coll VARCHAR(255) NOT NULL, k VARBINARY NOT NULL, v VARBINARY NOT NULL,"
                + " block_no BIGINT NOT NULL, tx_no INT NOT NULL, PRIMARY KEY(coll, k))",
    };

    /** A committed value with its version; {@code value == null} when absent. */
    record Versioned(byte[] value, long version) {
        static final Versioned ABSENT = new Versioned(null, Version.ABSENT);
    }

    /** A row of a range scan. */
    record Row(String key, byte[] value, long version) {}

    /** A committed version of a key, for {@code getHistoryForKey}. */
    record HistoryRow(String txId, Instant timestamp, byte[] value, boolean deleted) {}

    /** A stored transaction row, as {@code verify} and the event replay read it. */
    record TxRow(long block, int index, String txId, int validationCode, long tsSeconds, int tsNanos,
            String creatorMsp, byte[] creatorHash, String function, String eventName, byte[] eventPayload,
            byte[] rwset) {}

    /** A stored block row. */
    record BlockRow(long number, byte[] previousHash, byte[] dataHash, byte[] hash, int txCount,
            Instant committedAt) {}

    private final String url;
    private final JdbcDataSource dataSource;
    private final BlockingQueue<ReadConnection> readers;
    private final List<ReadConnection> allReaders = new ArrayList<>();
    private final Connection writer;
    final StateCache cache;
    private volatile boolean closed;

    private Store(Path dataDir, Settings settings) throws SQLException {
        url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE"
                // Each commit is written to the file before the commit returns (survives a crash of
                // the JVM; H2 does not fsync, so not a power loss).
                + ";WRITE_DELAY=0"
                + ";CACHE_SIZE=" + settings.h2CacheSizeKb();
        dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        writer = dataSource.getConnection();
        try {
            try (Statement s = writer.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
            }
            writer.setAutoCommit(false);
            upgradeLayout(writer);
            readers = new ArrayBlockingQueue<>(settings.readConnections());
            for (int i = 0; i < settings.readConnections(); i++) {
                ReadConnection rc = new ReadConnection(dataSource.getConnection());
                allReaders.add(rc);
                readers.add(rc);
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        cache = new StateCache(settings.stateCacheEntries());
    }

    /**
     * Brings a ledger written by an earlier version to {@link #LAYOUT}, in one transaction: layout
     * 1 history rows get their transaction id, time and value from the transaction rows. A new or
     * current ledger only gets its layout recorded.
     */
    private static void upgradeLayout(Connection c) throws SQLException {
        int layout = 1;
        boolean empty;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT val FROM ledger_meta WHERE name = 'layout'")) {
            if (rs.next()) {
                layout = Integer.parseInt(rs.getString(1));
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT NOT EXISTS(SELECT 1 FROM block)")) {
            rs.next();
            empty = rs.getBoolean(1);
        }
        if (layout > LAYOUT) {
            throw new SQLException("this ledger has table layout " + layout + "; this version reads up to " + LAYOUT);
        }
        if (layout == LAYOUT) {
            return;
        }
        if (!empty) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE history ADD COLUMN IF NOT EXISTS tx_id VARCHAR(64)");
                s.execute("ALTER TABLE history ADD COLUMN IF NOT EXISTS ts_seconds BIGINT");
                s.execute("ALTER TABLE history ADD COLUMN IF NOT EXISTS ts_nanos INT");
                s.execute("ALTER TABLE history ADD COLUMN IF NOT EXISTS v VARBINARY");
            }
            try (PreparedStatement read = c.prepareStatement("SELECT h.k, h.block_no, h.tx_no, h.deleted, t.tx_id,"
                    + " t.ts_seconds, t.ts_nanos, t.rwset FROM history h JOIN tx t ON t.block_no = h.block_no"
                    + " AND t.tx_no = h.tx_no WHERE h.tx_id IS NULL");
                    PreparedStatement write = c.prepareStatement("UPDATE history SET tx_id = ?, ts_seconds = ?,"
                            + " ts_nanos = ?, v = ? WHERE k = ? AND block_no = ? AND tx_no = ?");
                    ResultSet rs = read.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    byte[] k = rs.getBytes(1);
                    write.setString(1, rs.getString(5));
                    write.setLong(2, rs.getLong(6));
                    write.setInt(3, rs.getInt(7));
                    write.setBytes(4, rs.getBoolean(4) ? null : RwSet.writtenValue(rs.getBytes(8), Bytes.string(k)));
                    write.setBytes(5, k);
                    write.setLong(6, rs.getLong(2));
                    write.setInt(7, rs.getInt(3));
                    write.addBatch();
                    if (++n % 1_000 == 0) {
                        write.executeBatch();
                    }
                }
                write.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO ledger_meta KEY(name) VALUES ('layout', ?)")) {
            ps.setString(1, Integer.toString(LAYOUT));
            ps.executeUpdate();
        }
        c.commit();
    }

    static Store open(Path dataDir, Settings settings) throws SQLException {
        return new Store(dataDir, settings);
    }

    String url() {
        return url;
    }

    /** The committer's connection (autocommit off); only the committer thread uses it. */
    Connection writer() {
        return writer;
    }

    /** A fresh connection for long reads (verify), closed by the caller. */
    Connection newConnection() throws SQLException {
        return dataSource.getConnection();
    }

    // ------------------------------------------------------------------ pooled reads

    @FunctionalInterface
    interface ReadWork<T> {
        T run(ReadConnection c) throws SQLException;
    }

    <T> T read(ReadWork<T> work) {
        if (closed) {
            throw new StoreException("the embedded ledger is closed", null);
        }
        ReadConnection c;
        try {
            c = readers.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection", e);
        }
        if (c == null) {
            throw new StoreException("no read connection free for 30 s", null);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("reading the ledger database failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    /** The committed value and version of a key: the cache first, then the database. */
    Versioned state(String key) {
        StateCache.Entry cached = cache.get(key);
        if (cached != null) {
            return new Versioned(cached.value(), cached.version());
        }
        long generation = cache.generation();
        Versioned v = read(c -> c.state(key));
        cache.offer(key, new StateCache.Entry(v.value(), v.version()), generation);
        return v;
    }

    byte[] stateMeta(String key) {
        return read(c -> c.bytes(c.stateMeta, Bytes.utf8(key)));
    }

    /** Up to {@code limit} committed entries with {@code from <= key < end} ({@code end == null}: unbounded). */
    List<Row> scanState(byte[] from, byte[] end, int limit) {
        return read(c -> c.scan(end == null ? c.scanOpen : c.scanBounded, null, from, end, limit));
    }

    Versioned privateValue(String collection, String key) {
        return read(c -> {
            PreparedStatement ps = c.pvtGet;
            ps.setString(1, collection);
            ps.setBytes(2, Bytes.utf8(key));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Versioned(rs.getBytes(1), Version.of(rs.getLong(2), rs.getInt(3)))
                        : Versioned.ABSENT;
            }
        });
    }

    /** The hashed private state: value = the SHA-256 of the private value. */
    Versioned privateHash(String collection, byte[] keyHash) {
        return read(c -> {
            PreparedStatement ps = c.pvtHashGet;
            ps.setString(1, collection);
            ps.setBytes(2, keyHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Versioned(rs.getBytes(1), Version.of(rs.getLong(2), rs.getInt(3)))
                        : Versioned.ABSENT;
            }
        });
    }

    byte[] privateMeta(String collection, byte[] keyHash) {
        return read(c -> {
            PreparedStatement ps = c.pvtMetaGet;
            ps.setString(1, collection);
            ps.setBytes(2, keyHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        });
    }

    List<Row> scanPrivate(String collection, byte[] from, byte[] end, int limit) {
        return read(c -> c.scan(end == null ? c.pvtScanOpen : c.pvtScanBounded, collection, from, end, limit));
    }

    /** Every committed write and delete of a key, newest first. */
    List<HistoryRow> history(String key) {
        return read(c -> {
            PreparedStatement ps = c.history;
            ps.setBytes(1, Bytes.utf8(key));
            List<HistoryRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean deleted = rs.getBoolean(1);
                    Instant ts = Instant.ofEpochSecond(rs.getLong(3), rs.getInt(4));
                    byte[] value = deleted ? null : rs.getBytes(5);
                    out.add(new HistoryRow(rs.getString(2), ts, value, deleted));
                }
            }
            return out;
        });
    }

    /** The events of blocks {@code [from, to)}, one {@link BlockEvents} per block, empty ones included. */
    List<BlockEvents> events(long from, long to) {
        return read(c -> {
            PreparedStatement ps = c.events;
            ps.setLong(1, from);
            ps.setLong(2, to);
            List<List<ChaincodeEvent>> perBlock = new ArrayList<>();
            for (long b = from; b < to; b++) {
                perBlock.add(new ArrayList<>());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long block = rs.getLong(1);
                    perBlock.get((int) (block - from)).add(new ChaincodeEvent(block, rs.getInt(2), rs.getString(3),
                            rs.getString(4), rs.getBytes(5)));
                }
            }
            String[] hashes = new String[perBlock.size()];
            PreparedStatement hs = c.blockHashes;
            hs.setLong(1, from);
            hs.setLong(2, to);
            try (ResultSet rs = hs.executeQuery()) {
                while (rs.next()) {
                    hashes[(int) (rs.getLong(1) - from)] = Bytes.hex(rs.getBytes(2));
                }
            }
            List<BlockEvents> out = new ArrayList<>(perBlock.size());
            for (int i = 0; i < perBlock.size(); i++) {
                out.add(new BlockEvents(from + i, perBlock.get(i), hashes[i]));
            }
            return out;
        });
    }

    Optional<BlockRow> block(long number) {
        return read(c -> {
            PreparedStatement ps = c.block;
            ps.setLong(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(blockRow(rs)) : Optional.empty();
            }
        });
    }

    static BlockRow blockRow(ResultSet rs) throws SQLException {
        return new BlockRow(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getInt(5),
                rs.getObject(6, java.time.OffsetDateTime.class).toInstant());
    }

    static final String BLOCK_COLUMNS = "block_no, previous_hash, data_hash, hash, tx_count, committed_at";
    static final String TX_COLUMNS = "block_no, tx_no, tx_id, validation_code, ts_seconds, ts_nanos, creator_msp,"
            + " creator_hash, function_name, event_name, event_payload, rwset";

    static TxRow txRow(ResultSet rs) throws SQLException {
        return new TxRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getInt(6),
                rs.getString(7), rs.getBytes(8), rs.getString(9), rs.getString(10), rs.getBytes(11), rs.getBytes(12));
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void close() {
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        for (ReadConnection rc : allReaders) {
            try {
                rc.connection.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        try {
            if (writer != null && !writer.isClosed()) {
                // The last connection to close closes the database; nothing uncommitted remains.
                writer.rollback();
                writer.close();
            }
        } catch (SQLException e) {
            // closing anyway
        }
    }

    /** An unchecked wrapper of a database failure; the ledger turns it into LedgerUnavailableException. */
    static final class StoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One pooled read connection with its prepared statements. */
    static final class ReadConnection {
        final Connection connection;
        final PreparedStatement state;
        final PreparedStatement stateMeta;
        final PreparedStatement scanBounded;
        final PreparedStatement scanOpen;
        final PreparedStatement pvtGet;
        final PreparedStatement pvtHashGet;
        final PreparedStatement pvtMetaGet;
        final PreparedStatement pvtScanBounded;
        final PreparedStatement pvtScanOpen;
        final PreparedStatement history;
        final PreparedStatement events;
        final PreparedStatement block;
        final PreparedStatement blockHashes;

        ReadConnection(Connection c) throws SQLException {
            connection = c;
            state = c.prepareStatement("SELECT v, block_no, tx_no FROM world_state WHERE k = ?");
            stateMeta = c.prepareStatement("SELECT vp FROM state_meta WHERE k = ?");
            scanBounded = c.prepareStatement("SELECT k, v, block_no, tx_no FROM world_state WHERE k >= ? AND k < ?"
                    + " ORDER BY k LIMIT ?");
            scanOpen = c.prepareStatement("SELECT k, v, block_no, tx_no FROM world_state WHERE k >= ?"
                    + " ORDER BY k LIMIT ?");
            pvtGet = c.prepareStatement("SELECT v, block_no, tx_no FROM pvt_data WHERE coll = ? AND k = ?");
            pvtHashGet = c.prepareStatement("SELECT vh, block_no, tx_no FROM pvt_hash WHERE coll = ? AND kh = ?");
            pvtMetaGet = c.prepareStatement("SELECT vp FROM pvt_meta WHERE coll = ? AND kh = ?");
            pvtScanBounded = c.prepareStatement("SELECT k, v, block_no, tx_no FROM pvt_data WHERE coll = ?"
                    + " AND k >= ? AND k < ? ORDER BY k LIMIT ?");
            pvtScanOpen = c.prepareStatement("SELECT k, v, block_no, tx_no FROM pvt_data WHERE coll = ?"
                    + " AND k >= ? ORDER BY k LIMIT ?");
            history = c.prepareStatement("SELECT deleted, tx_id, ts_seconds, ts_nanos, v FROM history"
                    + " WHERE k = ? ORDER BY block_no DESC, tx_no DESC");
            events = c.prepareStatement("SELECT block_no, tx_no, tx_id, event_name, event_payload FROM tx"
                    + " WHERE block_no >= ? AND block_no < ? AND validation_code = 0 AND event_name IS NOT NULL"
                    + " ORDER BY block_no, tx_no");
            block = c.prepareStatement("SELECT " + BLOCK_COLUMNS + " FROM block WHERE block_no = ?");
            blockHashes = c.prepareStatement("SELECT block_no, hash FROM block WHERE block_no >= ? AND block_no < ?");
        }

        Versioned state(String key) throws SQLException {
            state.setBytes(1, Bytes.utf8(key));
            try (ResultSet rs = state.executeQuery()) {
                return rs.next() ? new Versioned(rs.getBytes(1), Version.of(rs.getLong(2), rs.getInt(3)))
                        : Versioned.ABSENT;
            }
        }

        byte[] bytes(PreparedStatement ps, byte[] key) throws SQLException {
            ps.setBytes(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }

        List<Row> scan(PreparedStatement ps, String collection, byte[] from, byte[] end, int limit)
                throws SQLException {
            int i = 1;
            if (collection != null) {
                ps.setString(i++, collection);
            }
            ps.setBytes(i++, from);
            if (end != null) {
                ps.setBytes(i++, end);
            }
            ps.setInt(i, limit);
            List<Row> out = new ArrayList<>(Math.min(limit, 256));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(Bytes.string(rs.getBytes(1)), rs.getBytes(2),
                            Version.of(rs.getLong(3), rs.getInt(4))));
                }
            }
            return out;
        }
    }
}
