package org.batteryledger.chaincode.testkit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
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
 * One transaction's view of an {@link InMemoryLedger}, behaving like the shim's {@code
 * InvocationStubImpl} talking to a peer's transaction simulator.
 *
 * <p>What it mirrors, because a contract could otherwise pass here and fail on a peer:
 *
 * <ul>
 *   <li>Reads see only committed state, never this transaction's own writes (Fabric has no
 *       read-your-writes); a missing key reads as an empty array, not {@code null}.
 *   <li>Writes are buffered and applied by {@link #commit()}; the last write of a key wins.
 *   <li>Range rules of the shim: empty start becomes U+0001 (simple keys only), empty or
 *       null end is unbounded, range ends are exclusive, partial composite keys scan {@code prefix}
 *       to {@code prefix + U+10FFFF}.
 *   <li>Paginated queries are refused once the transaction wrote, and writes are refused after a
 *       paginated query; likewise for private-data range queries (the peer's txSimulator rules).
 *       The bookmark returned is the next unread key, empty when the range is exhausted.
 *   <li>Only the last {@link #setEvent} of a transaction survives.
 *   <li>A peer outside a collection reads its private values as missing but sees the hash.
 * </ul>
 *
 * <p>Stricter than the peer on purpose: {@code putState} with an empty value throws (the peer would
 * silently record it as a delete, which is never what our contract means). Rich queries throw, as
 * our LevelDB deployment has no CouchDB, and chaincode-to-chaincode calls are not supported.
 *
 * <p>A stub is used by one thread, like a transaction's simulation.
 */
public final class InMemoryStub implements ChaincodeStub {

    /** The channel every stub runs on. */
    public static final String CHANNEL_ID = "batterychannel";
    /** Peer organisation used when none is given. */
    public static final String DEFAULT_PEER_MSP_ID = "PeerMSP";
    /** Chaincode name written into the minimal signed proposal. */
    public static final String CHAINCODE_NAME = "battery";

    private static final String UNSPECIFIED_START_KEY = "\u0001";
    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";

    /** What a commit produced: the transaction id and the one surviving event, if any. */
    public record CommittedTx(String txId, String eventName, byte[] eventPayload) {
        public CommittedTx {
            eventPayload = eventPayload == null ? null : eventPayload.clone();
        }

        @Override
        public byte[] eventPayload() {
            return eventPayload == null ? null : eventPayload.clone();
        }
    }

    private enum Status { OPEN, COMMITTED, DISCARDED }

    private final InMemoryLedger ledger;
    private final String txId;
    private final Instant timestamp;
    private final byte[] creator;
    private final String peerMspId;
    private final List<byte[]> args;
    private final Map<String, byte[]> transientMap;

    private final Map<String, byte[]> stateWrites = new TreeMap<>(InMemoryLedger.KEY_ORDER);
    private final Map<String, byte[]> validationParameterWrites = new TreeMap<>(InMemoryLedger.KEY_ORDER);
    private final Map<String, Map<String, byte[]>> privateWrites = new TreeMap<>();
    private final Map<String, Map<String, byte[]>> privateValidationParameterWrites = new TreeMap<>();
    private ChaincodeEvent event;
    private boolean writePerformed;
    private boolean paginatedQueryPerformed;
    private boolean privateQueryPerformed;
    private Status status = Status.OPEN;

    /**
     * Full constructor.
     *
     * @param ledger the committed world this transaction reads and later commits to
     * @param txId the transaction id (must be unique on the ledger to commit)
     * @param timestamp the proposal timestamp, what {@link #getTxTimestamp()} returns
     * @param creator serialized {@code SerializedIdentity} of the submitter, may be {@code null}
     * @param peerMspId the organisation of the endorsing peer ({@link #getMspId()}); null means {@link #DEFAULT_PEER_MSP_ID}
     * @param args function name followed by its arguments, as the proposal carries them
     * @param transientMap transient data of the proposal; may be {@code null}
     */
    public InMemoryStub(
            InMemoryLedger ledger,
            String txId,
            Instant timestamp,
            byte[] creator,
            String peerMspId,
            List<byte[]> args,
            Map<String, byte[]> transientMap) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.txId = Objects.requireNonNull(txId, "txId");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.creator = creator == null ? null : creator.clone();
        this.peerMspId = peerMspId == null ? DEFAULT_PEER_MSP_ID : peerMspId;
        List<byte[]> argsCopy = new ArrayList<>();
        if (args != null) {
            args.forEach(a -> argsCopy.add(a.clone()));
        }
        this.args = Collections.unmodifiableList(argsCopy);
        Map<String, byte[]> transientCopy = new LinkedHashMap<>();
        if (transientMap != null) {
            transientMap.forEach((k, v) -> transientCopy.put(k, v.clone()));
        }
        this.transientMap = Collections.unmodifiableMap(transientCopy);
    }

    /** Convenience: default peer, no transient data, string arguments. */
    public InMemoryStub(
            InMemoryLedger ledger, String txId, Instant timestamp, byte[] creator, String function, String... params) {
        this(ledger, txId, timestamp, creator, null, toArgs(function, params), null);
    }

    /** Encodes a function name and string parameters as proposal arguments (UTF-8). */
    public static List<byte[]> toArgs(String function, String... params) {
        List<byte[]> out = new ArrayList<>();
        if (function != null) {
            out.add(function.getBytes(StandardCharsets.UTF_8));
        }
        for (String p : params) {
            out.add(p.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    // ---------------------------------------------------------------- transaction lifecycle

    /** Applies the write set, private writes and event to the ledger, once. */
    public CommittedTx commit() {
        if (status != Status.OPEN) {
            throw new IllegalStateException("transaction " + txId + " is already " + status.name().toLowerCase());
        }
        Map<String, Map<String, byte[]>> privateCopy = new LinkedHashMap<>();
        privateWrites.forEach((c, w) -> privateCopy.put(c, InMemoryLedger.copyOf(w)));
        Map<String, Map<String, byte[]>> privateParamsCopy = new LinkedHashMap<>();
        privateValidationParameterWrites.forEach((c, w) -> privateParamsCopy.put(c, InMemoryLedger.copyOf(w)));
        InMemoryLedger.WriteSet ws = new InMemoryLedger.WriteSet(
                txId,
                timestamp,
                InMemoryLedger.copyOf(stateWrites),
                InMemoryLedger.copyOf(validationParameterWrites),
                privateCopy,
                privateParamsCopy,
                event == null ? null : event.getEventName(),
                event == null ? null : event.getPayload().toByteArray());
        CommittedTx result = ledger.commit(ws);
        status = Status.COMMITTED;
        return result;
    }

    /** Drops every buffered write and the event: the transaction never reaches the ledger. */
    public void discard() {
        if (status == Status.COMMITTED) {
            throw new IllegalStateException("transaction " + txId + " is already committed");
        }
        stateWrites.clear();
        validationParameterWrites.clear();
        privateWrites.clear();
        privateValidationParameterWrites.clear();
        event = null;
        status = Status.DISCARDED;
    }

    /** The public write set, in key order; a {@code null} value is a delete. */
    public Map<String, byte[]> writes() {
        return Collections.unmodifiableMap(InMemoryLedger.copyOf(stateWrites));
    }

    /** The private write sets per collection; a {@code null} value is a delete or purge. */
    public Map<String, Map<String, byte[]>> privateWrites() {
        Map<String, Map<String, byte[]>> out = new LinkedHashMap<>();
        privateWrites.forEach((c, w) -> out.put(c, Collections.unmodifiableMap(InMemoryLedger.copyOf(w))));
        return Collections.unmodifiableMap(out);
    }

    /** True while the transaction has written nothing (state, private data or endorsement policies). */
    public boolean readOnly() {
        return !writePerformed;
    }

    // ---------------------------------------------------------------- proposal data

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
        return CHANNEL_ID;
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public byte[] getCreator() {
        return creator == null ? null : creator.clone();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        Map<String, byte[]> out = new HashMap<>();
        transientMap.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** Empty: no real nonce/epoch exists to bind to. */
    @Override
    public byte[] getBinding() {
        return new byte[0];
    }

    /** The endorsing peer's organisation ({@code CORE_PEER_LOCALMSPID} on a real peer). */
    @Override
    public String getMspId() {
        return peerMspId;
    }

    /**
     * A minimal, unsigned proposal carrying the channel header (type, channel, txid, timestamp),
     * the creator and the invocation input. Transient data is left out, as in a committed tx.
     */
    @Override
    public SignedProposal getSignedProposal() {
        Instant ts = timestamp;
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(CHANNEL_ID)
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(ts.getEpochSecond()).setNanos(ts.getNano()))
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(creator == null ? ByteString.EMPTY : ByteString.copyFrom(creator))
                .build();
        Header header = Header.newBuilder()
                .setChannelHeader(channelHeader.toByteString())
                .setSignatureHeader(signatureHeader.toByteString())
                .build();
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        args.forEach(a -> input.addArgs(ByteString.copyFrom(a)));
        ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder().setInput(input))
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

    // ---------------------------------------------------------------- world state

    @Override
    public byte[] getState(String key) {
        byte[] v = ledger.getState(key);
        return v == null ? new byte[0] : v;
    }

    @Override
    public void putState(String key, byte[] value) {
        validateKey(key);
        validateValue(value);
        checkWritePrecondition();
        stateWrites.put(key, value.clone());
    }

    @Override
    public void delState(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        checkWritePrecondition();
        stateWrites.put(key, null);
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        return ledger.getValidationParameter(key);
    }

    /** Stored with the key at commit; ignored if the key does not exist then (as Fabric does). */
    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        validateKey(key);
        Objects.requireNonNull(value, "value cannot be null");
        checkWritePrecondition();
        validationParameterWrites.put(key, value.clone());
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        String[] range = simpleRange(startKey, endKey);
        checkOpen();
        return new Results<>(ledger.scanState(range[0], range[1]));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        String[] range = simpleRange(startKey, endKey);
        return paginate(range[0], range[1], pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        CompositeKey key = compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey)
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
        return new Results<>(ledger.scanState(prefix, prefix + MAX_UNICODE_RUNE));
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
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark) {
        throw richQueryUnsupported();
    }

    /** Committed versions of the key, newest first (Fabric 2.x order). */
    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        checkOpen();
        return new Results<>(ledger.history(key));
    }

    // ---------------------------------------------------------------- private data

    @Override
    public byte[] getPrivateData(String collection, String key) {
        validateCollection(collection);
        if (!ledger.peerHoldsCollection(collection, peerMspId)) {
            // A non-member peer has only the hash; the value is simply not there.
            return new byte[0];
        }
        byte[] v = ledger.getPrivateData(collection, key);
        return v == null ? new byte[0] : v;
    }

    /** SHA-256 of the committed value; every peer has it, member of the collection or not. */
    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        validateCollection(collection);
        byte[] h = ledger.getPrivateDataHash(collection, key);
        return h == null ? new byte[0] : h;
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        validateCollection(collection);
        return ledger.getPrivateValidationParameter(collection, key);
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        validateKey(key);
        validateCollection(collection);
        validateValue(value);
        checkWritePrecondition();
        privateWrites.computeIfAbsent(collection, c -> new TreeMap<>(InMemoryLedger.KEY_ORDER)).put(key, value.clone());
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        validateKey(key);
        validateCollection(collection);
        Objects.requireNonNull(value, "value cannot be null");
        checkWritePrecondition();
        privateValidationParameterWrites
                .computeIfAbsent(collection, c -> new TreeMap<>(InMemoryLedger.KEY_ORDER))
                .put(key, value.clone());
    }

    @Override
    public void delPrivateData(String collection, String key) {
        validateCollection(collection);
        Objects.requireNonNull(key, "key cannot be null");
        checkWritePrecondition();
        privateWrites.computeIfAbsent(collection, c -> new TreeMap<>(InMemoryLedger.KEY_ORDER)).put(key, null);
    }

    /** Removes value and hash, like a delete; there is no private history here to purge further. */
    @Override
    public void purgePrivateData(String collection, String key) {
        delPrivateData(collection, key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        validateCollection(collection);
        String[] range = simpleRange(startKey, endKey);
        return privateScan(collection, range[0], range[1]);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        CompositeKey key;
        if (compositeKey == null) {
            key = new CompositeKey("");
        } else if (compositeKey.startsWith(CompositeKey.NAMESPACE)) {
            key = CompositeKey.parseCompositeKey(compositeKey);
        } else {
            key = new CompositeKey(compositeKey);
        }
        return getPrivateDataByPartialCompositeKey(collection, key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, CompositeKey compositeKey) {
        validateCollection(collection);
        String prefix = prefixOf(compositeKey);
        return privateScan(collection, prefix, prefix + MAX_UNICODE_RUNE);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        return getPrivateDataByPartialCompositeKey(collection, new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw richQueryUnsupported();
    }

    // ---------------------------------------------------------------- events and other chaincode

    /** Replaces any earlier event of this transaction: Fabric keeps only the last one. */
    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        checkOpen();
        ChaincodeEvent.Builder b = ChaincodeEvent.newBuilder().setEventName(name);
        if (payload != null) {
            b.setPayload(ByteString.copyFrom(payload));
        }
        event = b.build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    @Override
    public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw new UnsupportedOperationException("chaincode-to-chaincode invocation is not supported by the test ledger");
    }

    // ---------------------------------------------------------------- internals

    private QueryResultsIteratorWithMetadata<KeyValue> paginate(
            String startKey, String endKey, int pageSize, String bookmark) {
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
        List<KeyValue> all = ledger.scanState(from, endKey);
        // pageSize 0 means no limit on a peer's LevelDB scanner.
        int limit = pageSize == 0 ? all.size() : Math.min(pageSize, all.size());
        List<KeyValue> page = new ArrayList<>(all.subList(0, limit));
        String next = limit < all.size() ? all.get(limit).getKey() : "";
        QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(page.size())
                .setBookmark(next)
                .build();
        return new PagedResults(page, metadata);
    }

    private QueryResultsIterator<KeyValue> privateScan(String collection, String startKey, String endKey) {
        checkOpen();
        if (writePerformed) {
            throw new UnsupportedOperationException(
                    "queries on private data are only supported in read-only transactions");
        }
        privateQueryPerformed = true;
        if (!ledger.peerHoldsCollection(collection, peerMspId)) {
            return new Results<>(List.of());
        }
        return new Results<>(ledger.scanPrivateData(collection, startKey, endKey));
    }

    private static String[] simpleRange(String startKey, String endKey) {
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return new String[] {start, end};
    }

    private static String prefixOf(CompositeKey compositeKey) {
        return compositeKey == null
                ? new CompositeKey(UNSPECIFIED_START_KEY).toString()
                : compositeKey.toString();
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
        if (status != Status.OPEN) {
            throw new IllegalStateException("transaction " + txId + " is already " + status.name().toLowerCase());
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

    /** Results over a snapshot taken at query time. */
    private static class Results<T> implements QueryResultsIterator<T> {
        private final List<T> items;

        Results(List<T> items) {
            this.items = List.copyOf(items);
        }

        @Override
        public Iterator<T> iterator() {
            return items.iterator();
        }

        @Override
        public void close() {
            // nothing to release: the snapshot is in memory
        }
    }

    /** A page plus the peer's response metadata. */
    private static final class PagedResults extends Results<KeyValue>
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
}
