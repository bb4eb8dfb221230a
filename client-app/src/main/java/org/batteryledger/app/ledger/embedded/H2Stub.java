package org.batteryledger.app.ledger.embedded;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * One transaction's simulation over the embedded ledger's H2 store, behaving as the shim's {@code
 * InvocationStubImpl} talking to a peer's transaction simulator (and as the chaincode test kit's
 * {@code InMemoryStub}, whose semantics it mirrors):
 *
 * <ul>
 *   <li>Reads see committed state only, never this transaction's own writes; a missing key reads
 *       as an empty array. Every read is recorded with the version it had, for MVCC validation.
 *   <li>Writes are buffered in the read-write set; the last write of a key wins.
 *   <li>Range rules of the shim: an empty start becomes U+0001 (simple keys only), an empty end is
 *       unbounded, ends are exclusive, partial composite keys scan {@code prefix} to {@code prefix +
 *       U+10FFFF}. Range results are recorded for phantom checks.
 *   <li>Paginated queries only in read-only transactions; the bookmark is the next unread key.
 *   <li>Only the last {@link #setEvent} survives.
 *   <li>Private data: values in the private store, hashes visible to all; the endorsing peer is the
 *       caller's organisation's, which holds its own implicit collection and no other org's.
 * </ul>
 *
 * <p>Used by one thread, like a transaction's simulation.
 */
final class H2Stub implements ChaincodeStub {
    static final String CHAINCODE_NAME = "battery";
    static final String IMPLICIT_COLLECTION_PREFIX = "_implicit_org_";

    private static final String UNSPECIFIED_START_KEY = "\u0001";
    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";
    private static final int CHUNK = 256;

    private final Store store;
    private final String txId;
    private final byte[] nonce;
    private final Instant timestamp;
    private final byte[] creator;
    private final String mspId;
    private final List<byte[]> args;
    private final Map<String, byte[]> transientMap;
    private final boolean recording;

    private final RwSet rwset = new RwSet();
    private final List<RangeRecorder> ranges = new ArrayList<>();
    private ChaincodeEvent event;
    private boolean writePerformed;
    private boolean paginatedQueryPerformed;
    private boolean privateQueryPerformed;
    private boolean finished;
    private RuntimeException storageFailure;

    /**
     * @param store the committed world this simulation reads
     * @param txId the transaction id
     * @param nonce the proposal nonce the id was derived from
     * @param timestamp the proposal timestamp
     * @param creator the submitter's serialized identity
     * @param mspId the endorsing peer's organisation (the caller's)
     * @param args function name followed by its arguments
     * @param transientMap transient data of the proposal, may be {@code null}
     * @param recording whether to record a read-write set (false for evaluations)
     */
    H2Stub(Store store, String txId, byte[] nonce, Instant timestamp, byte[] creator, String mspId,
            List<byte[]> args, Map<String, byte[]> transientMap, boolean recording) {
        this.store = store;
        this.txId = txId;
        this.nonce = nonce.clone();
        this.timestamp = timestamp;
        this.creator = creator.clone();
        this.mspId = mspId;
        this.args = List.copyOf(args);
        Map<String, byte[]> t = new LinkedHashMap<>();
        if (transientMap != null) {
            transientMap.forEach((k, v) -> t.put(k, v.clone()));
        }
        this.transientMap = Collections.unmodifiableMap(t);
        this.recording = recording;
    }

    static List<byte[]> toArgs(String function, String... params) {
        List<byte[]> out = new ArrayList<>(params.length + 1);
        out.add(function.getBytes(StandardCharsets.UTF_8));
        for (String p : params) {
            out.add(p.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    // ------------------------------------------------------------------ after simulation

    /** Ends the simulation: the stub refuses further use; returns the recorded read-write set. */
    RwSet finish() {
        if (finished) {
            return rwset;
        }
        finished = true;
        for (RangeRecorder r : ranges) {
            rwset.rangeReads.add(r.toRangeRead());
        }
        ranges.clear();
        return rwset;
    }

    /** A database failure met during simulation (the contract saw an exception), or null. */
    RuntimeException storageFailure() {
        return storageFailure;
    }

    /** The one surviving event, or null. */
    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    byte[] nonce() {
        return nonce.clone();
    }

    // ------------------------------------------------------------------ proposal data

    @Override
    public List<byte[]> getArgs() {
        List<byte[]> out = new ArrayList<>(args.size());
        args.forEach(a -> out.add(a.clone()));
        return out;
    }

    @Override
    public List<String> getStringArgs() {
        List<String> out = new ArrayList<>(args.size());
        args.forEach(a -> out.add(new String(a, StandardCharsets.UTF_8)));
        return out;
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : new String(args.get(0), StandardCharsets.UTF_8);
    }

    @Override
    public List<String> getParameters() {
        List<String> all = getStringArgs();
        return all.isEmpty() ? new ArrayList<>() : new ArrayList<>(all.subList(1, all.size()));
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return Store.CHANNEL_ID;
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public byte[] getCreator() {
        return creator.clone();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        Map<String, byte[]> out = new HashMap<>();
        transientMap.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** SHA-256(nonce ‖ creator ‖ epoch 0 as 8 little-endian bytes), as Fabric computes it. */
    @Override
    public byte[] getBinding() {
        MessageDigest d = Bytes.sha256();
        d.update(nonce);
        d.update(creator);
        d.update(new byte[8]);
        return d.digest();
    }

    /** The endorsing peer's organisation: the caller's own, as a client endorses on its org's peer. */
    @Override
    public String getMspId() {
        return mspId;
    }

    /**
     * An unsigned proposal with the channel header (type, channel, txid, timestamp), the signature
     * header (creator, nonce) and the invocation input; transient data left out.
     */
    @Override
    public SignedProposal getSignedProposal() {
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(Store.CHANNEL_ID)
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(timestamp.getEpochSecond())
                        .setNanos(timestamp.getNano()))
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(creator))
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        Header header = Header.newBuilder()
                .setChannelHeader(channelHeader.toByteString())
                .setSignatureHeader(signatureHeader.toByteString())
                .build();
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        args.forEach(a -> input.addArgs(ByteString.copyFrom(a)));
        ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName(CHAINCODE_NAME))
                        .setInput(input))
                .build();
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.newBuilder()
                .setInput(spec.toByteString())
                .build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(header.toByteString())
                .setPayload(payload.toByteString())
                .build();
        return SignedProposal.newBuilder().setProposalBytes(proposal.toByteString()).build();
    }

    // ------------------------------------------------------------------ world state

    @Override
    public byte[] getState(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        checkOpen();
        Store.Versioned v = storage(() -> store.state(key));
        recordRead(key, v.version());
        return v.value() == null ? new byte[0] : v.value().clone();
    }

    @Override
    public void putState(String key, byte[] value) {
        validateKey(key);
        validateValue(value);
        checkWritePrecondition();
        rwset.writes.put(key, value.clone());
    }

    @Override
    public void delState(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        checkWritePrecondition();
        rwset.writes.put(key, null);
    }

    /** The committed endorsement policy of a key, or null; records a read of the key. */
    @Override
    public byte[] getStateValidationParameter(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        checkOpen();
        Store.Versioned v = storage(() -> store.state(key));
        recordRead(key, v.version());
        return v.value() == null ? null : storage(() -> store.stateMeta(key));
    }

    /** Stored with the key at commit; ignored if the key does not exist then (as Fabric does). */
    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        validateKey(key);
        Objects.requireNonNull(value, "value cannot be null");
        checkWritePrecondition();
        rwset.metaWrites.put(key, value.clone());
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        String[] range = simpleRange(startKey, endKey);
        checkOpen();
        return new RangeResults(new RangeRecorder(null, range[0], range[1]));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(String startKey, String endKey,
            int pageSize, String bookmark) {
        String[] range = simpleRange(startKey, endKey);
        return paginate(range[0], range[1], pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        CompositeKey key = compositeKey == null ? null
                : compositeKey.startsWith(CompositeKey.NAMESPACE) ? CompositeKey.parseCompositeKey(compositeKey)
                : new CompositeKey(compositeKey);
        return getStateByPartialCompositeKey(key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        String prefix = prefixOf(compositeKey);
        checkOpen();
        return new RangeResults(new RangeRecorder(null, prefix, prefix + MAX_UNICODE_RUNE));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        String prefix = prefixOf(compositeKey);
        return paginate(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw richQueryUnsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String query, int pageSize,
            String bookmark) {
        throw richQueryUnsupported();
    }

    /** Committed versions of the key, newest first (Fabric 2.x order); not validated, as on a peer. */
    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        checkOpen();
        List<Store.HistoryRow> rows = storage(() -> store.history(key));
        List<KeyModification> out = new ArrayList<>(rows.size());
        for (Store.HistoryRow r : rows) {
            out.add(new Modification(r.txId(), r.timestamp(), r.value(), r.deleted()));
        }
        return new ListResults<>(out);
    }

    // ------------------------------------------------------------------ private data

    @Override
    public byte[] getPrivateData(String collection, String key) {
        validateCollection(collection);
        Objects.requireNonNull(key, "key cannot be null");
        checkOpen();
        RwSet.PvtKey pk = RwSet.PvtKey.of(collection, key);
        if (!peerHoldsCollection(collection)) {
            // A non-member peer has only the hash: the value is simply not there.
            Store.Versioned h = storage(() -> store.privateHash(collection, pk.keyHash()));
            recordPvtRead(pk, h.version());
            return new byte[0];
        }
        Store.Versioned v = storage(() -> store.privateValue(collection, key));
        recordPvtRead(pk, v.version());
        return v.value() == null ? new byte[0] : v.value();
    }

    /** SHA-256 of the committed value; every peer has it, member of the collection or not. */
    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        Store.Versioned h = readPrivateHash(collection, key);
        return h.value() == null ? new byte[0] : h.value();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        Store.Versioned h = readPrivateHash(collection, key);
        return h.value() == null ? null
                : storage(() -> store.privateMeta(collection, RwSet.PvtKey.of(collection, key).keyHash()));
    }

    /** Reads the committed hash of a private key (every peer has it) and records the read. */
    private Store.Versioned readPrivateHash(String collection, String key) {
        validateCollection(collection);
        Objects.requireNonNull(key, "key cannot be null");
        checkOpen();
        RwSet.PvtKey pk = RwSet.PvtKey.of(collection, key);
        Store.Versioned h = storage(() -> store.privateHash(collection, pk.keyHash()));
        recordPvtRead(pk, h.version());
        return h;
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        validateKey(key);
        validateCollection(collection);
        validateValue(value);
        checkWritePrecondition();
        rwset.pvtWrites.put(RwSet.PvtKey.of(collection, key), new RwSet.PvtWrite(value.clone(), false));
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        validateKey(key);
        validateCollection(collection);
        Objects.requireNonNull(value, "value cannot be null");
        checkWritePrecondition();
        rwset.pvtMetaWrites.put(RwSet.PvtKey.of(collection, key), value.clone());
    }

    @Override
    public void delPrivateData(String collection, String key) {
        validateCollection(collection);
        Objects.requireNonNull(key, "key cannot be null");
        checkWritePrecondition();
        rwset.pvtWrites.put(RwSet.PvtKey.of(collection, key), new RwSet.PvtWrite(null, false));
    }

    /** Removes value and hash now; the private store keeps no older versions to purge. */
    @Override
    public void purgePrivateData(String collection, String key) {
        validateCollection(collection);
        Objects.requireNonNull(key, "key cannot be null");
        checkWritePrecondition();
        rwset.pvtWrites.put(RwSet.PvtKey.of(collection, key), new RwSet.PvtWrite(null, true));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        validateCollection(collection);
        String[] range = simpleRange(startKey, endKey);
        return privateScan(collection, range[0], range[1]);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection,
            String compositeKey) {
        CompositeKey key;
        if (compositeKey == null) {
            key = null;
        } else if (compositeKey.startsWith(CompositeKey.NAMESPACE)) {
            key = CompositeKey.parseCompositeKey(compositeKey);
        } else {
            key = new CompositeKey(compositeKey);
        }
        return getPrivateDataByPartialCompositeKey(collection, key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection,
            CompositeKey compositeKey) {
        validateCollection(collection);
        String prefix = prefixOf(compositeKey);
        return privateScan(collection, prefix, prefix + MAX_UNICODE_RUNE);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String objectType,
            String... attributes) {
        return getPrivateDataByPartialCompositeKey(collection, new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw richQueryUnsupported();
    }

    // ------------------------------------------------------------------ events and other chaincode

    /** Replaces any earlier event of this transaction: Fabric keeps only the last one. */
    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        checkOpen();
        ChaincodeEvent.Builder b = ChaincodeEvent.newBuilder().setEventName(name).setTxId(txId)
                .setChaincodeId(CHAINCODE_NAME);
        if (payload != null) {
            b.setPayload(ByteString.copyFrom(payload));
        }
        event = b.build();
    }

    @Override
    public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> arguments, String channel) {
        throw new UnsupportedOperationException("chaincode-to-chaincode invocation is not supported by the"
                + " embedded ledger");
    }

    // ------------------------------------------------------------------ internals

    private void recordRead(String key, long version) {
        if (recording) {
            rwset.reads.putIfAbsent(key, version);
        }
    }

    private void recordPvtRead(RwSet.PvtKey key, long version) {
        if (recording) {
            rwset.pvtReads.putIfAbsent(key, version);
        }
    }

    private <T> T storage(Supplier<T> read) {
        try {
            return read.get();
        } catch (Store.StoreException e) {
            if (storageFailure == null) {
                storageFailure = e;
            }
            throw e;
        }
    }

    private QueryResultsIteratorWithMetadata<KeyValue> paginate(String startKey, String endKey, int pageSize,
            String bookmark) {
        // The shim puts the bookmark into a protobuf field: null fails there too.
        Objects.requireNonNull(bookmark, "bookmark cannot be null");
        if (pageSize < 0) {
            throw new IllegalArgumentException("pageSize must not be negative");
        }
        checkOpen();
        if (writePerformed) {
            throw new UnsupportedOperationException("pagination is only supported in read-only transactions");
        }
        paginatedQueryPerformed = true;
        String from = bookmark.isEmpty() ? startKey : bookmark;
        byte[] end = endKey.isEmpty() ? null : Bytes.utf8(endKey);
        // pageSize 0 means no limit, as on a peer's LevelDB scanner.
        int want = pageSize == 0 ? Integer.MAX_VALUE : pageSize;
        List<Store.Row> page = new ArrayList<>();
        String next = "";
        byte[] cursor = Bytes.utf8(from);
        while (true) {
            // One row more than the page needs: its key is the bookmark of the next page.
            int fetch = (int) Math.min(CHUNK, (long) want - page.size() + 1);
            byte[] c = cursor;
            List<Store.Row> chunk = storage(() -> store.scanState(c, end, fetch));
            for (Store.Row r : chunk) {
                if (page.size() == want) {
                    next = r.key();
                    break;
                }
                page.add(r);
            }
            if (!next.isEmpty() || chunk.size() < fetch) {
                break;
            }
            cursor = Bytes.successor(Bytes.utf8(chunk.get(chunk.size() - 1).key()));
        }
        return pageResult(page, next, endKey, from);
    }

    private QueryResultsIteratorWithMetadata<KeyValue> pageResult(List<Store.Row> page, String next,
            String endKey, String from) {
        if (recording) {
            List<RwSet.KeyVersion> seen = new ArrayList<>(page.size());
            page.forEach(r -> seen.add(new RwSet.KeyVersion(r.key(), r.version())));
            rwset.rangeReads.add(new RwSet.RangeRead(null, from, endKey, next.isEmpty(), seen));
        }
        List<KeyValue> items = new ArrayList<>(page.size());
        page.forEach(r -> items.add(new Entry(r.key(), r.value())));
        QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(items.size())
                .setBookmark(next)
                .build();
        return new PagedResults(items, metadata);
    }

    private QueryResultsIterator<KeyValue> privateScan(String collection, String startKey, String endKey) {
        checkOpen();
        if (writePerformed) {
            throw new UnsupportedOperationException(
                    "queries on private data are only supported in read-only transactions");
        }
        privateQueryPerformed = true;
        if (!peerHoldsCollection(collection)) {
            return new ListResults<>(List.of());
        }
        return new RangeResults(new RangeRecorder(collection, startKey, endKey));
    }

    private boolean peerHoldsCollection(String collection) {
        if (collection.startsWith(IMPLICIT_COLLECTION_PREFIX)) {
            return collection.substring(IMPLICIT_COLLECTION_PREFIX.length()).equals(mspId);
        }
        return true;
    }

    private static String[] simpleRange(String startKey, String endKey) {
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return new String[] {start, end};
    }

    private static String prefixOf(CompositeKey compositeKey) {
        return compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString() : compositeKey.toString();
    }

    private void checkWritePrecondition() {
        checkOpen();
        if (paginatedQueryPerformed) {
            throw new UnsupportedOperationException(
                    "transaction has already performed a paginated query, writes are not allowed");
        }
        if (privateQueryPerformed) {
            throw new UnsupportedOperationException(
                    "transaction has already performed queries on private data, writes are not allowed");
        }
        writePerformed = true;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("transaction " + txId + " has finished its simulation");
        }
    }

    private static void validateKey(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key cannot not be an empty string");
        }
    }

    private static void validateValue(byte[] value) {
        Objects.requireNonNull(value, "value cannot be null");
        if (value.length == 0) {
            // The peer would record an empty value as a delete, which is never what a contract means.
            throw new IllegalArgumentException("value cannot be empty (use delState to delete)");
        }
    }

    private static void validateCollection(String collection) {
        Objects.requireNonNull(collection, "collection cannot be null");
        if (collection.isEmpty()) {
            throw new IllegalArgumentException("collection must not be an empty string");
        }
    }

    private static UnsupportedOperationException richQueryUnsupported() {
        return new UnsupportedOperationException("rich queries need CouchDB");
    }

    /** Records what a range iterator returned; becomes a {@link RwSet.RangeRead} at {@link #finish()}. */
    private final class RangeRecorder {
        final String collection;
        final String start;
        final String end;
        final List<RwSet.KeyVersion> seen = new ArrayList<>();
        boolean exhausted;

        RangeRecorder(String collection, String start, String end) {
            this.collection = collection;
            this.start = start;
            this.end = end;
            if (recording) {
                ranges.add(this);
            }
        }

        RwSet.RangeRead toRangeRead() {
            return new RwSet.RangeRead(collection, start, end, exhausted, List.copyOf(seen));
        }

        List<Store.Row> fetch(byte[] from, int limit) {
            byte[] endBytes = end.isEmpty() ? null : Bytes.utf8(end);
            return storage(() -> collection == null ? store.scanState(from, endBytes, limit)
                    : store.scanPrivate(collection, from, endBytes, limit));
        }
    }

    /** A lazy range iterator that fetches committed rows in chunks and records what it returns. */
    private final class RangeResults implements QueryResultsIterator<KeyValue> {
        private final RangeRecorder recorder;
        private boolean iterated;

        RangeResults(RangeRecorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public Iterator<KeyValue> iterator() {
            if (iterated) {
                throw new IllegalStateException("a query result can be iterated once");
            }
            iterated = true;
            return new Iterator<>() {
                private List<Store.Row> chunk = List.of();
                private int pos;
                private byte[] cursor = Bytes.utf8(recorder.start);
                private boolean lastChunk;

                @Override
                public boolean hasNext() {
                    if (pos < chunk.size()) {
                        return true;
                    }
                    if (lastChunk || cursor == null) {
                        recorder.exhausted = true;
                        return false;
                    }
                    checkOpen();
                    chunk = recorder.fetch(cursor, CHUNK);
                    pos = 0;
                    lastChunk = chunk.size() < CHUNK;
                    cursor = chunk.isEmpty() ? null : Bytes.successor(Bytes.utf8(chunk.get(chunk.size() - 1).key()));
                    if (chunk.isEmpty()) {
                        recorder.exhausted = true;
                        return false;
                    }
                    return true;
                }

                @Override
                public KeyValue next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Store.Row r = chunk.get(pos++);
                    recorder.seen.add(new RwSet.KeyVersion(r.key(), r.version()));
                    return new Entry(r.key(), r.value());
                }
            };
        }

        @Override
        public void close() {
            // rows are fetched per chunk; nothing stays open
        }
    }

    /** Results already in memory. */
    private static class ListResults<T> implements QueryResultsIterator<T> {
        private final List<T> items;

        ListResults(List<T> items) {
            this.items = List.copyOf(items);
        }

        @Override
        public Iterator<T> iterator() {
            return items.iterator();
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** A page plus the peer's response metadata. */
    private static final class PagedResults extends ListResults<KeyValue>
            implements QueryResultsIteratorWithMetadata<KeyValue> {
        private final QueryResponseMetadata metadata;

        PagedResults(List<KeyValue> items, QueryResponseMetadata metadata) {
            super(items);
            this.metadata = metadata;
        }

        @Override
        public QueryResponseMetadata getMetadata() {
            return metadata;
        }
    }

    /** A key and its value. */
    private record Entry(String key, byte[] value) implements KeyValue {
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

    /** One committed version of a key. */
    private record Modification(String txId, Instant timestamp, byte[] value, boolean deleted)
            implements KeyModification {
        @Override
        public String getTxId() {
            return txId;
        }

        @Override
        public byte[] getValue() {
            return value == null ? new byte[0] : value.clone();
        }

        @Override
        public String getStringValue() {
            return value == null ? "" : new String(value, StandardCharsets.UTF_8);
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
}
