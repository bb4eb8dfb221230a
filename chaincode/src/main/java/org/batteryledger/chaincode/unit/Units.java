package org.batteryledger.chaincode.unit;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.state.TxState;

/**
 * Units in world state, with their composite-key indexes kept in step: by holder, status and
 * responsible party (free-standing units only: a unit inside a pack is reached through the
 * pack), by pending receiver, and by VIN (every pack ever bound, never removed: the 车电对应
 * history).
 */
public final class Units {
    private final TxState state;

    public Units(TxState state) {
        this.state = state;
    }

    public Optional<BatteryUnit> find(String code) {
        byte[] bytes = state.get(Keys.unit(code));
        return bytes == null ? Optional.empty() : Optional.of(Json.read(bytes, BatteryUnit.class));
    }

    public BatteryUnit require(String code) {
        return find(code).orElseThrow(
                () -> new LedgerException(LedgerError.NOT_FOUND, "unit %s is not registered", code));
    }

    public boolean exists(String code) {
        return state.exists(Keys.unit(code));
    }

    /** Writes the new version and moves its index entries; {@code before} is null for a new unit. */
    public void put(BatteryUnit before, BatteryUnit after) {
        Set<String> old = before == null ? Set.of() : indexKeys(before);
        Set<String> now = indexKeys(after);
        for (String k : old) {
            if (!now.contains(k)) {
                state.delete(k);
            }
        }
        for (String k : now) {
            if (!old.contains(k)) {
                state.put(k, Keys.MARK);
            }
        }
        if (after.vin() != null && (before == null || !after.vin().equals(before.vin()))) {
            state.put(Keys.of(Keys.BY_VIN, after.vin(), after.code()), Keys.MARK);
        }
        state.put(Keys.unit(after.code()), Json.bytes(after));
    }

    static Set<String> indexKeys(BatteryUnit u) {
        Set<String> keys = new HashSet<>();
        if (!u.isContained()) {
            keys.add(Keys.of(Keys.BY_HOLDER, u.holder(), u.code()));
            keys.add(Keys.of(Keys.BY_STATUS, u.status().name(), u.code()));
            keys.add(Keys.of(Keys.BY_RESPONSIBLE, u.responsible(), u.code()));
        }
        if (u.pendingHandover() != null) {
            keys.add(Keys.of(Keys.BY_RECEIVER, u.pendingHandover().to(), u.code()));
        }
        return keys;
    }
}
