package org.batteryledger.chaincode.recycledcontent;

import java.util.Optional;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.state.TxState;

/**
 * Where declarations live: one key per (maker, model, plant, year), the year zero-padded so a
 * partial-key scan of a maker's model lists its plants and years in order.
 */
public final class RecycledContentDeclarations {
    public static final String TYPE = "recycledcontent";

    private final TxState state;

    public RecycledContentDeclarations(TxState state) {
        this.state = state;
    }

    public static String key(String maker, String model, String plant, int year) {
        return Keys.of(TYPE, maker, model, plant, String.format(java.util.Locale.ROOT, "%04d", year));
    }

    public Optional<RecycledContentDeclaration> find(String maker, String model, String plant, int year) {
        byte[] bytes = state.get(key(maker, model, plant, year));
        return bytes == null ? Optional.empty() : Optional.of(Json.read(bytes, RecycledContentDeclaration.class));
    }

    public void put(RecycledContentDeclaration d) {
        state.put(key(d.maker(), d.model(), d.plant(), d.year()), Json.bytes(d));
    }
}
