package org.batteryledger.chaincode.recycledcontent;

import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.tx.LedgerContract;
import org.batteryledger.chaincode.tx.WriteTx;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Recycled-content declarations per battery model, plant and production year (EU 2023/1542 Art. 8). */
@Contract(name = "RecycledContent", info = @Info(title = "Recycled-content declarations", version = "1.0"))
public final class RecycledContentContract implements LedgerContract {

    /** Records or supersedes the caller's declaration for (model, plant, year); battery makers only. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Declare(Context ctx, String request) {
        return WriteTx.run(ctx, Action.DECLARE_RECYCLED_CONTENT, request, DeclareRecycledContent.class,
                RecycledContent::declare);
    }
}
