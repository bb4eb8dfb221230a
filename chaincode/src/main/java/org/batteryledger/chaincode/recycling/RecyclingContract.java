package org.batteryledger.chaincode.recycling;

import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.tx.WriteTx;
import org.hyperledger.fabric.contract.Context;
import org.batteryledger.chaincode.tx.LedgerContract;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Recycling batches with enforced mass balance. */
@Contract(name = "Recycling", info = @Info(title = "Recycling batches", version = "1.0"))
public final class RecyclingContract implements LedgerContract {

    /** AT_RECYCLER → RECYCLED for every input; MASS_BALANCE if anything comes out that did not go in. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RecordRecycling(Context ctx, String request) {
        return WriteTx.run(ctx, Action.RECORD_RECYCLING, request, RecordRecycling.class, Recycling::record);
    }
}
