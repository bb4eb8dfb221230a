package org.batteryledger.benchmarks.fabric.baseline;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The benchmarks' baseline chaincode: the least a Java contract can do per write (one read to
 * refuse a duplicate, one put, one event), run by the same shim and packaged the same CCaaS way
 * as the battery chaincode ({@code benchmarks/target/baseline-chaincode.jar}, main {@code
 * ContractRouter}). The battery chaincode's throughput is reported as a share of this one's.
 */
@Contract(name = "Baseline", info = @Info(title = "Create-only baseline", version = "1.0"))
@Default
public final class CreateOnlyContract implements ContractInterface {

    /** Stores {@code value} under {@code key} once; a second create of the key is refused. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Create(Context ctx, String key, String value) {
        byte[] existing = ctx.getStub().getState(key);
        if (existing != null && existing.length > 0) {
            throw new ChaincodeException("DUPLICATE: " + key + " exists", "DUPLICATE");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ctx.getStub().putState(key, bytes);
        ctx.getStub().setEvent("Created", key.getBytes(StandardCharsets.UTF_8));
        return key;
    }
}
