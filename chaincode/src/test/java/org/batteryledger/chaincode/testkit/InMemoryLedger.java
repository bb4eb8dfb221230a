package org.batteryledger.chaincode.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/**
 * The committed world of one channel, as a peer's state database, history database and private
 * data store hold it after validation.
 *
 * <p>Mirrors Fabric where a contract could tell the difference:
 *
 * <ul>
 *   <li>Keys are ordered by code point (= UTF-8 byte order, as LevelDB compares), not by Java's
 *       UTF-16 {@link String#compareTo}; the two disagree for characters above U+FFFF, and the
 *       partial-composite-key scan ends at U+10FFFF.
 *   <li>History keeps every committed write and delete of a key; it is read newest first (the
 *       Fabric 2.x order).
 *   <li>Private data lives per collection, apart from public state; its SHA-256 hash per key is
 *       visible to every peer, which is how non-members verify. Peers outside an implicit
 *       collection ({@code _implicit_org_<MSP>}) or a collection declared with {@link
 *       #defineCollection} hold only the hashes, so they read private values as missing.
 *   <li>A transaction id can commit once (the orderer/committer rejects DUPLICATE_TXID).
 *   <li>Each commit is one block holding one transaction; the event of a transaction is kept with
 *       it.
 * </ul>
 *
 * <p>Deliberately not modelled: MVCC read-conflict and phantom checks (concurrent transactions
 * touching the same key both commit, last writer wins), collection endorsement and
 * memberOnlyRead/Write policies, block-to-live.
 *
 * <p>Thread-safe: reads take a read lock and see only whole commits; a commit is applied under the
 * write lock, so concurrent benchmark threads never observe half a transaction.
 */
public final class InMemoryLedger {

    /** Prefix of Fabric's implicit per-organisation collections. */
    public static final String IMPLICIT_COLLECTION_PREFIX = "_implicit_org_";

    /**
     * LevelDB orders keys by their UTF-8 bytes, which equals code point order. Java's UTF-16
     * order differs for supplementary characters, so every sorted map here uses this comparator.
     */
    public static final Comparator<String> KEY_ORDER = InMemoryLedger::compareCodePoints;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<String, byte[]> state = new TreeMap<>(KEY_ORDER);
    private final Map<String, byte[]> validationParameters = new HashMap<>();
    private final Map<String, List<Modification>> history = new HashMap<>();
    private final Map<String, TreeMap<String, byte[]>> privateData = new HashMap<>();
    private final Map<String, Map<String, byte[]>> privateDataHashes = new HashMap<>();
    private final Map<String, Map<String, byte[]>> privateValidationParameters = new HashMap<>();
    private final Map<String, Set<String>> collectionMembers = new HashMap<>();
    private final List<CommittedEvent> events = new ArrayList<>();
    private final Set<String> committedTxIds = new HashSet<>();
    private final AtomicLong txIdSequence = new AtomicLong();
    private long blockHeight;

    /** Creates an empty channel ledger. */
    public InMemoryLedger() {
        // an empty world: nothing committed yet
    }

    /**
     * One committed version of a key, as {@code getHistoryForKey} returns it. A delete has an empty
     * value, as the peer's history entry does.
     */
    public record Modification(String txId, Instant timestamp, byte[] value, boolean deleted)
            implements KeyModification {
        public Modification {
            Objects.requireNonNull(txId, "txId");
            Objects.requireNonNull(timestamp, "timestamp");
            value = value == null ? new byte[0] : value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public String getTxId() {
            return txId;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public boolean isDeleted() {
            return deleted;
        }
    }

    /** An event as a committed block carries it: at most one per transaction. */
    public record CommittedEvent(long blockNumber, String txId, String eventName, byte[] payload) {
        public CommittedEvent {
            payload = payload == null ? new byte[0] : payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** The payload as UTF-8 text (our events are JSON). */
        public String payloadUtf8() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** A key and value read from a range scan, immutable. */
    record Entry(String key, byte[] value) implements KeyValue {
        Entry {
            value = value.clone();
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    /** Everything one transaction writes; assembled by {@link InMemoryStub#commit()}. */
    record WriteSet(
            String txId,
            Instant timestamp,
            Map<String, byte[]> state,
            Map<String, byte[]> validationParameters,
            Map<String, Map<String, byte[]>> privateData,
            Map<String, Map<String, byte[]>> privateValidationParameters,
            String eventName,
            byte[] eventPayload) {}

    // ---------------------------------------------------------------- configuration

    /**
     * Declares a static collection and the organisations whose peers hold its values. Peers of
     * other organisations keep only the hashes, so their {@code getPrivateData} reads come back
     * empty, as on Fabric. Undeclared collections (other than implicit ones) are held by every peer.
     */
    public void defineCollection(String collection, String... memberMspIds) {
        Objects.requireNonNull(collection, "collection");
        lock.writeLock().lock();
        try {
            collectionMembers.put(collection, Set.copyOf(Arrays.asList(memberMspIds)));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether a peer of {@code peerMspId} stores the private values of {@code collection}. */
    public boolean peerHoldsCollection(String collection, String peerMspId) {
        if (collection.startsWith(IMPLICIT_COLLECTION_PREFIX)) {
            return collection.substring(IMPLICIT_COLLECTION_PREFIX.length()).equals(peerMspId);
        }
        lock.readLock().lock();
        try {
            Set<String> members = collectionMembers.get(collection);
            return members == null || members.contains(peerMspId);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The next transaction id of this channel: 64 lowercase hex characters (the shape of a real
     * txid, a SHA-256), deterministic so test runs repeat exactly.
     */
    public String nextTxId() {
        return String.format("%064x", txIdSequence.incrementAndGet());
    }

    // ---------------------------------------------------------------- reads of committed state

    /** The committed value of a key, or {@code null} when absent (the stub turns that into empty bytes). */
    public byte[] getState(String key) {
        lock.readLock().lock();
        try {
            byte[] v = state.get(key);
            return v == null ? null : v.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A sorted copy of the whole committed world state. */
    public NavigableMap<String, byte[]> stateSnapshot() {
        lock.readLock().lock();
        try {
            TreeMap<String, byte[]> copy = new TreeMap<>(KEY_ORDER);
            state.forEach((k, v) -> copy.put(k, v.clone()));
            return Collections.unmodifiableNavigableMap(copy);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The committed state-based endorsement policy of a key, or {@code null}. */
    public byte[] getValidationParameter(String key) {
        lock.readLock().lock();
        try {
            byte[] v = validationParameters.get(key);
            return v == null ? null : v.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The history of a key, newest first (Fabric 2.x order); empty if never written. */
    public List<KeyModification> history(String key) {
        lock.readLock().lock();
        try {
            List<Modification> versions = history.getOrDefault(key, List.of());
            List<KeyModification> newestFirst = new ArrayList<>(versions);
            Collections.reverse(newestFirst);
            return Collections.unmodifiableList(newestFirst);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The committed private value as the collection's member peers hold it, or {@code null}. This
     * ignores membership: it is the test's view of the data, not a peer's.
     */
    public byte[] getPrivateData(String collection, String key) {
        lock.readLock().lock();
        try {
            TreeMap<String, byte[]> coll = privateData.get(collection);
            byte[] v = coll == null ? null : coll.get(key);
            return v == null ? null : v.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The SHA-256 of the committed private value, visible to every peer, or {@code null}. */
    public byte[] getPrivateDataHash(String collection, String key) {
        lock.readLock().lock();
        try {
            Map<String, byte[]> coll = privateDataHashes.get(collection);
            byte[] v = coll == null ? null : coll.get(key);
            return v == null ? null : v.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The committed endorsement policy of a private key, or {@code null}. */
    public byte[] getPrivateValidationParameter(String collection, String key) {
        lock.readLock().lock();
        try {
            Map<String, byte[]> coll = privateValidationParameters.get(collection);
            byte[] v = coll == null ? null : coll.get(key);
            return v == null ? null : v.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** All events committed so far, in commit order. */
    public List<CommittedEvent> events() {
        lock.readLock().lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of blocks committed; each commit is one block with one transaction. */
    public long blockHeight() {
        lock.readLock().lock();
        try {
            return blockHeight;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of transactions committed (equals {@link #blockHeight()} here). */
    public long committedTxCount() {
        lock.readLock().lock();
        try {
            return committedTxIds.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether a transaction with this id has committed. */
    public boolean isCommitted(String txId) {
        lock.readLock().lock();
        try {
            return committedTxIds.contains(txId);
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- package API for the stub

    /** Committed entries in {@code [startKey, endKey)}; an empty {@code endKey} means unbounded. */
    List<KeyValue> scanState(String startKey, String endKey) {
        lock.readLock().lock();
        try {
            return scan(state, startKey, endKey);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Committed private entries of a collection in {@code [startKey, endKey)}. */
    List<KeyValue> scanPrivateData(String collection, String startKey, String endKey) {
        lock.readLock().lock();
        try {
            TreeMap<String, byte[]> coll = privateData.get(collection);
            return coll == null ? List.of() : scan(coll, startKey, endKey);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static List<KeyValue> scan(TreeMap<String, byte[]> map, String startKey, String endKey) {
        NavigableMap<String, byte[]> range;
        if (endKey.isEmpty()) {
            range = map.tailMap(startKey, true);
        } else if (KEY_ORDER.compare(startKey, endKey) >= 0) {
            // LevelDB returns nothing for an inverted range; TreeMap would throw.
            return List.of();
        } else {
            range = map.subMap(startKey, true, endKey, false);
        }
        List<KeyValue> out = new ArrayList<>(range.size());
        range.forEach((k, v) -> out.add(new Entry(k, v)));
        return out;
    }

    /** Applies one transaction atomically, as block validation and commit would. */
    InMemoryStub.CommittedTx commit(WriteSet ws) {
        lock.writeLock().lock();
        try {
            if (committedTxIds.contains(ws.txId())) {
                // The committer marks a second transaction with the same id invalid (DUPLICATE_TXID).
                throw new IllegalStateException("duplicate transaction id " + ws.txId());
            }
            committedTxIds.add(ws.txId());
            blockHeight++;

            ws.state().forEach((key, value) -> {
                if (value == null) {
                    state.remove(key);
                    // Deleting a key deletes its metadata (its endorsement policy) too.
                    validationParameters.remove(key);
                } else {
                    state.put(key, value.clone());
                }
                history.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new Modification(ws.txId(), ws.timestamp(), value, value == null));
            });
            ws.validationParameters().forEach((key, policy) -> {
                if (state.containsKey(key) || ws.state().get(key) != null) {
                    validationParameters.put(key, policy.clone());
                }
            });
            ws.privateData().forEach((collection, writes) -> writes.forEach((key, value) -> {
                TreeMap<String, byte[]> coll = privateData.computeIfAbsent(collection, c -> new TreeMap<>(KEY_ORDER));
                Map<String, byte[]> hashes = privateDataHashes.computeIfAbsent(collection, c -> new HashMap<>());
                if (value == null) {
                    coll.remove(key);
                    hashes.remove(key);
                    Map<String, byte[]> params = privateValidationParameters.get(collection);
                    if (params != null) {
                        params.remove(key);
                    }
                } else {
                    coll.put(key, value.clone());
                    hashes.put(key, sha256(value));
                }
            }));
            ws.privateValidationParameters().forEach((collection, params) -> params.forEach((key, policy) ->
                    privateValidationParameters.computeIfAbsent(collection, c -> new HashMap<>())
                            .put(key, policy.clone())));
            if (ws.eventName() != null) {
                events.add(new CommittedEvent(blockHeight, ws.txId(), ws.eventName(), ws.eventPayload()));
            }
            return new InMemoryStub.CommittedTx(ws.txId(), ws.eventName(), ws.eventPayload());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** SHA-256, the hash Fabric puts on the public ledger for every private value. */
    public static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    /** Orders strings by code point, i.e. by their UTF-8 bytes. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int n = Math.min(a.length(), b.length());
        while (i < n) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(i);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Copies a map of arrays, keeping insertion order; used to hand out write sets safely. */
    static Map<String, byte[]> copyOf(Map<String, byte[]> source) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(k, v == null ? null : v.clone()));
        return copy;
    }
}
