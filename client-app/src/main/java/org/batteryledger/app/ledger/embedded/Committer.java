package org.batteryledger.app.ledger.embedded;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVStoreException;
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
 * <p>Commit: the block's net world-state changes, history entries, private data, transactions
 * and the block header go into the store's maps and are committed as one store version (the
 * block's atomicity and durability point); then the state cache is updated and the block is
 * published. Every {@value #HOUSEKEEPING_BLOCKS} blocks, sparse chunks of the file are rewritten.
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

    /** How often the file's sparse chunks are rewritten, and how much at most each time. */
    static final int HOUSEKEEPING_BLOCKS = 64;
    private static final int HOUSEKEEPING_FILL_RATE = 50;
    private static final int HOUSEKEEPING_BYTES = 8 << 20;

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
    private int sinceHousekeeping;

    Committer(Store store, Settings settings, Listener listener) {
        this.store = store;
        this.settings = settings;
        this.listener = listener;
        this.capacity = new Semaphore(settings.maxPendingTransactions());
        resume();
    }

    /** Continues the stored chain, writing the genesis block on a fresh file. */
    private void resume() {
        String channel = store.meta.get("channel");
        if (channel != null && !channel.equals(Store.CHANNEL_ID)) {
            throw new Store.StoreException("this ledger holds channel " + channel + ", not " + Store.CHANNEL_ID, null);
        }
        String format = store.meta.get("format");
        if (format != null && !format.equals(Integer.toString(Store.FORMAT))) {
            throw new Store.StoreException("this ledger has format " + format + "; this version reads " + Store.FORMAT,
                    null);
        }
        Long last = store.blocks.lastKey();
        if (last == null) {
            writeGenesis();
        } else {
            nextBlock = last + 1;
            previousHash = Store.BlockRow.decode(last, store.blocks.get(last)).hash();
        }
        anyStateMeta = !store.stateMeta.isEmpty();
        anyPvtMeta = !store.pvtMeta.isEmpty();
    }

    private void writeGenesis() {
        store.meta.put("format", Integer.toString(Store.FORMAT));
        store.meta.put("channel", Store.CHANNEL_ID);
        store.meta.put("created", settings.clock().instant().toString());
        byte[] dataHash = Chain.genesisDataHash(Store.CHANNEL_ID, Store.FORMAT);
        byte[] hash = Chain.blockHash(0, Bytes.ZERO_HASH, dataHash);
        store.blocks.put(0L, new Store.BlockRow(0, Bytes.ZERO_HASH, dataHash, hash, 0, java.time.Instant.now())
                .encode());
        store.commit();
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
        final HashMap<String, Change> state = new HashMap<>();
        /** {@link #state} in key order, kept only once a range read of this block needs it. */
        TreeMap<String, Change> sortedState;

        NavigableMap<String, Change> sortedState() {
            if (sortedState == null) {
                sortedState = new TreeMap<>(Bytes.KEY_ORDER);
                sortedState.putAll(state);
            }
            return sortedState;
        }

        void putState(String key, Change change) {
            state.put(key, change);
            if (sortedState != null) {
                sortedState.put(key, change);
            }
        }
        final Map<String, byte[]> stateMeta = new TreeMap<>(Bytes.KEY_ORDER);
        final Map<RwSet.PvtKey, Change> pvt = new TreeMap<>(RwSet.PVT_ORDER);
        final Map<String, TreeMap<String, Change>> pvtByCollection = new HashMap<>();
        final Map<RwSet.PvtKey, byte[]> pvtMeta = new TreeMap<>(RwSet.PVT_ORDER);
        final Map<String, PendingTx> newCreators = new HashMap<>();
        final List<byte[]> historyKeys = new ArrayList<>();
        final List<byte[]> historyValues = new ArrayList<>();
    }

    private void commitBlock(List<PendingTx> txs) {
        long number = nextBlock;
        List<Outcome> outcomes = new ArrayList<>(txs.size());
        List<ChaincodeEvent> events = new ArrayList<>();
        BlockState bs = new BlockState();
        byte[] hash;
        try {
            Chain.DataHash dataHash = new Chain.DataHash();
            byte[][] txRows = new byte[txs.size()][];
            for (int i = 0; i < txs.size(); i++) {
                PendingTx tx = txs.get(i);
                TxValidationCode code = validate(tx, bs);
                if (code == TxValidationCode.VALID) {
                    apply(tx, Version.of(number, i), bs);
                    if (tx.eventName != null) {
                        events.add(new ChaincodeEvent(number, i, tx.txId, tx.eventName, tx.eventPayload));
                    }
                }
                outcomes.add(new Outcome(tx, i, code));
                dataHash.add(i, code.getNumber(), tx.body);
                txRows[i] = txRow(number, i, code, tx, bs);
            }
            byte[] data = dataHash.finish();
            hash = Chain.blockHash(number, previousHash, data);
            writeState(bs);
            for (int i = 0; i < bs.historyKeys.size(); i++) {
                store.history.put(bs.historyKeys.get(i), bs.historyValues.get(i));
            }
            for (int i = 0; i < txRows.length; i++) {
                store.txs.put(Version.of(number, i), txRows[i]);
            }
            for (Map.Entry<String, PendingTx> e : bs.newCreators.entrySet()) {
                PendingTx tx = e.getValue();
                store.creators.put(e.getKey(), Codec.creator(tx.creatorMsp, tx.creator));
            }
            store.blocks.put(number, new Store.BlockRow(number, previousHash, data, hash, txs.size(),
                    java.time.Instant.now()).encode());
            store.commit();

            for (Map.Entry<String, Change> e : bs.state.entrySet()) {
                Change ch = e.getValue();
                store.cache.put(e.getKey(), ch.value() == null ? StateCache.Entry.ABSENT
                        : new StateCache.Entry(ch.value(), ch.version()));
            }
            store.cache.advance();
            anyStateMeta |= bs.stateMeta.values().stream().anyMatch(v -> v != null);
            anyPvtMeta |= bs.pvtMeta.values().stream().anyMatch(v -> v != null);
            knownCreators.addAll(bs.newCreators.keySet());
            nextBlock = number + 1;
            previousHash = hash;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "block " + number + " could not be committed", e);
            try {
                store.rollback();
            } catch (RuntimeException r) {
                e.addSuppressed(r);
            }
            fail(txs, e);
            return;
        }
        capacity.release(txs.size());
        if (++sinceHousekeeping >= HOUSEKEEPING_BLOCKS) {
            sinceHousekeeping = 0;
            try {
                store.housekeeping(HOUSEKEEPING_FILL_RATE, HOUSEKEEPING_BYTES);
            } catch (MVStoreException e) {
                LOG.log(Level.WARNING, "rewriting sparse chunks of the ledger file failed; the next round tries again", e);
            }
        }
        listener.committed(new CommittedBlock(number, outcomes, events, Bytes.hex(hash)));
    }

    private TxValidationCode validate(PendingTx tx, BlockState bs) {
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

    // The committer reads the maps themselves: nothing of the block being built is in them yet.

    private long committedVersion(String key) {
        StateCache.Entry cached = store.cache.get(key);
        if (cached != null) {
            return cached.version();
        }
        byte[] stored = store.state.get(Bytes.utf8(key));
        return stored == null ? Version.ABSENT : Codec.version(stored);
    }

    private long committedPvtVersion(RwSet.PvtKey key) {
        byte[] stored = store.pvtHash.get(Codec.pvtHashKey(key.collection(), key.keyHash()));
        return stored == null ? Version.ABSENT : Codec.version(stored);
    }

    /** Re-executes a range query over committed state plus this block's earlier writes (phantom check). */
    private boolean rangeStillReturns(RwSet.RangeRead range, BlockState bs) {
        List<RwSet.KeyVersion> seen = range.results();
        if (!range.exhausted() && seen.isEmpty()) {
            return true; // nothing was read from it
        }
        String start = range.start();
        String last = range.exhausted() ? null : seen.get(seen.size() - 1).key();
        String end = range.end().isEmpty() ? null : range.end();
        TreeMap<String, Long> now = new TreeMap<>(Bytes.KEY_ORDER);
        String collection = range.collection();
        int prefix = collection == null ? 0 : Codec.pvtDataPrefixLength(collection);
        byte[] from = collection == null ? Bytes.utf8(start) : Codec.pvtDataKey(collection, Bytes.utf8(start));
        byte[] stop; // inclusive when last != null, exclusive otherwise
        if (last != null) {
            stop = collection == null ? Bytes.utf8(last) : Codec.pvtDataKey(collection, Bytes.utf8(last));
        } else if (end != null) {
            stop = collection == null ? Bytes.utf8(end) : Codec.pvtDataKey(collection, Bytes.utf8(end));
        } else {
            stop = collection == null ? null : Bytes.successorPrefix(Codec.pvtDataKey(collection, new byte[0]));
        }
        Cursor<byte[], byte[]> c = (collection == null ? store.state : store.pvtData).cursor(from);
        while (c.hasNext()) {
            byte[] k = c.next();
            if (stop != null) {
                int cmp = Arrays.compareUnsigned(k, stop);
                if (last != null ? cmp > 0 : cmp >= 0) {
                    break;
                }
            }
            now.put(Bytes.string(Arrays.copyOfRange(k, prefix, k.length)), Codec.version(c.getValue()));
        }
        NavigableMap<String, Change> written = collection == null ? bs.sortedState()
                : bs.pvtByCollection.getOrDefault(collection, new TreeMap<>(Bytes.KEY_ORDER));
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

    /** Folds a valid transaction into the block's net changes. */
    private void apply(PendingTx tx, long version, BlockState bs) {
        RwSet rw = tx.rwset;
        for (Map.Entry<String, byte[]> w : rw.writes.entrySet()) {
            String key = w.getKey();
            byte[] value = w.getValue();
            bs.putState(key, new Change(value, version));
            if (value == null && (anyStateMeta || bs.stateMeta.containsKey(key))) {
                bs.stateMeta.put(key, null); // deleting a key deletes its endorsement policy
            }
            bs.historyKeys.add(Codec.historyKey(key, version));
            bs.historyValues.add(new Store.HistoryRow(tx.txId, tx.timestamp, value, value == null).encode());
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
    }

    private boolean exists(String key, BlockState bs) {
        Change ch = bs.state.get(key);
        return ch != null ? ch.value() != null : committedVersion(key) != Version.ABSENT;
    }

    private byte[] txRow(long number, int index, TxValidationCode code, PendingTx tx, BlockState bs) {
        String creatorHex = Bytes.hex(tx.creatorHash);
        if (!knownCreators.contains(creatorHex) && !bs.newCreators.containsKey(creatorHex)
                && !store.creators.containsKey(creatorHex)) {
            // Known only once this block commits: a rolled-back block forgets it again.
            bs.newCreators.put(creatorHex, tx);
        }
        return new Store.TxRow(number, index, tx.txId, code.getNumber(), tx.timestamp.getEpochSecond(),
                tx.timestamp.getNano(), tx.creatorMsp, tx.creatorHash, tx.function, tx.eventName, tx.eventPayload,
                tx.rwsetBytes).encode();
    }

    private void writeState(BlockState bs) {
        for (Map.Entry<String, Change> e : bs.state.entrySet()) {
            Change ch = e.getValue();
            byte[] key = Bytes.utf8(e.getKey());
            if (ch.value() != null) {
                store.state.put(key, Codec.versioned(ch.version(), ch.value()));
            } else {
                store.state.remove(key);
            }
        }
        for (Map.Entry<String, byte[]> e : bs.stateMeta.entrySet()) {
            byte[] key = Bytes.utf8(e.getKey());
            if (e.getValue() != null) {
                store.stateMeta.put(key, e.getValue());
            } else {
                store.stateMeta.remove(key);
            }
        }
        for (Map.Entry<RwSet.PvtKey, Change> e : bs.pvt.entrySet()) {
            RwSet.PvtKey pk = e.getKey();
            Change ch = e.getValue();
            String hashKey = Codec.pvtHashKey(pk.collection(), pk.keyHash());
            byte[] dataKey = Codec.pvtDataKey(pk.collection(), Bytes.utf8(pk.key()));
            if (ch.value() != null) {
                store.pvtHash.put(hashKey, Codec.versioned(ch.version(), Bytes.sha256(ch.value())));
                store.pvtData.put(dataKey, Codec.versioned(ch.version(), ch.value()));
            } else {
                store.pvtHash.remove(hashKey);
                store.pvtData.remove(dataKey);
            }
        }
        for (Map.Entry<RwSet.PvtKey, byte[]> e : bs.pvtMeta.entrySet()) {
            String key = Codec.pvtHashKey(e.getKey().collection(), e.getKey().keyHash());
            if (e.getValue() != null) {
                store.pvtMeta.put(key, e.getValue());
            } else {
                store.pvtMeta.remove(key);
            }
        }
    }
}
