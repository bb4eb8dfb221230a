package org.batteryledger.chaincode.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.access.Caller;
import org.batteryledger.chaincode.access.Callers;
import org.batteryledger.chaincode.access.Permissions;
import org.batteryledger.chaincode.access.Tier;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.custody.Handovers;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Participants;
import org.batteryledger.chaincode.recycledcontent.RecycledContentDeclaration;
import org.batteryledger.chaincode.recycledcontent.RecycledContentDeclarations;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.state.TxState;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.Status;
import org.batteryledger.chaincode.unit.Units;
import org.batteryledger.chaincode.unit.Vehicles;
import org.hyperledger.fabric.contract.Context;
import org.batteryledger.chaincode.tx.LedgerContract;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * Every read. Each answers in the caller's tier (EU 2023/1542 Art. 77(2)): anyone, even a caller
 * the registry does not know, gets the public tier; errors are {@link LedgerException}s
 * (NOT_FOUND, FORBIDDEN, LIMIT_EXCEEDED). Listings are paginated with bookmarks.
 */
@Contract(name = "Queries", info = @Info(title = "Battery ledger reads", version = "1.0"))
@Default
public final class QueryContract implements LedgerContract {

    /** One unit, in the caller's tier. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetUnit(Context ctx, String code) {
        Reader r = new Reader(ctx);
        BatteryUnit unit = r.units.require(code);
        return Json.string(UnitView.of(unit, Permissions.tier(r.caller, unit)));
    }

    /**
     * A unit's full history, newest first: every version with the event that made it (key
     * history). Public callers see the public fields of each version.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetHistory(Context ctx, String code, int pageSize, String bookmark) {
        Reader r = new Reader(ctx);
        BatteryUnit current = r.units.require(code);
        Tier tier = Permissions.tier(r.caller, current);
        int size = Scans.pageSize(pageSize);
        List<Map<String, Object>> items = new ArrayList<>();
        boolean started = bookmark == null || bookmark.isEmpty();
        String next = "";
        try (QueryResultsIterator<KeyModification> it = ctx.getStub().getHistoryForKey(Keys.unit(code))) {
            for (KeyModification m : it) {
                if (!started) {
                    started = m.getTxId().equals(bookmark);
                    continue;
                }
                if (items.size() == size) {
                    next = items.get(items.size() - 1).get("txId").toString();
                    break;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("txId", m.getTxId());
                entry.put("timestamp", m.getTimestamp());
                entry.put("deleted", m.isDeleted());
                if (!m.isDeleted()) {
                    BatteryUnit version = Json.read(m.getValue(), BatteryUnit.class);
                    ObjectNode view = UnitView.of(version, tier);
                    entry.put("unit", view);
                }
                items.add(entry);
            }
        } catch (Exception e) {
            throw rethrow(e);
        }
        if (!started) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT, "bookmark %s is not in the history of %s",
                    bookmark, code);
        }
        return Json.string(new Page<>(items, next, items.size()));
    }

    /**
     * What a scanner needs in one call: the unit in the caller's tier and the writes the caller
     * could make on it now ({@code NextActions}), by wire name.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Scan(Context ctx, String code) {
        Reader r = new Reader(ctx);
        BatteryUnit unit = r.units.require(code);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unit", UnitView.of(unit, Permissions.tier(r.caller, unit)));
        out.put("actions", org.batteryledger.chaincode.access.NextActions.of(r.caller, unit).stream()
                .map(a -> a.name()).toList());
        return Json.string(out);
    }

    /** Parent, children, predecessors (origins) and successors of a unit. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetRelations(Context ctx, String code) {
        Reader r = new Reader(ctx);
        BatteryUnit unit = r.units.require(code);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", unit.code());
        boolean composition = Permissions.tier(r.caller, unit) != Tier.PUBLIC;
        if (composition) {
            out.put("parent", unit.parent());
            out.put("children", unit.children());
        }
        out.put("origins", unit.origins());
        out.put("successors", unit.successors());
        return Json.string(out);
    }

    /** Who answers for a unit under EPR, since when and why. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetResponsibility(Context ctx, String code) {
        BatteryUnit unit = new Reader(ctx).units.require(code);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", unit.code());
        out.put("responsible", unit.responsible());
        out.put("basis", unit.responsibleBasis());
        out.put("since", unit.responsibleSince());
        return Json.string(out);
    }

    /** A holder's units: for that holder and authorities (FORBIDDEN otherwise). */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListByHolder(Context ctx, String holder, int pageSize, String bookmark) {
        Permissions.requireSelfOrAuthority(new Reader(ctx).caller, holder);
        return list(ctx, Keys.BY_HOLDER, holder, pageSize, bookmark);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListByStatus(Context ctx, String status, int pageSize, String bookmark) {
        try {
            Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT, "'%s' is not a status", status);
        }
        return list(ctx, Keys.BY_STATUS, status, pageSize, bookmark);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListByResponsible(Context ctx, String responsible, int pageSize, String bookmark) {
        Permissions.requireSelfOrAuthority(new Reader(ctx).caller, responsible);
        return list(ctx, Keys.BY_RESPONSIBLE, responsible, pageSize, bookmark);
    }

    /** Every pack ever bound to the VIN (车电对应 history), current or not. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListByVin(Context ctx, String vin, int pageSize, String bookmark) {
        Reader r = new Reader(ctx);
        Permissions.requireVehicleReader(r.caller, new Vehicles(r.state).require(vin).automaker());
        return list(ctx, Keys.BY_VIN, vin, pageSize, bookmark);
    }

    /** Handovers offered to a receiver and not yet answered. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListIncomingHandovers(Context ctx, String receiver, int pageSize, String bookmark) {
        Permissions.requireSelfOrAuthority(new Reader(ctx).caller, receiver);
        return list(ctx, Keys.BY_RECEIVER, receiver, pageSize, bookmark);
    }

    /** A vehicle and its current packs (legitimate interest and authorities). */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetVehicle(Context ctx, String vin) {
        Reader r = new Reader(ctx);
        var vehicle = new Vehicles(r.state).require(vin);
        Permissions.requireVehicleReader(r.caller, vehicle.automaker());
        return Json.string(vehicle);
    }

    /** A recycling batch record (mass balance and recovery figures). */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetRecyclingBatch(Context ctx, String batchId) {
        byte[] bytes = new TxState(ctx.getStub()).get(Keys.batch(batchId));
        if (bytes == null) {
            throw new LedgerException(LedgerError.NOT_FOUND, "recycling batch %s is not recorded", batchId);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A maker's recycled-content declarations of one battery model (EU 2023/1542 Art. 8(1)), every
     * plant and production year, in key order; the superseded revisions are in each key's
     * history. Public: recycled content is Annex XIII point 1(e) passport information.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListRecycledContent(Context ctx, String maker, String model, int pageSize, String bookmark) {
        Scans.Keys keys = Scans.scan(ctx.getStub(), pageSize, bookmark, RecycledContentDeclarations.TYPE, maker,
                model);
        List<RecycledContentDeclaration> items = new ArrayList<>();
        for (KeyValue kv : keys.entries()) {
            items.add(Json.read(kv.getValue(), RecycledContentDeclaration.class));
        }
        return Json.string(new Page<>(items, keys.bookmark(), items.size()));
    }

    /**
     * The commercial terms of an offer, from the caller's own organisation's collection, checked
     * against the hash on the ledger. Only the two parties' peers hold them.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetCommercialTerms(Context ctx, String offerTxId) {
        Reader r = new Reader(ctx);
        if (r.caller == null) {
            throw new LedgerException(LedgerError.FORBIDDEN, "commercial terms are for the parties only");
        }
        byte[] terms = ctx.getStub().getPrivateData(Handovers.collectionOf(r.caller.mspId()),
                Handovers.commercialKey(offerTxId));
        if (terms == null || terms.length == 0) {
            throw new LedgerException(LedgerError.NOT_FOUND, "no commercial terms of offer %s for %s", offerTxId,
                    r.caller.mspId());
        }
        return new String(terms, StandardCharsets.UTF_8);
    }

    /** Decodes a GB/T 34014 code without touching state (INVALID_CODE with every violation). */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String DecodeCode(Context ctx, String code) {
        return Json.string(BatteryCodes.parse(code, BatteryCodes.latestDateAt(ctx.getStub().getTxTimestamp())));
    }

    private String list(Context ctx, String index, String attribute, int pageSize, String bookmark) {
        Reader r = new Reader(ctx);
        Scans.Keys keys = Scans.scan(ctx.getStub(), pageSize, bookmark, index, attribute);
        List<ObjectNode> items = new ArrayList<>();
        for (KeyValue kv : keys.entries()) {
            BatteryUnit unit = r.units.require(Keys.lastAttribute(kv.getKey()));
            items.add(UnitView.of(unit, Permissions.tier(r.caller, unit)));
        }
        return Json.string(new Page<>(items, keys.bookmark(), items.size()));
    }

    private static RuntimeException rethrow(Exception e) {
        return e instanceof RuntimeException re ? re : new IllegalStateException("closing a query iterator failed", e);
    }

    /** The read side of a transaction: state, stores and the caller if the registry knows it. */
    private static final class Reader {
        final TxState state;
        final Units units;
        final Caller caller;

        Reader(Context ctx) {
            state = new TxState(ctx.getStub());
            units = new Units(state);
            caller = Callers.tryIdentify(ctx.getClientIdentity(), new Participants(state)).orElse(null);
        }
    }
}
