package org.batteryledger.chaincode.unit;

import java.util.Optional;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.state.TxState;

/** Vehicles in world state, by VIN. */
public final class Vehicles {
    private final TxState state;

    public Vehicles(TxState state) {
        this.state = state;
    }

    public Optional<Vehicle> find(String vin) {
        byte[] bytes = state.get(Keys.vehicle(vin));
        return bytes == null ? Optional.empty() : Optional.of(Json.read(bytes, Vehicle.class));
    }

    public Vehicle require(String vin) {
        return find(vin).orElseThrow(
                () -> new LedgerException(LedgerError.NOT_FOUND, "vehicle %s has no pack on the ledger", vin));
    }

    public void put(Vehicle v) {
        state.put(Keys.vehicle(v.vin()), Json.bytes(v));
    }
}
