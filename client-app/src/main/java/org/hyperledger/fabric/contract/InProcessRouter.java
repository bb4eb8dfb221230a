package org.hyperledger.fabric.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The shim's own {@link ContractRouter}, driven in-process by the embedded ledger as a peer's
 * chaincode process would be driven: the same contract discovery, argument parsing, {@code
 * @DataType} serialization, default and named contract routing and error-to-response mapping as
 * the deployed chaincode, so the contracts run unchanged.
 *
 * <p>Lives in the shim's package (a split package, on purpose, like the chaincode test kit's
 * {@code RouterInvoker}) because {@code findAllContracts()}, {@code getRoutingRegistry()} and
 * {@code getTypeRegistry()} are package-private in shim 2.5.10. That is internal API: the shim
 * version is pinned in the parent POM. Classes in a Spring Boot jar and the shim's jar share a
 * class loader, so the package-private access works there too.
 *
 * <p>Construction scans the whole classpath for {@code @Contract} classes and validates the
 * generated metadata, as chaincode start-up does; that takes seconds, so there is one instance per
 * JVM, created on first use ({@link #shared()}). {@link #invoke} is safe from many threads, as the
 * shim's own executor pool calls it.
 *
 * <p>The router's constructor reconfigures {@code java.util.logging} for a stand-alone chaincode
 * process (formats and levels of the root handlers, a system property). That is undone here, and
 * the router's per-call INFO logging is lowered to WARNING unless {@code
 * CORE_CHAINCODE_LOGGING_LEVEL} / {@code CORE_CHAINCODE_LOGGING_SHIM} say otherwise.
 */
public final class InProcessRouter {

    /** Chaincode id passed as {@code -i}; only used for the router's logging. */
    public static final String CHAINCODE_ID = "battery:1";

    private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    /** Held strongly, so the levels set on them stick. */
    private static final List<Logger> QUIETED = new ArrayList<>();
    private static volatile InProcessRouter shared;

    private final ContractRouter router;

    private InProcessRouter() {
        Logger root = Logger.getLogger("");
        Handler[] handlers = root.getHandlers();
        Level[] levels = new Level[handlers.length];
        Formatter[] formatters = new Formatter[handlers.length];
        for (int i = 0; i < handlers.length; i++) {
            levels[i] = handlers[i].getLevel();
            formatters[i] = handlers[i].getFormatter();
        }
        Level rootLevel = root.getLevel();
        String format = System.getProperty(FORMAT_PROPERTY);
        try {
            router = new ContractRouter(new String[] {"-i", CHAINCODE_ID});
        } finally {
            for (int i = 0; i < handlers.length; i++) {
                handlers[i].setLevel(levels[i]);
                if (formatters[i] != null) {
                    handlers[i].setFormatter(formatters[i]);
                }
            }
            root.setLevel(rootLevel);
            if (format == null) {
                System.clearProperty(FORMAT_PROPERTY);
            } else {
                System.setProperty(FORMAT_PROPERTY, format);
            }
        }
        quiet("org.hyperledger.fabric.contract", "CORE_CHAINCODE_LOGGING_LEVEL");
        quiet("org.hyperledger.fabric.shim", "CORE_CHAINCODE_LOGGING_SHIM");
        quiet("org.hyperledger.fabric.metrics", "CORE_CHAINCODE_LOGGING_SHIM");
        quiet("org.hyperledger.fabric.traces", "CORE_CHAINCODE_LOGGING_SHIM");
        router.findAllContracts();
        // As at chaincode start-up: an invalid contract fails here, not on its first call.
        MetadataBuilder.initialize(router.getRoutingRegistry(), router.getTypeRegistry());
    }

    private static void quiet(String loggerName, String env) {
        if (System.getenv(env) == null) {
            Logger logger = Logger.getLogger(loggerName);
            logger.setLevel(Level.WARNING);
            synchronized (QUIETED) {
                QUIETED.add(logger);
            }
        }
    }

    /** The one router of this JVM, built on first use (the classpath does not change at run time). */
    public static InProcessRouter shared() {
        InProcessRouter r = shared;
        if (r == null) {
            synchronized (InProcessRouter.class) {
                r = shared;
                if (r == null) {
                    r = new InProcessRouter();
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
