package org.batteryledger.app.ledger.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.ChaincodeEvent;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.RootReference;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The file behind the embedded ledger: an H2 MVStore ({@value #FILE}), H2's own storage engine,
 * used as a key-value store without its SQL and transaction layers. The ledger needs neither: one
 * thread writes, a block is the unit of atomicity, and the store's commit of a block is its
 * durability point (written to the file before the commit returns: it survives a crash of the
 * JVM; there is no fsync, so not a power loss).
 *
 * <p>Maps (keys in LevelDB's unsigned byte order where they are scanned):
 * <ul>
 *   <li>{@code meta}: channel, format, layout, creation time;
 *   <li>{@code block}: block number → previous hash, data hash, hash, transaction count, time;
 *   <li>{@code tx}: version (block, index) → one transaction, valid or not, with its canonical
 *       read-write set;
 *   <li>{@code creator}: serialized identities by hash;
 *   <li>{@code state}: world state, key → version and value; {@code state_meta}: state-based
 *       endorsement parameters;
 *   <li>{@code history}: (key, version) → transaction id, time, value or deleted: Fabric's history
 *       database, so a trace reads one range;
 *   <li>{@code pvt_hash} (the hashed private state every peer holds), {@code pvt_data} and
 *       {@code pvt_meta} (the private store, apart from world state).
 * </ul>
 *
 * <p>Readers never see a block half-written: after each commit the committer publishes the maps'
 * roots ({@link View}), and every read goes through the latest published view while it holds a
 * version-usage registration, so the pages it reads are not reclaimed under it.
 */
final class Store implements AutoCloseable {
    static final String CHANNEL_ID = "batterychannel";
    static final int FORMAT = 1;
    /**
     * The storage layout, apart from the chain's {@link #FORMAT} (hashed into the genesis block and
     * never changed for a ledger). 1 and 2: SQL tables in {@code ledger.mv.db} (imported on open,
     * see {@link SqlLedgerImport}); 3: the maps of this class in {@value #FILE}.
     */
    static final int LAYOUT = 3;
    static final String FILE = "chain.db";

    /** A committed value with its version; {@code value == null} when absent. */
    record Versioned(byte[] value, long version) {
        static final Versioned ABSENT = new Versioned(null, Version.ABSENT);
    }

    /** A row of a range scan. */
    record Row(String key, byte[] value, long version) {}

    /** A committed version of a key, for {@code getHistoryForKey}. */
    record HistoryRow(String txId, Instant timestamp, byte[] value, boolean deleted) {
        byte[] encode() {
            return new Canonical.Writer(40 + (value == null ? 0 : value.length)).u8(deleted ? 1 : 0).str(txId)
                    .i64(timestamp.getEpochSecond()).i32(timestamp.getNano()).raw(value == null ? new byte[0] : value)
                    .toByteArray();
        }

        static HistoryRow decode(byte[] data) {
            Canonical.Reader r = new Canonical.Reader(data);
            boolean deleted = r.u8() == 1;
            String txId = r.str();
            Instant ts = Instant.ofEpochSecond(r.i64(), r.i32());
            byte[] value = r.rest();
            return new HistoryRow(txId, ts, deleted ? null : value, deleted);
        }
    }

    /** A stored transaction, as {@code verify} and the event replay read it. */
    record TxRow(long block, int index, String txId, int validationCode, long tsSeconds, int tsNanos,
            String creatorMsp, byte[] creatorHash, String function, String eventName, byte[] eventPayload,
            byte[] rwset) {
        byte[] encode() {
            return new Canonical.Writer(128 + rwset.length + (eventPayload == null ? 0 : eventPayload.length))
                    .str(txId).i32(validationCode).i64(tsSeconds).i32(tsNanos).str(creatorMsp).bytes(creatorHash)
                    .str(function).nullableStr(eventName).nullableBytes(eventPayload).bytes(rwset).toByteArray();
        }

        static TxRow decode(long version, byte[] data) {
            Canonical.Reader r = new Canonical.Reader(data);
            return new TxRow(Version.block(version), Version.tx(version), r.str(), r.i32(), r.i64(), r.i32(),
                    r.str(), r.bytes(), r.str(), r.nullableStr(), r.nullableBytes(), r.bytes());
        }
    }

    /** A stored block header. */
    record BlockRow(long number, byte[] previousHash, byte[] dataHash, byte[] hash, int txCount,
            Instant committedAt) {
        byte[] encode() {
            return new Canonical.Writer(112).raw(previousHash).raw(dataHash).raw(hash).i32(txCount)
                    .i64(committedAt.getEpochSecond()).i32(committedAt.getNano()).toByteArray();
        }

        static BlockRow decode(long number, byte[] data) {
            Canonical.Reader r = new Canonical.Reader(data);
            return new BlockRow(number, r.raw(32), r.raw(32), r.raw(32), r.i32(), Instant.ofEpochSecond(r.i64(),
                    r.i32()));
        }
    }

    /** The roots of the maps readers use, as of the last committed block. */
    record View(RootReference<byte[], byte[]> state, RootReference<byte[], byte[]> stateMeta,
            RootReference<byte[], byte[]> history, RootReference<String, byte[]> pvtHash,
            RootReference<String, byte[]> pvtMeta, RootReference<byte[], byte[]> pvtData,
            RootReference<Long, byte[]> blocks, RootReference<Long, byte[]> txs) {}

    private final Path file;
    private final MVStore mv;
    final MVMap<String, String> meta;
    final MVMap<Long, byte[]> blocks;
    final MVMap<Long, byte[]> txs;
    final MVMap<String, byte[]> creators;
    final MVMap<byte[], byte[]> state;
    final MVMap<byte[], byte[]> stateMeta;
    final MVMap<byte[], byte[]> history;
    final MVMap<String, byte[]> pvtHash;
    final MVMap<String, byte[]> pvtMeta;
    final MVMap<byte[], byte[]> pvtData;
    final StateCache cache;
    private volatile View view;
    private volatile boolean closed;

    private Store(Path file, Settings settings) {
        this.file = file;
        MVStore.Builder b = new MVStore.Builder().fileName(file.toString())
                // The committer commits each block itself: no background commit may write half a block.
                .autoCommitDisabled()
                .cacheSize(Math.max(1, settings.h2CacheSizeKb() / 1024));
        try {
            mv = b.open();
        } catch (MVStoreException e) {
            throw new StoreException("cannot open the ledger file " + file + ": " + e.getMessage(), e);
        }
        try {
            meta = mv.openMap("meta", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                    .valueType(StringDataType.INSTANCE));
            blocks = longMap("block");
            txs = longMap("tx");
            creators = stringMap("creator");
            state = bytesMap("state");
            stateMeta = bytesMap("state_meta");
            history = bytesMap("history");
            pvtHash = stringMap("pvt_hash");
            pvtMeta = stringMap("pvt_meta");
            pvtData = bytesMap("pvt_data");
            String layout = meta.get("layout");
            if (layout != null && Integer.parseInt(layout) > LAYOUT) {
                throw new StoreException("this ledger has storage layout " + layout + "; this version reads up to "
                        + LAYOUT, null);
            }
            if (layout == null) {
                meta.put("layout", Integer.toString(LAYOUT));
                mv.commit();
            }
        } catch (RuntimeException e) {
            mv.closeImmediately();
            throw e;
        }
        cache = new StateCache(settings.stateCacheEntries());
        publish();
    }

    private MVMap<Long, byte[]> longMap(String name) {
        return mv.openMap(name, new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    private MVMap<String, byte[]> stringMap(String name) {
        return mv.openMap(name, new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    private MVMap<byte[], byte[]> bytesMap(String name) {
        return mv.openMap(name, new MVMap.Builder<byte[], byte[]>().keyType(UnsignedBytes.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    /**
     * Opens the ledger in {@code dataDir}, importing a ledger of an earlier version (SQL layout 1
     * or 2 in {@code ledger.mv.db}) first if that is all there is.
     */
    static Store open(Path dataDir, Settings settings) {
        Path file = dataDir.resolve(FILE);
        Path old = dataDir.resolve(SqlLedgerImport.SQL_FILE);
        if (Files.exists(old)) {
            if (Files.exists(file)) {
                // An import that completed but crashed before setting the old file aside.
                SqlLedgerImport.setAside(dataDir);
            } else {
                SqlLedgerImport.run(dataDir, settings);
            }
        }
        return new Store(file, settings);
    }

    /** Opens a file for the importer, without importing. */
    static Store openFile(Path file, Settings settings) {
        return new Store(file, settings);
    }

    Path file() {
        return file;
    }

    // ------------------------------------------------------------------ writes (committer thread only)

    /** Makes everything written since the last commit durable, then visible to readers. */
    void commit() {
        mv.commit();
        publish();
    }

    /** Drops everything written since the last commit. */
    void rollback() {
        mv.rollback();
        publish();
    }

    /** Rewrites sparse chunks of the file (between blocks, on the committer thread). */
    void housekeeping(int targetFillRate, int writeLimitBytes) {
        if (mv.compact(targetFillRate, writeLimitBytes)) {
            publish();
        }
    }

    int fillRate() {
        return mv.getFillRate();
    }

    private void publish() {
        view = new View(state.flushAndGetRoot(), stateMeta.flushAndGetRoot(), history.flushAndGetRoot(),
                pvtHash.flushAndGetRoot(), pvtMeta.flushAndGetRoot(), pvtData.flushAndGetRoot(),
                blocks.flushAndGetRoot(), txs.flushAndGetRoot());
    }

    // ------------------------------------------------------------------ reads

    /** Runs {@code work} on the latest committed view, its pages pinned while it runs. */
    <T> T read(Function<View, T> work) {
        if (closed) {
            throw new StoreException("the embedded ledger is closed", null);
        }
        MVStore.TxCounter pin;
        try {
            pin = mv.registerVersionUsage();
        } catch (MVStoreException e) {
            throw new StoreException("reading the ledger file failed: " + e.getMessage(), e);
        }
        try {
            return work.apply(view);
        } catch (MVStoreException | IllegalStateException e) {
            throw new StoreException("reading the ledger file failed: " + e.getMessage(), e);
        } finally {
            mv.deregisterVersionUsage(pin);
        }
    }

    static <K, V> V get(RootReference<K, V> root, K key) {
        return root.root.map.get(root.root, key);
    }

    /** The committed value and version of a key: the cache first, then the file. */
    Versioned state(String key) {
        StateCache.Entry cached = cache.get(key);
        if (cached != null) {
            return new Versioned(cached.value(), cached.version());
        }
        long generation = cache.generation();
        Versioned v = read(view -> versioned(get(view.state(), Bytes.utf8(key))));
        cache.offer(key, new StateCache.Entry(v.value(), v.version()), generation);
        return v;
    }

    private static Versioned versioned(byte[] stored) {
        return stored == null ? Versioned.ABSENT : new Versioned(Codec.value(stored), Codec.version(stored));
    }

    byte[] stateMeta(String key) {
        return read(view -> get(view.stateMeta(), Bytes.utf8(key)));
    }

    /** Up to {@code limit} committed entries with {@code from <= key < end} ({@code end == null}: unbounded). */
    List<Row> scanState(byte[] from, byte[] end, int limit) {
        return read(view -> scan(view.state(), from, end, 0, limit));
    }

    private static List<Row> scan(RootReference<byte[], byte[]> root, byte[] from, byte[] end, int prefix,
            int limit) {
        List<Row> out = new ArrayList<>(Math.min(limit, 256));
        Cursor<byte[], byte[]> c = new Cursor<>(root, from, null);
        while (out.size() < limit && c.hasNext()) {
            byte[] k = c.next();
            if (end != null && Arrays.compareUnsigned(k, end) >= 0) {
                break;
            }
            byte[] stored = c.getValue();
            out.add(new Row(Bytes.string(Arrays.copyOfRange(k, prefix, k.length)), Codec.value(stored),
                    Codec.version(stored)));
        }
        return out;
    }

    Versioned privateValue(String collection, String key) {
        return read(view -> versioned(get(view.pvtData(), Codec.pvtDataKey(collection, Bytes.utf8(key)))));
    }

    /** The hashed private state: value = the SHA-256 of the private value. */
    Versioned privateHash(String collection, byte[] keyHash) {
        return read(view -> versioned(get(view.pvtHash(), Codec.pvtHashKey(collection, keyHash))));
    }

    byte[] privateMeta(String collection, byte[] keyHash) {
        return read(view -> get(view.pvtMeta(), Codec.pvtHashKey(collection, keyHash)));
    }

    List<Row> scanPrivate(String collection, byte[] from, byte[] end, int limit) {
        byte[] start = Codec.pvtDataKey(collection, from);
        // Without an end, the scan stops where the collection's keys stop (its prefix + 0x01).
        byte[] stop = end != null ? Codec.pvtDataKey(collection, end)
                : Bytes.successorPrefix(Codec.pvtDataKey(collection, new byte[0]));
        return read(view -> scan(view.pvtData(), start, stop, Codec.pvtDataPrefixLength(collection), limit));
    }

    /** Every committed write and delete of a key, newest first. */
    List<HistoryRow> history(String key) {
        byte[] to = Codec.historyTo(key);
        return read(view -> {
            List<HistoryRow> out = new ArrayList<>();
            Cursor<byte[], byte[]> c = new Cursor<>(view.history(), Codec.historyFrom(key), null);
            while (c.hasNext()) {
                if (Arrays.compareUnsigned(c.next(), to) > 0) {
                    break;
                }
                out.add(HistoryRow.decode(c.getValue()));
            }
            Collections.reverse(out);
            return out;
        });
    }

    /** The events of blocks {@code [from, to)}, one {@link BlockEvents} per block, empty ones included. */
    List<BlockEvents> events(long from, long to) {
        return read(view -> {
            List<BlockEvents> out = new ArrayList<>((int) Math.max(0, to - from));
            for (long b = from; b < to; b++) {
                byte[] header = get(view.blocks(), b);
                if (header == null) {
                    break;
                }
                List<ChaincodeEvent> events = new ArrayList<>();
                for (TxRow t : blockTxs(view, b)) {
                    if (t.validationCode() == 0 && t.eventName() != null) {
                        events.add(new ChaincodeEvent(b, t.index(), t.txId(), t.eventName(), t.eventPayload()));
                    }
                }
                out.add(new BlockEvents(b, events, Bytes.hex(BlockRow.decode(b, header).hash())));
            }
            return out;
        });
    }

    /** The stored transactions of block {@code number}, in order. */
    static List<TxRow> blockTxs(View view, long number) {
        List<TxRow> out = new ArrayList<>();
        long last = Version.of(number, Version.MAX_TX_PER_BLOCK);
        Cursor<Long, byte[]> c = new Cursor<>(view.txs(), Version.of(number, 0), null);
        while (c.hasNext()) {
            long v = c.next();
            if (v > last) {
                break;
            }
            out.add(TxRow.decode(v, c.getValue()));
        }
        return out;
    }

    Optional<BlockRow> block(long number) {
        return read(view -> Optional.ofNullable(get(view.blocks(), number)).map(h -> BlockRow.decode(number, h)));
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // Nothing uncommitted is kept: the committer has stopped, and what it did not commit is dropped.
            mv.rollback();
            mv.close();
        } catch (MVStoreException e) {
            mv.closeImmediately();
        }
    }

    /** An unchecked wrapper of a storage failure; the ledger turns it into LedgerUnavailableException. */
    static final class StoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
