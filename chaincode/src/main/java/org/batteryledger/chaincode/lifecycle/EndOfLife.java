package org.batteryledger.chaincode.lifecycle;

import java.util.ArrayList;
import java.util.List;
import org.batteryledger.chaincode.access.Permissions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.tx.TxContext;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.StateOfHealth;
import org.batteryledger.chaincode.unit.Status;
import org.batteryledger.chaincode.unit.Vehicle;

/**
 * After first use: removal from a scrapped vehicle or from second use, collection (回收入库),
 * state-of-health tests, declaring waste, and dismantling a unit into its children (a DETACHED
 * record each, domain.md §6.2).
 */
public final class EndOfLife {
    private EndOfLife() {}

    public static void remove(TxContext tx, UnitRequests.OnUnit req) {
        BatteryUnit unit = tx.units().require(req.code());
        Permissions.requireCustodian(tx.caller(), unit);
        Status next = Lifecycle.next(unit, tx.action());
        BatteryUnit.Builder b = unit.edit().status(next);
        if (unit.vin() != null) {
            // From a vehicle only once it is scrapped; otherwise it is a replacement or a swap.
            Vehicle vehicle = tx.vehicles().require(unit.vin());
            if (!vehicle.isScrapped() || tx.caller().role() != Role.DISMANTLER) {
                throw new LedgerException(LedgerError.ILLEGAL_TRANSITION,
                        "pack %s is in vehicle %s, which is not scrapped; use Replace or Swap", unit.code(),
                        unit.vin());
            }
            List<String> packs = new ArrayList<>(vehicle.packs());
            packs.remove(unit.code());
            tx.saveVehicle(vehicle.withPacks(packs, tx.now()));
            b.vin(null);
            tx.detail("vin", vehicle.vin());
        } else if (unit.status() != Status.IN_SECOND_USE || tx.caller().role() != Role.CASCADE_OPERATOR) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION,
                    "unit %s: removal is by the dismantler of its scrapped vehicle, or by the cascade operator from second use",
                    unit.code());
        }
        tx.save(unit, b.event(tx.stamp(null)).build());
        tx.detail("note", req.note());
    }

    public static void collect(TxContext tx, UnitRequests.OnUnit req) {
        BatteryUnit unit = tx.units().require(req.code());
        Permissions.requireCustodian(tx.caller(), unit);
        Status next = Lifecycle.next(unit, tx.action());
        if (tx.caller().role() == Role.COLLECTION_POINT) {
            Permissions.requireCertified(tx.caller().participant(), Role.COLLECTION_POINT, tx.now());
        }
        tx.save(unit, unit.edit().status(next).event(tx.stamp(null)).build());
        tx.detail("note", req.note());
    }

    public static void declareWaste(TxContext tx, UnitRequests.DeclareWaste req) {
        BatteryUnit unit = tx.units().require(req.code());
        Permissions.requireCustodian(tx.caller(), unit);
        Status next = Lifecycle.next(unit, tx.action());
        tx.save(unit, unit.edit().status(next).euStatus(Lifecycle.euStatus(unit, next, false))
                .event(tx.stamp(null)).build());
        tx.detail("reason", req.reason());
    }

    public static void test(TxContext tx, UnitRequests.Test req) {
        BatteryUnit unit = tx.units().require(req.code());
        Permissions.requireCustodian(tx.caller(), unit);
        Permissions.requireCertified(tx.caller().participant(), Role.CASCADE_OPERATOR, tx.now());
        Status next = Lifecycle.next(unit, tx.action());
        UnitRequests.TestResult r = req.result();
        StateOfHealth soh = new StateOfHealth(r.sohPermille(), r.remainingEnergyWh(), r.remainingCapacityMah(),
                r.cycleCount(), r.negativeEvents(), r.standard(), r.lab(), r.reportHash(), tx.occurredAt());
        tx.save(unit, unit.edit().status(next).stateOfHealth(soh).event(tx.stamp(null)).build());
    }

    /**
     * Detaches children; each takes its parent's custody, responsibility and state, and from then
     * on moves on its own. Collection points may not dismantle (指南 2019), which {@code Action}
     * already enforces by role.
     */
    public static void dismantle(TxContext tx, UnitRequests.Dismantle req) {
        BatteryUnit parent = tx.units().require(req.code());
        Permissions.requireCustodian(tx.caller(), parent);
        Lifecycle.next(parent, tx.action());
        List<String> detach = req.children() == null || req.children().isEmpty() ? parent.children() : req.children();
        if (detach.isEmpty()) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "unit %s has no children to detach",
                    parent.code());
        }
        List<String> remaining = new ArrayList<>(parent.children());
        for (String code : detach) {
            if (!remaining.remove(code)) {
                throw new LedgerException(LedgerError.INVALID_ARGUMENT, "field 'children': %s is not part of %s", code,
                        parent.code());
            }
            BatteryUnit child = tx.units().require(code);
            Status childStatus = parent.status() == Status.TESTED ? Status.AT_CASCADE_OPERATOR : parent.status();
            tx.save(child, child.edit().parent(null).status(childStatus).euStatus(parent.euStatus())
                    .holder(parent.holder())
                    .responsible(parent.responsible(), parent.responsibleBasis(), tx.now())
                    .event(tx.stamp(null)).build());
        }
        tx.save(parent, parent.edit().children(remaining).event(tx.stamp(null)).build());
    }
}
