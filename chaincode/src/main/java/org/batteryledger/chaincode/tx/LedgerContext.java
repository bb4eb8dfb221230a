package org.batteryledger.chaincode.tx;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The transaction context, with the caller's parsed identity reused across transactions of the
 * same creator. The shim's {@link Context} parses the X.509 certificate and its attributes in
 * its constructor, on every transaction; the same few users send thousands of transactions, so
 * we parse once per creator and copy the result ({@link Object#clone()} copies the immutable
 * {@code ClientIdentity} without running the constructor again). Same bytes in, same identity
 * out: this changes nothing an endorsing peer could observe.
 */
public final class LedgerContext extends Context implements Cloneable {
    /** Bounded so a flood of distinct creators cannot grow the heap; cleared when full. */
    private static final int MAX_CACHED = 4096;
    private static final Map<ByteBuffer, LedgerContext> PROTOTYPES = new ConcurrentHashMap<>();

    private LedgerContext(ChaincodeStub stub) {
        super(stub);
    }

    /** A context for this transaction's stub. */
    public static Context of(ChaincodeStub stub) {
        byte[] creator = stub.getCreator();
        if (creator == null || creator.length == 0) {
            return new Context(stub); // let the shim report the missing creator as it does
        }
        ByteBuffer key = ByteBuffer.wrap(creator.clone());
        LedgerContext prototype = PROTOTYPES.get(key);
        if (prototype == null) {
            prototype = new LedgerContext(stub);
            if (PROTOTYPES.size() >= MAX_CACHED) {
                PROTOTYPES.clear();
            }
            PROTOTYPES.put(key, prototype);
        }
        LedgerContext copy = prototype.copy();
        copy.stub = stub;
        return copy;
    }

    private LedgerContext copy() {
        try {
            return (LedgerContext) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("LedgerContext is Cloneable", e);
        }
    }
}
