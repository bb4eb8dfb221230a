package org.batteryledger.chaincode.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.access.Permissions;
import org.batteryledger.chaincode.code.Level;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.tx.TxContext;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.ResponsibilityBasis;
import org.batteryledger.chaincode.unit.Status;
import org.batteryledger.chaincode.unit.Vehicle;
import org.batteryledger.chaincode.unit.Vin;

/**
 * A pack's life in a vehicle: installation with the VIN binding the automaker must record
 * (2018 办法, 车电对应), sale, repair, replacement and swap (溯源规定 Arts 10, 12; 2026 办法),
 * and scrapping with the pack present (车电一体, 2026 办法). While a pack is in a vehicle the
 * vehicle's automaker holds it on the owner's behalf and answers for it under EPR.
 */
public final class VehicleLife {
    private VehicleLife() {}

    public static void install(TxContext tx, UnitRequests.Install req) {
        requireVin(req.vin());
        BatteryUnit pack = tx.units().require(req.code());
        requirePack(pack);
        Permissions.requireCustodian(tx.caller(), pack);
        Status next = Lifecycle.next(pack, Action.INSTALL);
        String me = tx.caller().participantId();
        Vehicle vehicle = tx.vehicles().find(req.vin()).orElse(null);
        if (vehicle == null) {
            int max = req.maxPacks() == null ? 1 : req.maxPacks();
            vehicle = new Vehicle(req.vin(), me, max, List.of(), null, null, null, null, tx.now(), tx.now());
        } else {
            if (!vehicle.automaker().equals(me)) {
                throw new LedgerException(LedgerError.FORBIDDEN, "vehicle %s belongs to automaker %s", req.vin(),
                        vehicle.automaker());
            }
            requireNotScrapped(vehicle);
            if (vehicle.packs().size() >= vehicle.maxPacks()) {
                throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "vehicle %s already holds %d of %d packs: %s",
                        req.vin(), vehicle.packs().size(), vehicle.maxPacks(), vehicle.packs());
            }
        }
        tx.save(pack, pack.edit().status(next).vin(req.vin())
                .responsible(me, ResponsibilityBasis.AUTOMAKER, tx.now())
                .event(tx.stamp(null)).build());
        tx.saveVehicle(vehicle.withPacks(plus(vehicle.packs(), pack.code()), tx.now()));
    }

    public static void sell(TxContext tx, UnitRequests.Sell req) {
        Vehicle vehicle = tx.vehicles().require(req.vin());
        if (!vehicle.automaker().equals(tx.caller().participantId())) {
            throw new LedgerException(LedgerError.FORBIDDEN, "vehicle %s belongs to automaker %s", req.vin(),
                    vehicle.automaker());
        }
        requireNotScrapped(vehicle);
        if (vehicle.packs().isEmpty()) {
            throw new LedgerException(LedgerError.BATTERY_MISSING, "vehicle %s has no pack bound", req.vin());
        }
        for (String code : vehicle.packs()) {
            BatteryUnit pack = tx.units().require(code);
            Status next = Lifecycle.next(pack, Action.SELL);
            tx.save(pack, pack.edit().status(next).event(tx.stamp(null)).build());
        }
        tx.saveVehicle(vehicle.sold(tx.occurredAt()));
    }

    public static void repair(TxContext tx, UnitRequests.OnUnit req) {
        BatteryUnit pack = tx.units().require(req.code());
        Status next = Lifecycle.next(pack, Action.REPAIR);
        tx.save(pack, pack.edit().status(next).event(tx.stamp(null)).build());
        tx.detail("note", req.note());
    }

    /** Replacement by a repairer or the automaker; swap by a swap operator. Same rules, other roles. */
    public static void replace(TxContext tx, UnitRequests.Replace req) {
        BatteryUnit old = tx.units().require(req.code());
        requirePack(old);
        Status next = Lifecycle.next(old, tx.action());
        Vehicle vehicle = tx.vehicles().require(old.vin());
        requireNotScrapped(vehicle);
        String me = tx.caller().participantId();
        Role role = tx.caller().role();
        if ((role == Role.AUTOMAKER || role == Role.IMPORTER) && !vehicle.automaker().equals(me)) {
            // Repairers may work on any vehicle (溯源规定 Art. 12); an automaker only on its own.
            throw new LedgerException(LedgerError.FORBIDDEN, "vehicle %s belongs to automaker %s", vehicle.vin(),
                    vehicle.automaker());
        }
        tx.save(old, old.edit().status(next).vin(null).holder(me).event(tx.stamp(null)).build());
        List<String> packs = minus(vehicle.packs(), old.code());
        if (req.replacement() != null) {
            BatteryUnit fresh = tx.units().require(req.replacement());
            requirePack(fresh);
            Permissions.requireCustodian(tx.caller(), fresh);
            boolean reused = fresh.status() == Status.REMOVED;
            if (fresh.status() != Status.IN_STOCK && !reused) {
                throw new LedgerException(LedgerError.ILLEGAL_TRANSITION,
                        "replacement %s is %s; a replacement must be IN_STOCK, or REMOVED for re-use", fresh.code(),
                        fresh.status());
            }
            Lifecycle.requireFree(fresh);
            Status freshNext = old.status() == Status.INSTALLED ? Status.INSTALLED : Status.IN_USE;
            // The automaker placing the vehicle (with a re-used pack, again) on the market answers for it.
            tx.save(fresh, fresh.edit().status(freshNext).vin(vehicle.vin()).holder(vehicle.automaker())
                    .euStatus(Lifecycle.euStatus(fresh, freshNext, reused))
                    .responsible(vehicle.automaker(), ResponsibilityBasis.AUTOMAKER, tx.now())
                    .event(tx.stamp(vehicle.automaker())).build());
            packs = plus(packs, fresh.code());
            tx.detail("replacement", fresh.code());
        }
        tx.saveVehicle(vehicle.withPacks(packs, tx.now()));
        tx.detail("vin", vehicle.vin());
        tx.detail("note", req.note());
    }

    /**
     * The dismantler receives the scrapped vehicle and issues the 报废汽车回收证明 (溯源规定 Art. 13).
     * Every pack bound to the VIN must be there: a vehicle missing its battery is a vehicle
     * missing parts (2026 办法, 车电一体报废).
     */
    public static void scrapVehicle(TxContext tx, UnitRequests.ScrapVehicle req) {
        Vehicle vehicle = tx.vehicles().require(req.vin());
        requireNotScrapped(vehicle);
        TreeSet<String> present = new TreeSet<>(req.presentCodes());
        List<String> missing = vehicle.packs().stream().filter(p -> !present.contains(p)).toList();
        if (vehicle.packs().isEmpty() || !missing.isEmpty()) {
            throw new LedgerException(LedgerError.BATTERY_MISSING,
                    "vehicle %s is scrapped without its bound pack(s) %s (车电一体, 2026 办法)", req.vin(),
                    vehicle.packs().isEmpty() ? "(none bound)" : missing);
        }
        for (String code : present) {
            if (!vehicle.packs().contains(code)) {
                throw new LedgerException(LedgerError.INVALID_ARGUMENT,
                        "field 'presentCodes': %s is not bound to vehicle %s", code, req.vin());
            }
        }
        String me = tx.caller().participantId();
        for (String code : vehicle.packs()) {
            BatteryUnit pack = tx.units().require(code);
            Status next = Lifecycle.next(pack, Action.SCRAP_VEHICLE);
            tx.save(pack, pack.edit().status(next).holder(me).pendingHandover(null)
                    .event(tx.stamp(vehicle.automaker())).build());
        }
        tx.saveVehicle(vehicle.scrapped(me, req.certificateNumber(), tx.occurredAt()));
        tx.detail("vin", vehicle.vin());
        tx.detail("certificateNumber", req.certificateNumber());
    }

    static void requireVin(String vin) {
        Vin.problem(vin).ifPresent(problem -> {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT, "field 'vin': %s", problem);
        });
    }

    private static void requirePack(BatteryUnit unit) {
        if (unit.level() != Level.PACK) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION,
                    "unit %s is a %s; only packs are bound to vehicles", unit.code(), unit.level());
        }
    }

    private static void requireNotScrapped(Vehicle vehicle) {
        if (vehicle.isScrapped()) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "vehicle %s was scrapped on %s", vehicle.vin(),
                    vehicle.scrappedAt());
        }
    }

    private static List<String> plus(List<String> list, String code) {
        List<String> out = new ArrayList<>(list);
        out.add(code);
        return out;
    }

    private static List<String> minus(List<String> list, String code) {
        List<String> out = new ArrayList<>(list);
        out.remove(code);
        return out;
    }
}
