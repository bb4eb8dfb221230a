package org.batteryledger.chaincode.participant;

import java.util.Optional;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.state.TxState;

/** The registry in world state: participants by id, and each manufacturer prefix's owner. */
public final class Participants {
    private final TxState state;

    public Participants(TxState state) {
        this.state = state;
    }

    public Optional<Participant> find(String id) {
        byte[] bytes = state.get(Keys.participant(id));
        return bytes == null ? Optional.empty() : Optional.of(Json.read(bytes, Participant.class));
    }

    public Participant require(String id) {
        return find(id).orElseThrow(
                () -> new LedgerException(LedgerError.NOT_FOUND, "participant %s is not registered", id));
    }

    public Optional<String> ownerOfPrefix(String manufacturerCode) {
        byte[] bytes = state.get(Keys.prefix(manufacturerCode));
        return bytes == null ? Optional.empty() : Optional.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    public boolean isBootstrapped() {
        return state.exists(Keys.of(Keys.BOOTSTRAP));
    }

    void markBootstrapped(String regulatorId) {
        state.put(Keys.of(Keys.BOOTSTRAP), regulatorId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Stores the entry and keeps the prefix → owner index in step with its prefixes. */
    void put(Participant before, Participant after) {
        if (before != null) {
            for (String p : before.prefixes()) {
                if (!after.prefixes().contains(p)) {
                    state.delete(Keys.prefix(p));
                }
            }
        }
        for (String p : after.prefixes()) {
            if (before == null || !before.prefixes().contains(p)) {
                state.put(Keys.prefix(p), after.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        state.put(Keys.participant(after.id()), Json.bytes(after));
    }
}
