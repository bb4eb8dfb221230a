package org.batteryledger.chaincode.custody;

import java.time.Instant;
import java.util.List;
import org.batteryledger.chaincode.lifecycle.UnitRequests;
import org.batteryledger.chaincode.tx.Request;
import org.batteryledger.chaincode.tx.Violations;

/** Requests of the two-step handover. One request may move a whole truckload of units. */
public final class HandoverRequests {
    private HandoverRequests() {}

    /** The holder offers units to a named receiver. Commercial terms travel in the transient map. */
    public record Offer(String clientEventId, Instant occurredAt, List<String> codes, String to) implements Request {
        @Override
        public void validate(Violations v) {
            validateCodes(v, codes);
            v.required(to, "to");
        }
    }

    /** The named receiver accepts, rejects (with a reason), or the holder cancels. */
    public record Answer(String clientEventId, Instant occurredAt, List<String> codes, String reason)
            implements Request {
        @Override
        public void validate(Violations v) {
            validateCodes(v, codes);
            v.text(reason, 500, "reason");
        }
    }

    /** Commercial terms, kept in the parties' private data collections with only their hash on the ledger. */
    public record Commercial(Long priceMinor, String currency, String contractRef) {}

    static void validateCodes(Violations v, List<String> codes) {
        v.notEmpty(codes, "codes");
        v.maxSize(codes, UnitRequests.MAX_UNITS_PER_TX, "codes");
        v.check(codes == null || codes.stream().distinct().count() == codes.size(), "codes", "lists a code twice");
        v.noNulls(codes, "codes");
    }
}
