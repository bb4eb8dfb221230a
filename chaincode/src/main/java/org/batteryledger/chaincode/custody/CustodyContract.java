package org.batteryledger.chaincode.custody;

import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.tx.WriteTx;
import org.hyperledger.fabric.contract.Context;
import org.batteryledger.chaincode.tx.LedgerContract;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Two-step handovers: offer by the holder; accept or reject by the named receiver; cancel by the holder. */
@Contract(name = "Custody", info = @Info(title = "Custody handovers", version = "1.0"))
public final class CustodyContract implements LedgerContract {

    /** Offers units to a named receiver. Transient key {@value Handovers#COMMERCIAL} may carry the terms. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String OfferHandover(Context ctx, String request) {
        return WriteTx.run(ctx, Action.OFFER_HANDOVER, request, HandoverRequests.Offer.class, Handovers::offer);
    }

    /** The named receiver takes custody; receipt at a recycler makes the unit AT_RECYCLER. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String AcceptHandover(Context ctx, String request) {
        return WriteTx.run(ctx, Action.ACCEPT_HANDOVER, request, HandoverRequests.Answer.class, Handovers::accept);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RejectHandover(Context ctx, String request) {
        return WriteTx.run(ctx, Action.REJECT_HANDOVER, request, HandoverRequests.Answer.class, Handovers::reject);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String CancelHandover(Context ctx, String request) {
        return WriteTx.run(ctx, Action.CANCEL_HANDOVER, request, HandoverRequests.Answer.class, Handovers::cancel);
    }
}
