package org.batteryledger.chaincode.lifecycle;

import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.tx.WriteTx;
import org.hyperledger.fabric.contract.Context;
import org.batteryledger.chaincode.tx.LedgerContract;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Battery makers' writes. Each takes one JSON request (see {@link UnitRequests}) and returns a
 * {@link org.batteryledger.chaincode.tx.TxResult}; failures are
 * {@link org.batteryledger.chaincode.error.LedgerException}s.
 */
@Contract(name = "Production", info = @Info(title = "Battery production", version = "1.0"))
public final class ProductionContract implements LedgerContract {

    /**
     * Registers up to {@value UnitRequests#MAX_UNITS_PER_TX} units (a production batch) under the
     * caller's own prefixes, with their pack → module → cell links. INVALID_CODE lists every bad
     * code; FORBIDDEN for a prefix not owned; DUPLICATE for a known code.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterUnits(Context ctx, String request) {
        return WriteTx.run(ctx, Action.REGISTER_UNITS, request, UnitRequests.RegisterUnits.class, Production::register);
    }

    /** Binds existing modules or cells to a parent registered by the caller. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String BindChildren(Context ctx, String request) {
        return WriteTx.run(ctx, Action.BIND_CHILDREN, request, UnitRequests.BindChildren.class,
                Production::bindChildren);
    }

    /** Attaches the EU unique identifier (Art. 77(3)), once. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String AttachEuId(Context ctx, String request) {
        return WriteTx.run(ctx, Action.ATTACH_EU_ID, request, UnitRequests.AttachEuId.class, Production::attachEuId);
    }

    /** PRODUCED → IN_STOCK; a cascade product CASCADE_PRODUCED → IN_SECOND_USE. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Ship(Context ctx, String request) {
        return WriteTx.run(ctx, Action.SHIP, request, UnitRequests.OnUnit.class, Production::ship);
    }
}
