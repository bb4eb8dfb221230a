package org.batteryledger.app.ledger.embedded;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A test-only contract that exercises the embedded ledger's stub through the real router: raw
 * state, ranges, pagination, history, private data and events. Not {@code @Default}; keys it
 * prints have U+0000 shown as {@code |}.
 */
@Contract(name = "EmbeddedProbe")
public final class ProbeContractForTest implements ContractInterface {

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void Put(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void PutComposite(Context ctx, String type, String attribute, String value) {
        ChaincodeStub stub = ctx.getStub();
        stub.putStringState(stub.createCompositeKey(type, attribute).toString(), value);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void Delete(Context ctx, String key) {
        ctx.getStub().delState(key);
    }

    /** Writes, then reads the key back: Fabric returns the committed value, not this write. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String PutThenGet(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        return "[" + ctx.getStub().getStringState(key) + "]";
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String key) {
        return "[" + ctx.getStub().getStringState(key) + "]";
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Range(Context ctx, String start, String end) throws Exception {
        try (QueryResultsIterator<KeyValue> it = ctx.getStub().getStateByRange(start, end)) {
            return keys(it);
        }
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Partial(Context ctx, String type) throws Exception {
        try (QueryResultsIterator<KeyValue> it = ctx.getStub().getStateByPartialCompositeKey(type)) {
            return keys(it);
        }
    }

    /** One page of a simple-key range: {@code keys/bookmark/fetched}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Page(Context ctx, String start, String end, int pageSize, String bookmark) throws Exception {
        try (QueryResultsIteratorWithMetadata<KeyValue> it = ctx.getStub().getStateByRangeWithPagination(start, end,
                pageSize, bookmark)) {
            String keys = keys(it);
            return keys + "/" + it.getMetadata().getBookmark() + "/" + it.getMetadata().getFetchedRecordsCount();
        }
    }

    /** A paginated query and then a write: the peer refuses the write. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void PageThenWrite(Context ctx, String key) throws Exception {
        try (QueryResultsIteratorWithMetadata<KeyValue> it = ctx.getStub().getStateByRangeWithPagination("", "", 10,
                "")) {
            keys(it);
        }
        ctx.getStub().putStringState(key, "x");
    }

    /** Reads a range, then writes {@code key}: a phantom appearing in the range invalidates it. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RangeThenWrite(Context ctx, String start, String end, String key) throws Exception {
        String seen;
        try (QueryResultsIterator<KeyValue> it = ctx.getStub().getStateByRange(start, end)) {
            seen = keys(it);
        }
        ctx.getStub().putStringState(key, seen.isEmpty() ? "-" : seen);
        return seen;
    }

    /** {@code txId deleted value} per version, newest first, separated by {@code ;}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String History(Context ctx, String key) throws Exception {
        List<String> out = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> it = ctx.getStub().getHistoryForKey(key)) {
            for (KeyModification m : it) {
                out.add(m.getTxId() + " " + m.isDeleted() + " " + m.getStringValue());
            }
        }
        return String.join(";", out);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void PutPrivate(Context ctx, String collection, String key, String value) {
        ctx.getStub().putPrivateData(collection, key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void DeletePrivate(Context ctx, String collection, String key) {
        ctx.getStub().delPrivateData(collection, key);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetPrivate(Context ctx, String collection, String key) {
        return "[" + new String(ctx.getStub().getPrivateData(collection, key), StandardCharsets.UTF_8) + "]";
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetPrivateHash(Context ctx, String collection, String key) {
        return HexFormat.of().formatHex(ctx.getStub().getPrivateDataHash(collection, key));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String PrivateRange(Context ctx, String collection, String start, String end) throws Exception {
        try (QueryResultsIterator<KeyValue> it = ctx.getStub().getPrivateDataByRange(collection, start, end)) {
            return keys(it);
        }
    }

    /** Sets two events: only the last survives. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void TwoEvents(Context ctx, String first, String second) {
        ctx.getStub().setEvent(first, first.getBytes(StandardCharsets.UTF_8));
        ctx.getStub().setEvent(second, second.getBytes(StandardCharsets.UTF_8));
    }

    /** What the proposal says: {@code txId|channel|mspId|timestamp|creator MSP}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Proposal(Context ctx) {
        ChaincodeStub s = ctx.getStub();
        return s.getTxId() + "|" + s.getChannelId() + "|" + s.getMspId() + "|" + s.getTxTimestamp() + "|"
                + ctx.getClientIdentity().getMSPID();
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void SetPolicy(Context ctx, String key, String policy) {
        ctx.getStub().setStateValidationParameter(key, policy.getBytes(StandardCharsets.UTF_8));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void PutWithPolicy(Context ctx, String key, String value, String policy) {
        ctx.getStub().putStringState(key, value);
        ctx.getStub().setStateValidationParameter(key, policy.getBytes(StandardCharsets.UTF_8));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetPolicy(Context ctx, String key) {
        byte[] p = ctx.getStub().getStateValidationParameter(key);
        return "[" + (p == null ? "null" : new String(p, StandardCharsets.UTF_8)) + "]";
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Rich(Context ctx) {
        ctx.getStub().getQueryResult("{}");
        return "";
    }

    private static String keys(Iterable<KeyValue> it) {
        List<String> keys = new ArrayList<>();
        for (KeyValue kv : it) {
            keys.add(kv.getKey().replace('\u0000', '|'));
        }
        return String.join(",", keys);
    }
}
