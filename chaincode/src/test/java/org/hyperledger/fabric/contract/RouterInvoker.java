package org.hyperledger.fabric.contract;

import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Invokes transactions through the shim's real {@link ContractRouter}, in process and without a
 * peer: the same contract discovery, argument parsing, {@code @DataType} serialization, default and
 * named contract routing and error-to-response mapping as the deployed chaincode.
 *
 * <p>Lives in the shim's package (a split package, test sources only) because {@code
 * findAllContracts()}, {@code getRoutingRegistry()} and {@code getTypeRegistry()} are
 * package-private in shim 2.5.10. That is internal API, so the shim version is pinned.
 *
 * <p>Construction scans the whole classpath for {@code @Contract} classes and validates the
 * generated metadata (as chaincode start-up does), which takes a while: share an instance via
 * {@link #shared()} where possible. {@link #invoke} may be called from several threads, as the
 * shim's own executor pool does.
 */
public final class RouterInvoker {

    /** Chaincode id passed as {@code -i}; only used for the router's logging. */
    public static final String CHAINCODE_ID = "battery:1";

    private static volatile RouterInvoker shared;

    private final ContractRouter router;

    /** Builds a router over every contract on the classpath, as {@code ContractRouter.main} does. */
    public RouterInvoker() {
        router = new ContractRouter(new String[] {"-i", CHAINCODE_ID});
        router.findAllContracts();
        // Metadata is built (and schema-validated) at start-up on a real chaincode; an invalid
        // contract should fail here as it would fail to start there.
        MetadataBuilder.initialize(router.getRoutingRegistry(), router.getTypeRegistry());
    }

    /** One router per JVM, built on first use; the classpath does not change during a test run. */
    public static RouterInvoker shared() {
        RouterInvoker r = shared;
        if (r == null) {
            synchronized (RouterInvoker.class) {
                r = shared;
                if (r == null) {
                    r = new RouterInvoker();
                    shared = r;
                }
            }
        }
        return r;
    }

    /**
     * Routes one invocation. {@code stub.getArgs().get(0)} names the transaction ({@code
     * "Contract:Tx"} or a transaction of the default contract); the rest are its arguments.
     */
    public Chaincode.Response invoke(ChaincodeStub stub) {
        return router.invoke(stub);
    }

    /** The contract metadata JSON, as {@code org.hyperledger.fabric:GetMetadata} returns it. */
    public String metadata() {
        return MetadataBuilder.getMetadata();
    }
}
