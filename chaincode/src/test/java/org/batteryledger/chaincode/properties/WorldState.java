package org.batteryledger.chaincode.properties;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.recycling.RecyclingBatch;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.Vehicle;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * The committed world state at one moment, raw (every key and its bytes) and decoded (units,
 * vehicles, recycling batches, registered participant ids).
 */
final class WorldState {
    final NavigableMap<String, byte[]> raw;
    final Map<String, BatteryUnit> units = new TreeMap<>();
    final Map<String, byte[]> unitBytes = new TreeMap<>();
    final Map<String, Vehicle> vehicles = new TreeMap<>();
    final Map<String, RecyclingBatch> batches = new TreeMap<>();
    final Set<String> participants = new TreeSet<>();

    WorldState(NavigableMap<String, byte[]> raw) {
        this.raw = raw;
        for (var e : raw.entrySet()) {
            String key = e.getKey();
            if (key.isEmpty() || key.charAt(0) != CompositeKey.NAMESPACE.charAt(0)) {
                continue;
            }
            CompositeKey ck = CompositeKey.parseCompositeKey(key);
            String type = ck.getObjectType();
            String first = ck.getAttributes().isEmpty() ? null : ck.getAttributes().get(0);
            switch (type) {
                case Keys.UNIT -> {
                    BatteryUnit u = Json.read(e.getValue(), BatteryUnit.class);
                    units.put(first, u);
                    unitBytes.put(first, e.getValue());
                }
                case Keys.VEHICLE -> vehicles.put(first, Json.read(e.getValue(), Vehicle.class));
                case Keys.BATCH -> batches.put(first, Json.read(e.getValue(), RecyclingBatch.class));
                case Keys.PARTICIPANT -> participants.add(first);
                default -> {
                    // indexes, prefixes, client events: compared as raw bytes only
                }
            }
        }
    }

    BatteryUnit unit(String code) {
        return units.get(code);
    }

    /** Keys (in either state) whose presence or bytes differ. */
    static Set<String> differingKeys(WorldState a, WorldState b) {
        Set<String> out = new TreeSet<>();
        Set<String> all = new TreeSet<>(a.raw.keySet());
        all.addAll(b.raw.keySet());
        for (String k : all) {
            byte[] x = a.raw.get(k);
            byte[] y = b.raw.get(k);
            if (x == null || y == null || !Arrays.equals(x, y)) {
                out.add(k.replace('\u0000', '|'));
            }
        }
        return out;
    }
}
