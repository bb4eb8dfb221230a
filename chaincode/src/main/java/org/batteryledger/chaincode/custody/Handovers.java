package org.batteryledger.chaincode.custody;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.batteryledger.chaincode.access.Permissions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.lifecycle.Lifecycle;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.tx.TxContext;
import org.batteryledger.chaincode.tx.WriteTx;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.PendingHandover;
import org.batteryledger.chaincode.unit.Status;

/**
 * Custody moves in two steps (domain.md §6.1 Handover, §6.3 "Any transfer"): the holder offers
 * to a named receiver (移交出库); only that receiver accepts (接收入库) or rejects; until then the
 * holder still holds the unit. Waste goes only to recyclers or collection points certified on the
 * transaction's day (2018 办法; 2026 办法), checked at offer and again at acceptance.
 */
public final class Handovers {
    /** Transient-map key of the commercial terms of an offer. */
    public static final String COMMERCIAL = "commercial";

    private Handovers() {}

    public static void offer(TxContext tx, HandoverRequests.Offer req) {
        String me = tx.caller().participantId();
        if (req.to().equals(me)) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT, "field 'to': a unit cannot be handed to its holder");
        }
        Participant receiver = tx.participants().require(req.to());
        if (!receiver.isActive()) {
            throw new LedgerException(LedgerError.FORBIDDEN, "receiver %s is %s", receiver.id(), receiver.status());
        }
        String commercialHash = storeCommercial(tx, receiver, req);
        for (String code : req.codes()) {
            BatteryUnit unit = tx.units().require(code);
            Permissions.requireCustodian(tx.caller(), unit);
            Lifecycle.next(unit, tx.action());
            if (unit.status().isWaste()) {
                Permissions.requireWasteReceiver(receiver, code, tx.now());
            }
            PendingHandover pending = new PendingHandover(me, receiver.id(), tx.now(), tx.txId(), commercialHash);
            tx.save(unit, unit.edit().pendingHandover(pending).event(tx.stamp(receiver.id())).build());
        }
        tx.detail("to", receiver.id());
        tx.detail("commercialHash", commercialHash);
    }

    public static void accept(TxContext tx, HandoverRequests.Answer req) {
        String me = tx.caller().participantId();
        for (String code : req.codes()) {
            BatteryUnit unit = tx.units().require(code);
            Permissions.requireNamedReceiver(tx.caller(), unit);
            Lifecycle.next(unit, tx.action());
            if (unit.status().isWaste()) {
                Permissions.requireWasteReceipt(tx.caller(), code, tx.now());
            }
            Lifecycle.requireReceivable(unit, tx.caller().role());
            Permissions.requireCertified(tx.caller().participant(), tx.caller().role(), tx.now());
            Status next = Lifecycle.receipt(unit, tx.caller().role());
            String from = unit.pendingHandover().from();
            tx.save(unit, unit.edit().status(next).euStatus(Lifecycle.euStatus(unit, next, false)).holder(me)
                    .pendingHandover(null).event(tx.stamp(from)).build());
            tx.detail("from", from);
        }
    }

    public static void reject(TxContext tx, HandoverRequests.Answer req) {
        for (String code : req.codes()) {
            BatteryUnit unit = tx.units().require(code);
            Permissions.requireNamedReceiver(tx.caller(), unit);
            Lifecycle.next(unit, tx.action());
            String from = unit.pendingHandover().from();
            tx.save(unit, unit.edit().pendingHandover(null).event(tx.stamp(from)).build());
            tx.detail("from", from);
        }
        tx.detail("reason", req.reason());
    }

    public static void cancel(TxContext tx, HandoverRequests.Answer req) {
        for (String code : req.codes()) {
            BatteryUnit unit = tx.units().require(code);
            Permissions.requireCustodian(tx.caller(), unit);
            Lifecycle.next(unit, tx.action());
            if (unit.pendingHandover() == null) {
                throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "unit %s has no pending handover", code);
            }
            String to = unit.pendingHandover().to();
            tx.save(unit, unit.edit().pendingHandover(null).event(tx.stamp(to)).build());
            tx.detail("to", to);
        }
        tx.detail("reason", req.reason());
    }

    /** The private-data collection of one organisation (Fabric's implicit per-org collection). */
    public static String collectionOf(String mspId) {
        return "_implicit_org_" + mspId;
    }

    /** The private-data key of an offer's terms. */
    public static String commercialKey(String offerTxId) {
        return "commercial~" + offerTxId;
    }

    /**
     * Writes the offer's commercial terms to the sender's and receiver's own collections and
     * returns their SHA-256, which goes on the ledger. Null when the offer carries none.
     */
    private static String storeCommercial(TxContext tx, Participant receiver, HandoverRequests.Offer req) {
        Map<String, byte[]> transientMap = tx.state().stub().getTransient();
        byte[] raw = transientMap == null ? null : transientMap.get(COMMERCIAL);
        if (raw == null || raw.length == 0) {
            return null;
        }
        HandoverRequests.Commercial terms = Json.request(new String(raw, StandardCharsets.UTF_8),
                HandoverRequests.Commercial.class);
        byte[] canonical = Json.bytes(terms);
        String key = commercialKey(tx.txId());
        tx.state().stub().putPrivateData(collectionOf(tx.caller().mspId()), key, canonical);
        if (!receiver.mspId().equals(tx.caller().mspId())) {
            tx.state().stub().putPrivateData(collectionOf(receiver.mspId()), key, canonical);
        }
        return WriteTx.sha256(canonical);
    }
}
