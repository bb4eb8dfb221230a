package org.batteryledger.chaincode.state;

import java.util.HashMap;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * One transaction's view of the world state. Fabric does not let a transaction read its own
 * writes (reads return the committed value), so several steps of one transaction that touch the
 * same key would silently lose updates; this overlay gives our code read-your-writes while every
 * write still goes to the stub, where the peer records it in the write set.
 */
public final class TxState {
    private static final byte[] ABSENT = new byte[0];

    private final ChaincodeStub stub;
    private final Map<String, byte[]> written = new HashMap<>();

    public TxState(ChaincodeStub stub) {
        this.stub = stub;
    }

    public ChaincodeStub stub() {
        return stub;
    }

    /** The value as this transaction sees it, or {@code null} when absent. */
    public byte[] get(String key) {
        byte[] own = written.get(key);
        if (own != null) {
            return own == ABSENT ? null : own;
        }
        byte[] committed = stub.getState(key);
        // The peer answers a missing key with empty bytes, a mock with null.
        return committed == null || committed.length == 0 ? null : committed;
    }

    public boolean exists(String key) {
        return get(key) != null;
    }

    public void put(String key, byte[] value) {
        if (value == null || value.length == 0) {
            // Fabric treats an empty value as a delete; never let that happen by accident.
            throw new IllegalArgumentException("empty value for " + key);
        }
        written.put(key, value);
        stub.putState(key, value);
    }

    public void delete(String key) {
        written.put(key, ABSENT);
        stub.delState(key);
    }

    public boolean hasWrites() {
        return !written.isEmpty();
    }
}
