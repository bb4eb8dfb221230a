package org.batteryledger.chaincode.lifecycle;

import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.tx.WriteTx;
import org.hyperledger.fabric.contract.Context;
import org.batteryledger.chaincode.tx.LedgerContract;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** A pack's life in a vehicle: install (VIN binding), sale, repair, replacement, swap, scrapping. */
@Contract(name = "Vehicles", info = @Info(title = "Packs in vehicles", version = "1.0"))
public final class VehicleContract implements LedgerContract {

    /** IN_STOCK → INSTALLED, bound to the VIN; the automaker becomes responsible. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Install(Context ctx, String request) {
        return WriteTx.run(ctx, Action.INSTALL, request, UnitRequests.Install.class, VehicleLife::install);
    }

    /** Every pack of the vehicle INSTALLED → IN_USE. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Sell(Context ctx, String request) {
        return WriteTx.run(ctx, Action.SELL, request, UnitRequests.Sell.class, VehicleLife::sell);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Repair(Context ctx, String request) {
        return WriteTx.run(ctx, Action.REPAIR, request, UnitRequests.OnUnit.class, VehicleLife::repair);
    }

    /** The pack out (REMOVED, held by the repairer) and optionally a replacement in. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Replace(Context ctx, String request) {
        return WriteTx.run(ctx, Action.REPLACE, request, UnitRequests.Replace.class, VehicleLife::replace);
    }

    /** As Replace, by a swap operator. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Swap(Context ctx, String request) {
        return WriteTx.run(ctx, Action.SWAP, request, UnitRequests.Replace.class, VehicleLife::replace);
    }

    /** BATTERY_MISSING unless every bound pack is presented with the vehicle. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String ScrapVehicle(Context ctx, String request) {
        return WriteTx.run(ctx, Action.SCRAP_VEHICLE, request, UnitRequests.ScrapVehicle.class,
                VehicleLife::scrapVehicle);
    }
}
