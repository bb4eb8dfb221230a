package org.batteryledger.chaincode.recycling;

import java.util.ArrayList;
import java.util.List;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.access.Permissions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.lifecycle.Lifecycle;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.tx.TxContext;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.Status;

/**
 * Recycling completed (再生利用及最终处理完成, 溯源规定 Art. 15): a certified recycler records a
 * batch; its input units end in RECYCLED, where the EU passport ceases (Art. 77).
 */
public final class Recycling {
    private Recycling() {}

    public static void record(TxContext tx, RecordRecycling req) {
        Permissions.requireCertified(tx.caller().participant(), Role.RECYCLER, tx.now());
        if (tx.state().exists(Keys.batch(req.batchId()))) {
            throw new LedgerException(LedgerError.DUPLICATE, "recycling batch %s is already recorded", req.batchId());
        }
        List<RecyclingInput> inputs = new ArrayList<>();
        List<BatteryUnit> units = new ArrayList<>();
        long inputGrams = 0;
        for (RecordRecycling.Input in : req.inputs()) {
            BatteryUnit unit = tx.units().require(in.code());
            Permissions.requireCustodian(tx.caller(), unit);
            Lifecycle.next(unit, Action.RECORD_RECYCLING);
            inputs.add(new RecyclingInput(unit.code(), in.massGrams(), unit.batteryType()));
            units.add(unit);
            inputGrams += in.massGrams();
        }
        MassBalance.Figures f = MassBalance.check(inputGrams, req.elementsInput(), req.elementsRecovered(),
                req.outputs());
        RecyclingBatch batch = new RecyclingBatch(req.batchId(), tx.caller().participantId(), req.route(), inputs,
                req.elementsInput(), req.elementsRecovered(), req.outputs(), f.inputGrams(), f.outputGrams(),
                f.recyclingGrams(), f.efficiencyBasisPoints(), f.recoveryBasisPoints(), req.reportHash(),
                tx.occurredAt(), tx.now(), tx.txId());
        tx.state().put(Keys.batch(req.batchId()), Json.bytes(batch));
        for (BatteryUnit unit : units) {
            tx.save(unit, unit.edit().status(Status.RECYCLED).recyclingBatch(req.batchId()).event(tx.stamp(null))
                    .build());
        }
        tx.recordBatch(batch);
        tx.detail("batchId", req.batchId());
    }
}
