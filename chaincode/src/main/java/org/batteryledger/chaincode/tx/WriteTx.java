package org.batteryledger.chaincode.tx;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.access.Caller;
import org.batteryledger.chaincode.access.Callers;
import org.batteryledger.chaincode.access.Permissions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.event.LedgerEvent;
import org.batteryledger.chaincode.event.Replayed;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Participants;
import org.batteryledger.chaincode.state.TxState;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The pipeline every write goes through, so contract methods stay one line: parse the request,
 * identify the caller, answer a repeated client event id with its first result, check the role,
 * run the domain step, emit the one event, remember the result.
 *
 * <pre>{@code
 * @Transaction(intent = SUBMIT)
 * public String Ship(Context ctx, String request) {
 *     return WriteTx.run(ctx, Action.SHIP, request, ShipRequest.class, Production::ship);
 * }
 * }</pre>
 */
public final class WriteTx {
    private static final Instant EARLIEST = Instant.parse("2011-01-01T00:00:00Z");

    private WriteTx() {}

    public static <R extends Request> String run(Context ctx, Action action, String requestJson, Class<R> type,
            BiConsumer<TxContext, R> step) {
        return run(ctx, action, requestJson, type, step, WriteTx::registeredCaller);
    }

    /**
     * As {@link #run(Context, Action, String, Class, BiConsumer)} with another way to identify the
     * caller (the registry's bootstrap, whose caller is not registered yet).
     */
    public static <R extends Request> String run(Context ctx, Action action, String requestJson, Class<R> type,
            BiConsumer<TxContext, R> step, Identify<R> identify) {
        R request = Json.request(requestJson, type);
        Violations v = new Violations();
        v.id(request.clientEventId(), "clientEventId");
        request.validate(v);
        v.throwIfAny();

        ChaincodeStub stub = ctx.getStub();
        TxState state = new TxState(stub);
        Participants participants = new Participants(state);
        Caller caller = identify.caller(ctx.getClientIdentity(), participants, request);

        String requestHash = sha256(action.name() + '\n' + Json.string(request));
        ClientEvents clientEvents = new ClientEvents(state);
        Optional<ClientEvents.Entry> earlier = clientEvents.find(caller.participantId(), request.clientEventId());
        if (earlier.isPresent()) {
            return replay(stub, caller, earlier.get(), requestHash);
        }

        Permissions.require(caller, action);
        Instant now = stub.getTxTimestamp();
        Instant occurredAt = occurredAt(request, now);

        TxContext tx = new TxContext(action, stub.getTxId(), now, occurredAt, caller, state, participants);
        step.accept(tx, request);

        LedgerEvent event = tx.event(request.clientEventId());
        stub.setEvent(action.eventName(), Json.bytes(event));
        TxResult result = new TxResult(tx.txId(), action.name(), action.eventName(), request.clientEventId(),
                tx.changedCodes(), now);
        String resultJson = Json.string(result);
        clientEvents.put(caller.participantId(),
                new ClientEvents.Entry(request.clientEventId(), requestHash, tx.txId(), resultJson));
        return resultJson;
    }

    private static String replay(ChaincodeStub stub, Caller caller, ClientEvents.Entry earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new LedgerException(LedgerError.DUPLICATE,
                    "client event id %s was already used by %s for another request (tx %s)", earlier.clientEventId(),
                    caller.participantId(), earlier.txId());
        }
        stub.setEvent(Replayed.NAME,
                Json.bytes(new Replayed(earlier.clientEventId(), caller.participantId(), earlier.txId())));
        return earlier.result();
    }

    private static Instant occurredAt(Request request, Instant now) {
        Instant at = request.occurredAt();
        if (at == null) {
            return now;
        }
        if (at.isAfter(now)) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT,
                    "field 'occurredAt': %s is after the transaction time %s", at, now);
        }
        if (at.isBefore(EARLIEST)) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT,
                    "field 'occurredAt': %s is before 2011, the first year GB/T 34014 codes can carry", at);
        }
        return at;
    }

    private static Caller registeredCaller(ClientIdentity id, Participants participants, Request request) {
        return Callers.identify(id, participants);
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** How a pipeline finds its caller. */
    @FunctionalInterface
    public interface Identify<R> {
        Caller caller(ClientIdentity identity, Participants participants, R request);
    }

}
