package org.batteryledger.chaincode.testkit;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * A tiny contract that exists only so the test kit can prove routing through the real shim
 * ({@code RouterInvokerTest}, {@code TxRunnerTest}) without depending on the ledger's contracts.
 * It is not {@code @Default}, so it never competes with the real default contract.
 */
@Contract(name = "EchoForTest")
public final class EchoContractForTest implements ContractInterface {

    /** Error code carried as payload by {@link #Fail}. */
    public static final String FAILURE_CODE = "ECHO_FAILED";

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Echo(final Context ctx, final String s) {
        return s;
    }

    /** Returns the caller's MSP id and {@code role} attribute, read by the shim from the creator. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String WhoAmI(final Context ctx) {
        return ctx.getClientIdentity().getMSPID() + "/" + ctx.getClientIdentity().getAttributeValue("role");
    }

    /** Writes then fails, so a caller can check that a rejected transaction leaves no trace. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void Fail(final Context ctx, final String message) {
        ctx.getStub().putStringState("echo-fail", message);
        throw new ChaincodeException(message, FAILURE_CODE);
    }

    /** Stores a value and announces it with an event. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void Put(final Context ctx, final String key, final String value) {
        ctx.getStub().putStringState(key, value);
        ctx.getStub().setEvent("EchoPut", value.getBytes(StandardCharsets.UTF_8));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(final Context ctx, final String key) {
        return ctx.getStub().getStringState(key);
    }
}
