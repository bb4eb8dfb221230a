package org.batteryledger.chaincode.lifecycle;

import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.tx.WriteTx;
import org.hyperledger.fabric.contract.Context;
import org.batteryledger.chaincode.tx.LedgerContract;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Removal, collection, testing, repurposing, declaring waste and dismantling. */
@Contract(name = "EndOfLife", info = @Info(title = "Retirement and second life", version = "1.0"))
public final class EndOfLifeContract implements LedgerContract {

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Remove(Context ctx, String request) {
        return WriteTx.run(ctx, Action.REMOVE, request, UnitRequests.OnUnit.class, EndOfLife::remove);
    }

    /** REMOVED → COLLECTED (回收入库). */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Collect(Context ctx, String request) {
        return WriteTx.run(ctx, Action.COLLECT, request, UnitRequests.OnUnit.class, EndOfLife::collect);
    }

    /** Records a state-of-health test; AT_CASCADE_OPERATOR → TESTED. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Test(Context ctx, String request) {
        return WriteTx.run(ctx, Action.TEST, request, UnitRequests.Test.class, EndOfLife::test);
    }

    /** Creates a successor under the operator's prefix; the originals end. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Repurpose(Context ctx, String request) {
        return WriteTx.run(ctx, Action.REPURPOSE, request, UnitRequests.Repurpose.class, Repurposing::repurpose);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String DeclareWaste(Context ctx, String request) {
        return WriteTx.run(ctx, Action.DECLARE_WASTE, request, UnitRequests.DeclareWaste.class,
                EndOfLife::declareWaste);
    }

    /** Detaches children; each continues on its own from its parent's state. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Dismantle(Context ctx, String request) {
        return WriteTx.run(ctx, Action.DISMANTLE, request, UnitRequests.Dismantle.class, EndOfLife::dismantle);
    }
}
