package org.batteryledger.chaincode.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.batteryledger.chaincode.testkit.TestIdentities.Identity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.RouterInvoker;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * Drives transactions the way a client's gateway, peer and orderer would, over one {@link
 * InMemoryLedger}.
 *
 * <p>Each submitted transaction gets a fresh stub (fresh txid, the current clock as proposal
 * timestamp, the caller's serialized identity as creator) wrapped in the shim's real {@link
 * Context}, so {@code ctx.getClientIdentity()} parses the certificate exactly as on a network.
 * If the body throws, its writes are discarded and the exception rethrown: on Fabric a failed
 * simulation yields no endorsement and nothing reaches the ledger. Otherwise the writes and the
 * one surviving event are committed.
 *
 * <p>The clock starts at {@link #DEFAULT_START} and moves forward one second per submitted
 * transaction ({@link #setTime}/{@link #advance} change it; the next transaction is stamped with
 * {@link #now()}). Evaluations are stamped with {@link #now()} without moving it. Transaction ids
 * come from the ledger's deterministic sequence.
 *
 * <p>The endorsing peer's MSP ({@code stub.getMspId()}) is by default the caller's own
 * organisation, as a client's gateway endorses first on its own org's peer; {@link
 * #setPeerMspId} pins it. Safe for concurrent use by benchmark threads.
 */
public final class TxRunner {

    /** Where the clock starts. */
    public static final Instant DEFAULT_START = Instant.parse("2026-06-01T08:00:00Z");
    /** How far the clock moves per submitted transaction. */
    public static final Duration STEP = Duration.ofSeconds(1);

    private final InMemoryLedger ledger;
    private Instant clock = DEFAULT_START;
    private volatile String peerMspId;

    /**
     * The outcome of a committed (or, for router calls, rejected) transaction.
     *
     * @param txId the transaction id
     * @param value what the body returned (the chaincode response for router calls)
     * @param eventName the event committed with the transaction, or {@code null}
     * @param eventPayload its payload, or {@code null}
     */
    public record TxResult<T>(String txId, T value, String eventName, byte[] eventPayload) {
        public TxResult {
            eventPayload = eventPayload == null ? null : eventPayload.clone();
        }

        @Override
        public byte[] eventPayload() {
            return eventPayload == null ? null : eventPayload.clone();
        }

        /** The event payload as UTF-8 (our events are JSON), or {@code null} without an event. */
        public String eventPayloadUtf8() {
            return eventPayload == null ? null : new String(eventPayload, StandardCharsets.UTF_8);
        }
    }

    /** A runner over a fresh, empty ledger. */
    public TxRunner() {
        this(new InMemoryLedger());
    }

    /** A runner over an existing ledger (several runners may share one). */
    public TxRunner(InMemoryLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    public InMemoryLedger ledger() {
        return ledger;
    }

    /** The timestamp the next transaction will carry. */
    public synchronized Instant now() {
        return clock;
    }

    public synchronized void setTime(Instant time) {
        clock = Objects.requireNonNull(time, "time");
    }

    public synchronized void advance(Duration duration) {
        clock = clock.plus(duration);
    }

    /** Pins the endorsing peer's MSP; {@code null} restores "the caller's own organisation". */
    public void setPeerMspId(String mspId) {
        this.peerMspId = mspId;
    }

    /** The pinned peer MSP, or {@code null} when the caller's organisation is used. */
    public String peerMspId() {
        return peerMspId;
    }

    // ---------------------------------------------------------------- submit / evaluate a body

    /** Submits: runs the body, commits its writes on success, discards them and rethrows on failure. */
    public <T> TxResult<T> run(Identity caller, Function<Context, T> body) {
        return run(caller, Map.of(), body);
    }

    /** As {@link #run(Identity, Function)}, with transient data in the proposal. */
    public <T> TxResult<T> run(Identity caller, Map<String, byte[]> transientMap, Function<Context, T> body) {
        InMemoryStub stub = newStub(caller, transientMap, List.of(), nextSubmitTime());
        T value;
        try {
            value = body.apply(contextOf(stub));
        } catch (RuntimeException | Error e) {
            stub.discard();
            throw e;
        }
        InMemoryStub.CommittedTx tx = stub.commit();
        return new TxResult<>(tx.txId(), value, tx.eventName(), tx.eventPayload());
    }

    /** Evaluates: runs the body and discards whatever it wrote, like a query that is never submitted. */
    public <T> T evaluate(Identity caller, Function<Context, T> body) {
        return evaluate(caller, Map.of(), body);
    }

    /** As {@link #evaluate(Identity, Function)}, with transient data in the proposal. */
    public <T> T evaluate(Identity caller, Map<String, byte[]> transientMap, Function<Context, T> body) {
        InMemoryStub stub = newStub(caller, transientMap, List.of(), now());
        try {
            return body.apply(contextOf(stub));
        } finally {
            stub.discard();
        }
    }

    // ---------------------------------------------------------------- through the real contract router

    /**
     * Submits {@code function(args)} through the shim's contract router. A response below 400 is
     * committed; otherwise nothing is written (the gateway would see an endorsement failure) and
     * the error response is returned for inspection.
     */
    public TxResult<Chaincode.Response> submit(
            Identity caller, RouterInvoker router, String function, String... args) {
        return submit(caller, router, Map.of(), function, args);
    }

    /** As {@link #submit(Identity, RouterInvoker, String, String...)}, with transient data. */
    public TxResult<Chaincode.Response> submit(
            Identity caller,
            RouterInvoker router,
            Map<String, byte[]> transientMap,
            String function,
            String... args) {
        InMemoryStub stub = newStub(caller, transientMap, InMemoryStub.toArgs(function, args), nextSubmitTime());
        Chaincode.Response response;
        try {
            response = router.invoke(stub);
        } catch (RuntimeException | Error e) {
            stub.discard();
            throw e;
        }
        if (response.getStatusCode() >= Chaincode.Response.Status.ERROR_THRESHOLD.getCode()) {
            stub.discard();
            return new TxResult<>(stub.getTxId(), response, null, null);
        }
        InMemoryStub.CommittedTx tx = stub.commit();
        return new TxResult<>(tx.txId(), response, tx.eventName(), tx.eventPayload());
    }

    /** Evaluates {@code function(args)} through the contract router; writes are discarded. */
    public Chaincode.Response evaluate(Identity caller, RouterInvoker router, String function, String... args) {
        InMemoryStub stub = newStub(caller, Map.of(), InMemoryStub.toArgs(function, args), now());
        try {
            return router.invoke(stub);
        } finally {
            stub.discard();
        }
    }

    /** The context our contracts create for a transaction (see {@code ContractInterface.createContext}). */
    private static Context contextOf(InMemoryStub stub) {
        return org.batteryledger.chaincode.tx.LedgerContext.of(stub);
    }

    // ---------------------------------------------------------------- internals

    private synchronized Instant nextSubmitTime() {
        Instant t = clock;
        clock = clock.plus(STEP);
        return t;
    }

    private InMemoryStub newStub(
            Identity caller, Map<String, byte[]> transientMap, List<byte[]> args, Instant timestamp) {
        Objects.requireNonNull(caller, "caller");
        String peer = peerMspId == null ? caller.mspId() : peerMspId;
        return new InMemoryStub(
                ledger, ledger.nextTxId(), timestamp, caller.serialized(), peer, args, transientMap);
    }
}
