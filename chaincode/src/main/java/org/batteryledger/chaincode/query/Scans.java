package org.batteryledger.chaincode.query;

import java.util.ArrayList;
import java.util.List;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * Paginated partial-key scans. The peer supports pagination only in read-only transactions,
 * so these are for EVALUATE transactions.
 */
public final class Scans {
    /** The largest page a listing returns; larger requests are refused, not silently cut. */
    public static final int MAX_PAGE_SIZE = 1000;
    public static final int DEFAULT_PAGE_SIZE = 100;

    private Scans() {}

    public record Keys(List<KeyValue> entries, String bookmark) {}

    public static Keys scan(ChaincodeStub stub, int pageSize, String bookmark, String type, String... attributes) {
        int size = pageSize(pageSize);
        List<KeyValue> entries = new ArrayList<>();
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> it = stub.getStateByPartialCompositeKeyWithPagination(
                new CompositeKey(type, attributes), size, bookmark == null ? "" : bookmark)) {
            for (KeyValue kv : it) {
                entries.add(kv);
            }
            next = it.getMetadata() == null ? "" : it.getMetadata().getBookmark();
        } catch (Exception e) {
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("closing a query iterator failed", e);
        }
        // A short page is the last one, whatever the peer's bookmark says.
        return new Keys(entries, entries.size() < size ? "" : next);
    }

    public static int pageSize(int requested) {
        if (requested <= 0) {
            return DEFAULT_PAGE_SIZE;
        }
        if (requested > MAX_PAGE_SIZE) {
            throw new LedgerException(LedgerError.LIMIT_EXCEEDED, "a page holds at most %d entries, not %d",
                    MAX_PAGE_SIZE, requested);
        }
        return requested;
    }
}
