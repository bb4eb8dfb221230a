package org.batteryledger.chaincode.tx;

import java.util.Optional;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.state.TxState;

/**
 * The idempotency record of every accepted write, per participant and client event id. Two
 * concurrent transactions with the same id both read the absent key; the second to commit fails
 * Fabric's MVCC check, and its retry finds the first's record.
 */
final class ClientEvents {
    record Entry(String clientEventId, String requestHash, String txId, String result) {}

    private final TxState state;

    ClientEvents(TxState state) {
        this.state = state;
    }

    Optional<Entry> find(String participantId, String clientEventId) {
        byte[] bytes = state.get(Keys.clientEvent(participantId, clientEventId));
        return bytes == null ? Optional.empty() : Optional.of(Json.read(bytes, Entry.class));
    }

    void put(String participantId, Entry entry) {
        state.put(Keys.clientEvent(participantId, entry.clientEventId()), Json.bytes(entry));
    }
}
