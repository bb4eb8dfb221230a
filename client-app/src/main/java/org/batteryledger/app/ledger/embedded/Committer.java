package org.batteryledger.app.ledger.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.batteryledger.app.ledger.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The orderer and committing peer of the embedded ledger, on one thread.
 *
 * <p>Ordering: endorsed transactions queue up; a block is cut when it holds {@code
 * maxBlockTransactions} or {@code batchTimeout} after its first transaction arrived (Fabric's
 * {@code BatchSize}/{@code BatchTimeout}).
 *
 * <p>Validation, in block order, as a Fabric committer does: every key a transaction read must
 * still have the version it read, counting the writes of earlier valid transactions of the same
 * block (otherwise {@code MVCC_READ_CONFLICT}); every range query must return the same keys and
 * versions again ({@code PHANTOM_READ_CONFLICT}). Invalid transactions stay in the block, marked,
 * and change nothing.
 *
 * <p>Commit: the block's net world-state changes, history rows, private data, transaction rows
 * and the block row go to H2 in one JDBC transaction (batched statements), then the state cache
 * is updated and the block is published.
 */
final class Committer implements Runnable {
    private static final Logger LOG = Logger.getLogger(Committer.class.getName());

    /** A transaction's place in a committed block and its validation code. */
    record Outcome(PendingTx tx, int index, TxValidationCode code) {}

    /** What a committed block hands to the ledger: its number and outcomes in order. */
    record CommittedBlock(long number, List<Outcome> outcomes, List<ChaincodeEvent> events, String hash) {}

    /** Receives each committed block (on the committer thread) and each failed one. */
    interface Listener {
        void committed(CommittedBlock block);

        void failed(List<PendingTx> txs, Exception cause);
    }

    /** A world-state change of the block being built; {@code value == null} = deleted. */
    private record Change(byte[] value, long version) {}

    /** Whether a key existed before the block: known from a read or the cache, or null if unknown. */
    private static final Boolean UNKNOWN = null;

    private final Store store;
    private final Settings settings;
    private final Listener listener;
    private final LinkedBlockingQueue<PendingTx> queue = new LinkedBlockingQueue<>();
    private final Semaphore capacity;
    private final ReentrantReadWriteLock admission = new ReentrantReadWriteLock();
    private volatile boolean stopping;
    private volatile boolean drain = true;

    private final Object gate = new Object();
    private boolean held;
    private boolean parked;

    private long nextBlock;
    private byte[] previousHash;
    private final Set<String> knownCreators = new HashSet<>();
    private boolean anyStateMeta;
    private boolean anyPvtMeta;

    private final PreparedStatement stateVersion;
    private final PreparedStatement pvtHashVersion;
    private final PreparedStatement rangeBounded;
    private final PreparedStatement rangeOpen;
    private final PreparedStatement rangeInclusive;
    private final PreparedStatement pvtRangeBounded;
    private final PreparedStatement pvtRangeOpen;
    private final PreparedStatement pvtRangeInclusive;
    private final PreparedStatement mergeState;
    private final PreparedStatement insertState;
    private final PreparedStatement updateState;
    private final PreparedStatement deleteState;
    private final PreparedStatement mergeStateMeta;
    private final PreparedStatement deleteStateMeta;
    private final PreparedStatement insertHistory;
    private final PreparedStatement mergePvtHash;
    private final PreparedStatement deletePvtHash;
    private final PreparedStatement mergePvtData;
    private final PreparedStatement deletePvtData;
    private final PreparedStatement mergePvtMeta;
    private final PreparedStatement deletePvtMeta;
    private final PreparedStatement insertCreator;
    private final PreparedStatement insertTx;
    private final PreparedStatement insertBlock;

    Committer(Store store, Settings settings, Listener listener) throws SQLException {
        this.store = store;
        this.settings = settings;
        this.listener = listener;
        this.capacity = new Semaphore(settings.maxPendingTransactions());
        Connection c = store.writer();
        stateVersion = c.prepareStatement("SELECT block_no, tx_no FROM world_state WHERE k = ?");
        pvtHashVersion = c.prepareStatement("SELECT block_no, tx_no FROM pvt_hash WHERE coll = ? AND kh = ?");
        rangeBounded = c.prepareStatement("SELECT k, block_no, tx_no FROM world_state WHERE k >= ? AND k < ?"
                + " ORDER BY k");
        rangeOpen = c.prepareStatement("SELECT k, block_no, tx_no FROM world_state WHERE k >= ? ORDER BY k");
        rangeInclusive = c.prepareStatement("SELECT k, block_no, tx_no FROM world_state WHERE k >= ? AND k <= ?"
                + " ORDER BY k");
        pvtRangeBounded = c.prepareStatement("SELECT k, block_no, tx_no FROM pvt_data WHERE coll = ? AND k >= ?"
                + " AND k < ? ORDER BY k");
        pvtRangeOpen = c.prepareStatement("SELECT k, block_no, tx_no FROM pvt_data WHERE coll = ? AND k >= ?"
                + " ORDER BY k");
        pvtRangeInclusive = c.prepareStatement("SELECT k, block_no, tx_no FROM pvt_data WHERE coll = ? AND k >= ?"
                + " AND k <= ? ORDER BY k");
        mergeState = c.prepareStatement("MERGE INTO world_state KEY(k) VALUES (?, ?, ?, ?)");
        insertState = c.prepareStatement("INSERT INTO world_state VALUES (?, ?, ?, ?)");
        updateState = c.prepareStatement("UPDATE world_state SET v = ?, block_no = ?, tx_no = ? WHERE k = ?");
        deleteState = c.prepareStatement("DELETE FROM world_state WHERE k = ?");
        mergeStateMeta = c.prepareStatement("MERGE INTO state_meta KEY(k) VALUES (?, ?)");
        deleteStateMeta = c.prepareStatement("DELETE FROM state_meta WHERE k = ?");
        insertHistory = c.prepareStatement("INSERT INTO history VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        mergePvtHash = c.prepareStatement("MERGE INTO pvt_hash KEY(coll, kh) VALUES (?, ?, ?, ?, ?)");
        deletePvtHash = c.prepareStatement("DELETE FROM pvt_hash WHERE coll = ? AND kh = ?");
        mergePvtData = c.prepareStatement("MERGE INTO pvt_data KEY(coll, k) VALUES (?, ?, ?, ?, ?)");
        deletePvtData = c.prepareStatement("DELETE FROM pvt_data WHERE coll = ? AND k = ?");
        mergePvtMeta = c.prepareStatement("MERGE INTO pvt_meta KEY(coll, kh) VALUES (?, ?, ?)");
        deletePvtMeta = c.prepareStatement("DELETE FROM pvt_meta WHERE coll = ? AND kh = ?");
        insertCreator = c.prepareStatement("INSERT INTO creator VALUES (?, ?, ?)");
        insertTx = c.prepareStatement("INSERT INTO tx (" + Store.TX_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?)");
        insertBlock = c.prepareStatement("INSERT INTO block (" + Store.BLOCK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)");
        resume();
    }

    /** Continues the stored chain, writing the genesis block on a fresh database. */
    private void resume() throws SQLException {
        Connection c = store.writer();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, val FROM ledger_meta");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                String value = rs.getString(2);
                if (name.equals("channel") && !value.equals(Store.CHANNEL_ID)) {
                    throw new SQLException("this database holds channel " + value + ", not " + Store.CHANNEL_ID);
                }
                if (name.equals("format") && !value.equals(Integer.toString(Store.FORMAT))) {
                    throw new SQLException("this database has ledger format " + value + "; this version reads "
                            + Store.FORMAT);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT block_no, hash FROM block ORDER BY block_no DESC"
                + " LIMIT 1"); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                nextBlock = rs.getLong(1) + 1;
                previousHash = rs.getBytes(2);
            }
        }
        if (previousHash == null) {
            writeGenesis(c);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM creator"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                knownCreators.add(Bytes.hex(rs.getBytes(1)));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS(SELECT 1 FROM state_meta),"
                + " EXISTS(SELECT 1 FROM pvt_meta)"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            anyStateMeta = rs.getBoolean(1);
            anyPvtMeta = rs.getBoolean(2);
        }
        c.commit();
    }

    private void writeGenesis(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO ledger_meta KEY(name) VALUES (?, ?)")) {
            for (String[] kv : new String[][] {
                {"format", Integer.toString(Store.FORMAT)},
                {"channel", Store.CHANNEL_ID},
                {"created", settings.clock().instant().toString()}}) {
                ps.setString(1, kv[0]);
                ps.setString(2, kv[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        byte[] dataHash = Chain.genesisDataHash(Store.CHANNEL_ID, Store.FORMAT);
        byte[] hash = Chain.blockHash(0, Bytes.ZERO_HASH, dataHash);
        insertBlock.setLong(1, 0);
        insertBlock.setBytes(2, Bytes.ZERO_HASH);
        insertBlock.setBytes(3, dataHash);
        insertBlock.setBytes(4, hash);
        insertBlock.setInt(5, 0);
        insertBlock.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
        insertBlock.executeUpdate();
        nextBlock = 1;
        previousHash = hash;
    }

    /** The number the next block will get (= the height). */
    long height() {
        return nextBlock;
    }

    // ------------------------------------------------------------------ admission

    boolean acquire(long timeoutNanos) throws InterruptedException {
        return capacity.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    void releasePermit() {
        capacity.release();
    }

    /** Queues an endorsed transaction for ordering; false once the ledger is closing. */
    boolean enqueue(PendingTx tx) {
        admission.readLock().lock();
        try {
            if (stopping) {
                return false;
            }
            queue.add(tx);
            return true;
        } finally {
            admission.readLock().unlock();
        }
    }

    /** Stops admitting transactions; the thread commits what is queued ({@code drain}) or fails it. */
    void stop(boolean drainQueue) {
        admission.writeLock().lock();
        try {
            drain = drainQueue;
            stopping = true;
        } finally {
            admission.writeLock().unlock();
        }
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    /** Test hook: waits until the committer is parked before cutting its next block. */
    void hold() throws InterruptedException {
        synchronized (gate) {
            held = true;
            while (!parked && !stopping) {
                gate.wait(100);
            }
        }
    }

    /** Test hook: lets the committer cut blocks again. */
    void release() {
        synchronized (gate) {
            held = false;
            gate.notifyAll();
        }
    }

    // ------------------------------------------------------------------ the loop

    @Override
    public void run() {
        try {
            while (true) {
                List<PendingTx> batch = nextBatch();
                if (batch == null) {
                    break;
                }
                if (stopping && !drain) {
                    fail(batch, new IllegalStateException("the embedded ledger closed before the block was cut"));
                    continue;
                }
                commitBlock(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            List<PendingTx> left = new ArrayList<>();
            queue.drainTo(left);
            fail(left, e);
        }
    }

    private void parkWhileHeld() throws InterruptedException {
        synchronized (gate) {
            while (held && !stopping) {
                parked = true;
                gate.notifyAll();
                gate.wait();
            }
            parked = false;
        }
    }

    /** The next block's transactions, or null when stopping with nothing left. */
    private List<PendingTx> nextBatch() throws InterruptedException {
        PendingTx first;
        while (true) {
            parkWhileHeld();
            first = queue.poll(50, TimeUnit.MILLISECONDS);
            if (first != null) {
                break;
            }
            if (stopping && queue.isEmpty()) {
                return null;
            }
        }
        int max = settings.maxBlockTransactions();
        List<PendingTx> batch = new ArrayList<>(Math.min(max, 1024));
        batch.add(first);
        long deadline = System.nanoTime() + settings.batchTimeout().toNanos();
        while (batch.size() < max) {
            if (queue.drainTo(batch, max - batch.size()) > 0) {
                continue;
            }
            if (stopping) {
                break;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            PendingTx next = queue.poll(remaining, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void fail(List<PendingTx> txs, Exception cause) {
        if (txs.isEmpty()) {
            return;
        }
        capacity.release(txs.size());
        listener.failed(txs, cause);
    }

    // ------------------------------------------------------------------ validate and commit one block

    /** Net changes of the block being built, for validation of later transactions and for the commit. */
    private static final class BlockState {
        final TreeMap<String, Change> state = new TreeMap<>(Bytes.KEY_ORDER);
        /** For keys of {@link #state}: did the row exist before this block (null: unknown, use MERGE)? */
        final Map<String, Boolean> existedBefore = new HashMap<>();
        final Map<String, byte[]> stateMeta = new TreeMap<>(Bytes.KEY_ORDER);
        final Map<RwSet.PvtKey, Change> pvt = new TreeMap<>(RwSet.PVT_ORDER);
        final Map<String, TreeMap<String, Change>> pvtByCollection = new HashMap<>();
        final Map<RwSet.PvtKey, byte[]> pvtMeta = new TreeMap<>(RwSet.PVT_ORDER);
        final Set<String> newCreators = new HashSet<>();
    }

    private void commitBlock(List<PendingTx> txs) {
        long number = nextBlock;
        List<Outcome> outcomes = new ArrayList<>(txs.size());
        List<ChaincodeEvent> events = new ArrayList<>();
        BlockState bs = new BlockState();
        Connection c = store.writer();
        try {
            Chain.DataHash dataHash = new Chain.DataHash();
            boolean anyHistory = false;
            for (int i = 0; i < txs.size(); i++) {
                PendingTx tx = txs.get(i);
                TxValidationCode code = validate(tx, bs);
                if (code == TxValidationCode.VALID) {
                    anyHistory |= apply(tx, Version.of(number, i), bs);
                    if (tx.eventName != null) {
                        events.add(new ChaincodeEvent(number, i, tx.txId, tx.eventName, tx.eventPayload));
                    }
                }
                outcomes.add(new Outcome(tx, i, code));
                dataHash.add(i, code.getNumber(), tx.body);
                addTxRow(number, i, code, tx, bs);
            }
            byte[] data = dataHash.finish();
            byte[] hash = Chain.blockHash(number, previousHash, data);
            writeState(bs);
            if (anyHistory) {
                insertHistory.executeBatch();
            }
            insertTx.executeBatch();
            insertBlock.setLong(1, number);
            insertBlock.setBytes(2, previousHash);
            insertBlock.setBytes(3, data);
            insertBlock.setBytes(4, hash);
            insertBlock.setInt(5, txs.size());
            insertBlock.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
            insertBlock.executeUpdate();
            c.commit();

            for (Map.Entry<String, Change> e : bs.state.entrySet()) {
                Change ch = e.getValue();
                store.cache.put(e.getKey(), ch.value() == null ? StateCache.Entry.ABSENT
                        : new StateCache.Entry(ch.value(), ch.version()));
            }
            store.cache.advance();
            anyStateMeta |= bs.stateMeta.values().stream().anyMatch(v -> v != null);
            anyPvtMeta |= bs.pvtMeta.values().stream().anyMatch(v -> v != null);
            knownCreators.addAll(bs.newCreators);
            nextBlock = number + 1;
            previousHash = hash;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "block " + number + " could not be committed", e);
            try {
                c.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            clearBatches();
            fail(txs, e);
            return;
        }
        capacity.release(txs.size());
        // previousHash now holds this block's hash (set after the commit above)
        listener.committed(new CommittedBlock(number, outcomes, events, Bytes.hex(previousHash)));
    }

    private void clearBatches() {
        for (PreparedStatement ps : new PreparedStatement[] {mergeState, insertState, updateState, deleteState,
            mergeStateMeta, deleteStateMeta, insertHistory, mergePvtHash, deletePvtHash, mergePvtData, deletePvtData,
            mergePvtMeta, deletePvtMeta, insertCreator, insertTx}) {
            try {
                ps.clearBatch();
            } catch (SQLException e) {
                // nothing batched
            }
        }
    }

    private TxValidationCode validate(PendingTx tx, BlockState bs) throws SQLException {
        RwSet rw = tx.rwset;
        for (Map.Entry<String, Long> read : rw.reads.entrySet()) {
            // A key written earlier in this block changed after this transaction read it.
            if (bs.state.containsKey(read.getKey()) || committedVersion(read.getKey()) != read.getValue()) {
                return TxValidationCode.MVCC_READ_CONFLICT;
            }
        }
        for (Map.Entry<RwSet.PvtKey, Long> read : rw.pvtReads.entrySet()) {
            if (bs.pvt.containsKey(read.getKey()) || committedPvtVersion(read.getKey()) != read.getValue()) {
                return TxValidationCode.MVCC_READ_CONFLICT;
            }
        }
        for (RwSet.RangeRead range : rw.rangeReads) {
            if (!rangeStillReturns(range, bs)) {
                return TxValidationCode.PHANTOM_READ_CONFLICT;
            }
        }
        return TxValidationCode.VALID;
    }

    private long committedVersion(String key) throws SQLException {
        StateCache.Entry cached = store.cache.get(key);
        if (cached != null) {
            return cached.version();
        }
        stateVersion.setBytes(1, Bytes.utf8(key));
        try (ResultSet rs = stateVersion.executeQuery()) {
            return rs.next() ? Version.of(rs.getLong(1), rs.getInt(2)) : Version.ABSENT;
        }
    }

    private long committedPvtVersion(RwSet.PvtKey key) throws SQLException {
        pvtHashVersion.setString(1, key.collection());
        pvtHashVersion.setBytes(2, key.keyHash());
        try (ResultSet rs = pvtHashVersion.executeQuery()) {
            return rs.next() ? Version.of(rs.getLong(1), rs.getInt(2)) : Version.ABSENT;
        }
    }

    /** Re-executes a range query over committed state plus this block's earlier writes (phantom check). */
    private boolean rangeStillReturns(RwSet.RangeRead range, BlockState bs) throws SQLException {
        List<RwSet.KeyVersion> seen = range.results();
        if (!range.exhausted() && seen.isEmpty()) {
            return true; // nothing was read from it
        }
        String start = range.start();
        String last = range.exhausted() ? null : seen.get(seen.size() - 1).key();
        String end = range.end().isEmpty() ? null : range.end();
        TreeMap<String, Long> now = new TreeMap<>(Bytes.KEY_ORDER);
        PreparedStatement ps;
        int i = 1;
        if (range.collection() == null) {
            ps = last != null ? rangeInclusive : end != null ? rangeBounded : rangeOpen;
        } else {
            ps = last != null ? pvtRangeInclusive : end != null ? pvtRangeBounded : pvtRangeOpen;
            ps.setString(i++, range.collection());
        }
        ps.setBytes(i++, Bytes.utf8(start));
        if (last != null) {
            ps.setBytes(i, Bytes.utf8(last));
        } else if (end != null) {
            ps.setBytes(i, Bytes.utf8(end));
        }
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                now.put(Bytes.string(rs.getBytes(1)), Version.of(rs.getLong(2), rs.getInt(3)));
            }
        }
        NavigableMap<String, Change> written = range.collection() == null ? bs.state
                : bs.pvtByCollection.getOrDefault(range.collection(), new TreeMap<>(Bytes.KEY_ORDER));
        NavigableMap<String, Change> inRange;
        if (last != null) {
            inRange = written.subMap(start, true, last, true);
        } else if (end != null) {
            inRange = Bytes.KEY_ORDER.compare(start, end) < 0 ? written.subMap(start, true, end, false)
                    : new TreeMap<>(Bytes.KEY_ORDER);
        } else {
            inRange = written.tailMap(start, true);
        }
        for (Map.Entry<String, Change> e : inRange.entrySet()) {
            if (e.getValue().value() == null) {
                now.remove(e.getKey());
            } else {
                now.put(e.getKey(), e.getValue().version());
            }
        }
        if (now.size() != seen.size()) {
            return false;
        }
        int k = 0;
        for (Map.Entry<String, Long> e : now.entrySet()) {
            RwSet.KeyVersion s = seen.get(k++);
            if (!s.key().equals(e.getKey()) || s.version() != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Folds a valid transaction into the block's net changes; true if it wrote history. */
    private boolean apply(PendingTx tx, long version, BlockState bs) throws SQLException {
        RwSet rw = tx.rwset;
        long block = Version.block(version);
        int index = Version.tx(version);
        for (Map.Entry<String, byte[]> w : rw.writes.entrySet()) {
            String key = w.getKey();
            byte[] value = w.getValue();
            Change before = bs.state.put(key, new Change(value, version));
            if (before == null) {
                // A valid transaction's read version is the committed one: it tells whether the row
                // exists, so the write can be a plain INSERT or UPDATE. Blind writes use MERGE.
                Long read = rw.reads.get(key);
                bs.existedBefore.put(key, read == null ? UNKNOWN : Boolean.valueOf(read != Version.ABSENT));
            }
            if (value == null && (anyStateMeta || bs.stateMeta.containsKey(key))) {
                bs.stateMeta.put(key, null); // deleting a key deletes its endorsement policy
            }
            insertHistory.setBytes(1, Bytes.utf8(key));
            insertHistory.setLong(2, block);
            insertHistory.setInt(3, index);
            insertHistory.setBoolean(4, value == null);
            insertHistory.setString(5, tx.txId);
            insertHistory.setLong(6, tx.timestamp.getEpochSecond());
            insertHistory.setInt(7, tx.timestamp.getNano());
            insertHistory.setBytes(8, value);
            insertHistory.addBatch();
        }
        for (Map.Entry<String, byte[]> m : rw.metaWrites.entrySet()) {
            if (exists(m.getKey(), bs)) {
                bs.stateMeta.put(m.getKey(), m.getValue());
            }
        }
        for (Map.Entry<RwSet.PvtKey, RwSet.PvtWrite> w : rw.pvtWrites.entrySet()) {
            RwSet.PvtKey pk = w.getKey();
            Change ch = new Change(w.getValue().value(), version);
            bs.pvt.put(pk, ch);
            bs.pvtByCollection.computeIfAbsent(pk.collection(), k -> new TreeMap<>(Bytes.KEY_ORDER)).put(pk.key(), ch);
            if (ch.value() == null && (anyPvtMeta || bs.pvtMeta.containsKey(pk))) {
                bs.pvtMeta.put(pk, null);
            }
        }
        for (Map.Entry<RwSet.PvtKey, byte[]> m : rw.pvtMetaWrites.entrySet()) {
            Change ch = bs.pvt.get(m.getKey());
            boolean exists = ch != null ? ch.value() != null : committedPvtVersion(m.getKey()) != Version.ABSENT;
            if (exists) {
                bs.pvtMeta.put(m.getKey(), m.getValue());
            }
        }
        return !rw.writes.isEmpty();
    }

    private boolean exists(String key, BlockState bs) throws SQLException {
        Change ch = bs.state.get(key);
        return ch != null ? ch.value() != null : committedVersion(key) != Version.ABSENT;
    }

    private void addTxRow(long number, int index, TxValidationCode code, PendingTx tx, BlockState bs)
            throws SQLException {
        String creatorHex = Bytes.hex(tx.creatorHash);
        if (!knownCreators.contains(creatorHex) && bs.newCreators.add(creatorHex)) {
            // Known only once this block commits: a rolled-back block forgets it again.
            insertCreator.setBytes(1, tx.creatorHash);
            insertCreator.setString(2, tx.creatorMsp);
            insertCreator.setBytes(3, tx.creator);
            insertCreator.executeUpdate();
        }
        insertTx.setLong(1, number);
        insertTx.setInt(2, index);
        insertTx.setString(3, tx.txId);
        insertTx.setInt(4, code.getNumber());
        insertTx.setLong(5, tx.timestamp.getEpochSecond());
        insertTx.setInt(6, tx.timestamp.getNano());
        insertTx.setString(7, tx.creatorMsp);
        insertTx.setBytes(8, tx.creatorHash);
        insertTx.setString(9, tx.function);
        insertTx.setString(10, tx.eventName);
        insertTx.setBytes(11, tx.eventPayload);
        insertTx.setBytes(12, tx.rwsetBytes);
        insertTx.addBatch();
    }

    private void writeState(BlockState bs) throws SQLException {
        boolean merges = false;
        boolean inserts = false;
        boolean updates = false;
        boolean deletes = false;
        for (Map.Entry<String, Change> e : bs.state.entrySet()) {
            Change ch = e.getValue();
            Boolean existed = bs.existedBefore.get(e.getKey());
            byte[] key = Bytes.utf8(e.getKey());
            if (ch.value() != null) {
                PreparedStatement ps = existed == null ? mergeState : existed ? updateState : insertState;
                if (ps == updateState) {
                    ps.setBytes(1, ch.value());
                    ps.setLong(2, Version.block(ch.version()));
                    ps.setInt(3, Version.tx(ch.version()));
                    ps.setBytes(4, key);
                } else {
                    ps.setBytes(1, key);
                    ps.setBytes(2, ch.value());
                    ps.setLong(3, Version.block(ch.version()));
                    ps.setInt(4, Version.tx(ch.version()));
                }
                ps.addBatch();
                merges |= ps == mergeState;
                inserts |= ps == insertState;
                updates |= ps == updateState;
            } else if (!Boolean.FALSE.equals(existed)) {
                deleteState.setBytes(1, key);
                deleteState.addBatch();
                deletes = true;
            }
        }
        if (merges) {
            mergeState.executeBatch();
        }
        if (inserts) {
            insertState.executeBatch();
        }
        if (updates) {
            for (int n : updateState.executeBatch()) {
                if (n != 1) {
                    throw new SQLException("world state out of step with the validated read set");
                }
            }
        }
        if (deletes) {
            deleteState.executeBatch();
        }
        if (!bs.stateMeta.isEmpty()) {
            for (Map.Entry<String, byte[]> e : bs.stateMeta.entrySet()) {
                if (e.getValue() != null) {
                    mergeStateMeta.setBytes(1, Bytes.utf8(e.getKey()));
                    mergeStateMeta.setBytes(2, e.getValue());
                    mergeStateMeta.addBatch();
                } else {
                    deleteStateMeta.setBytes(1, Bytes.utf8(e.getKey()));
                    deleteStateMeta.addBatch();
                }
            }
            mergeStateMeta.executeBatch();
            deleteStateMeta.executeBatch();
        }
        if (!bs.pvt.isEmpty()) {
            for (Map.Entry<RwSet.PvtKey, Change> e : bs.pvt.entrySet()) {
                RwSet.PvtKey pk = e.getKey();
                Change ch = e.getValue();
                if (ch.value() != null) {
                    mergePvtHash.setString(1, pk.collection());
                    mergePvtHash.setBytes(2, pk.keyHash());
                    mergePvtHash.setBytes(3, Bytes.sha256(ch.value()));
                    mergePvtHash.setLong(4, Version.block(ch.version()));
                    mergePvtHash.setInt(5, Version.tx(ch.version()));
                    mergePvtHash.addBatch();
                    mergePvtData.setString(1, pk.collection());
                    mergePvtData.setBytes(2, Bytes.utf8(pk.key()));
                    mergePvtData.setBytes(3, ch.value());
                    mergePvtData.setLong(4, Version.block(ch.version()));
                    mergePvtData.setInt(5, Version.tx(ch.version()));
                    mergePvtData.addBatch();
                } else {
                    deletePvtHash.setString(1, pk.collection());
                    deletePvtHash.setBytes(2, pk.keyHash());
                    deletePvtHash.addBatch();
                    deletePvtData.setString(1, pk.collection());
                    deletePvtData.setBytes(2, Bytes.utf8(pk.key()));
                    deletePvtData.addBatch();
                }
            }
            mergePvtHash.executeBatch();
            mergePvtData.executeBatch();
            deletePvtHash.executeBatch();
            deletePvtData.executeBatch();
        }
        if (!bs.pvtMeta.isEmpty()) {
            for (Map.Entry<RwSet.PvtKey, byte[]> e : bs.pvtMeta.entrySet()) {
                PreparedStatement ps = e.getValue() != null ? mergePvtMeta : deletePvtMeta;
                ps.setString(1, e.getKey().collection());
                ps.setBytes(2, e.getKey().keyHash());
                if (e.getValue() != null) {
                    ps.setBytes(3, e.getValue());
                }
                ps.addBatch();
            }
            mergePvtMeta.executeBatch();
            deletePvtMeta.executeBatch();
        }
    }
}
