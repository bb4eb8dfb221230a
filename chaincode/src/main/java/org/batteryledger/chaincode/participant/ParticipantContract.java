package org.batteryledger.chaincode.participant;

import java.util.ArrayList;
import java.util.List;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.access.Caller;
import org.batteryledger.chaincode.access.CallerAttributes;
import org.batteryledger.chaincode.access.Callers;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.query.Page;
import org.batteryledger.chaincode.query.Scans;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.state.TxState;
import org.batteryledger.chaincode.tx.WriteTx;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.batteryledger.chaincode.tx.LedgerContract;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/**
 * The participant registry kept by the regulator. Writes take one JSON request and return a
 * {@link org.batteryledger.chaincode.tx.TxResult}; reads return JSON. Errors are
 * {@link LedgerException}s with a {@link LedgerError} code.
 */
@Contract(name = "Participants", info = @Info(title = "Participant registry", version = "1.0"))
public final class ParticipantContract implements LedgerContract {

    /** The first regulator registers itself, once, while the registry is empty. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Bootstrap(Context ctx, String request) {
        return WriteTx.run(ctx, Action.BOOTSTRAP, request, ParticipantRequests.Register.class, Registry::bootstrap,
                ParticipantContract::selfDeclaredRegulator);
    }

    /** Adds a company (FORBIDDEN unless a regulator; DUPLICATE for a known id or an owned prefix). */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterParticipant(Context ctx, String request) {
        return WriteTx.run(ctx, Action.REGISTER_PARTICIPANT, request, ParticipantRequests.Register.class,
                Registry::register);
    }

    /** Replaces name, roles, MSP id and manufacturer prefixes. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String UpdateParticipant(Context ctx, String request) {
        return WriteTx.run(ctx, Action.UPDATE_PARTICIPANT, request, ParticipantRequests.Update.class,
                Registry::update);
    }

    /** Adds or renews a certification (white-list entry, hazardous-waste licence, collection-point filing). */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String CertifyParticipant(Context ctx, String request) {
        return WriteTx.run(ctx, Action.CERTIFY_PARTICIPANT, request, ParticipantRequests.Certify.class,
                Registry::certify);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String SuspendParticipant(Context ctx, String request) {
        return WriteTx.run(ctx, Action.SUSPEND_PARTICIPANT, request, ParticipantRequests.Standing.class,
                Registry::suspend);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String ReinstateParticipant(Context ctx, String request) {
        return WriteTx.run(ctx, Action.REINSTATE_PARTICIPANT, request, ParticipantRequests.Standing.class,
                Registry::reinstate);
    }

    /** Revocation is final. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RevokeParticipant(Context ctx, String request) {
        return WriteTx.run(ctx, Action.REVOKE_PARTICIPANT, request, ParticipantRequests.Standing.class,
                Registry::revoke);
    }

    /** A registry entry (public: the white-list and company roles are published by MIIT). NOT_FOUND if absent. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetParticipant(Context ctx, String participantId) {
        return Json.string(new Participants(new TxState(ctx.getStub())).require(participantId));
    }

    /** The company a GB/T 34014 manufacturer code is assigned to. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetPrefixOwner(Context ctx, String manufacturerCode) {
        return new Participants(new TxState(ctx.getStub())).ownerOfPrefix(manufacturerCode)
                .map(id -> Json.string(java.util.Map.of("manufacturerCode", manufacturerCode, "participant", id)))
                .orElseThrow(() -> new LedgerException(LedgerError.NOT_FOUND,
                        "manufacturer code %s is not assigned", manufacturerCode));
    }

    /** All registry entries, a page at a time. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListParticipants(Context ctx, int pageSize, String bookmark) {
        Scans.Keys keys = Scans.scan(ctx.getStub(), pageSize, bookmark, Keys.PARTICIPANT);
        List<Participant> items = new ArrayList<>();
        for (KeyValue kv : keys.entries()) {
            items.add(Json.read(kv.getValue(), Participant.class));
        }
        return Json.string(new Page<>(items, keys.bookmark(), items.size()));
    }

    /** Who the caller is, as the ledger sees it: for clients to check their identity set-up. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String WhoAmI(Context ctx) {
        Caller caller = Callers.identify(ctx.getClientIdentity(), new Participants(new TxState(ctx.getStub())));
        return Json.string(java.util.Map.of("participant", caller.participantId(), "role", caller.role().name(),
                "mspId", caller.mspId(), "status", caller.participant().status().name()));
    }

    private static Caller selfDeclaredRegulator(ClientIdentity id, Participants ps,
            ParticipantRequests.Register req) {
        ParticipantInput in = req.participant();
        String claimed = id.getAttributeValue(CallerAttributes.PARTICIPANT);
        String role = id.getAttributeValue(CallerAttributes.ROLE);
        if (!in.id().equals(claimed) || !Role.REGULATOR.name().equals(role) || !in.mspId().equals(id.getMSPID())) {
            throw new LedgerException(LedgerError.FORBIDDEN,
                    "bootstrap needs a certificate of %s with participant=%s and role=REGULATOR", in.mspId(), in.id());
        }
        Participant self = ps.find(in.id()).orElseGet(() -> new Participant(in.id(), in.name(), in.roles(),
                in.mspId(), in.prefixes(), in.certifications(), ParticipantStatus.ACTIVE, null, null, null));
        return new Caller(id.getMSPID(), id.getAttributeValue(CallerAttributes.ENROLLMENT_ID), Role.REGULATOR, self);
    }
}
