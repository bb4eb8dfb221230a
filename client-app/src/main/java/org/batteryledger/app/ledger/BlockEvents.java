package org.batteryledger.app.ledger;

import java.util.List;

/** The chaincode events of one committed block, in transaction order (may be empty). */
public record BlockEvents(long blockNumber, List<ChaincodeEvent> events) {
    public BlockEvents {
        events = List.copyOf(events);
    }
}
