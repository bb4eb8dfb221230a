package org.batteryledger.chaincode.lifecycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.access.Permissions;
import org.batteryledger.chaincode.code.BatteryCode;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.code.CodeViolation;
import org.batteryledger.chaincode.code.EuUniqueId;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.tx.TxContext;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.EuStatus;
import org.batteryledger.chaincode.unit.ResponsibilityBasis;
import org.batteryledger.chaincode.unit.Status;

/**
 * Production: registering units under the maker's own prefixes, binding pack → module → cell
 * (domain.md §6.4 Hierarchy), attaching the EU identifier, shipping.
 */
public final class Production {
    private Production() {}

    public static void register(TxContext tx, UnitRequests.RegisterUnits req) {
        LocalDate latest = BatteryCodes.latestDateAt(tx.now());
        Map<String, BatteryCode> parsed = new LinkedHashMap<>();
        List<String> invalid = new ArrayList<>();
        for (int i = 0; i < req.units().size(); i++) {
            String code = req.units().get(i).code();
            List<CodeViolation> violations = BatteryCodes.violations(code, latest);
            if (!violations.isEmpty()) {
                invalid.add("units[" + i + "] " + code + ": "
                        + String.join("; ", violations.stream().map(CodeViolation::describe).toList()));
            } else if (parsed.containsKey(code)) {
                throw new LedgerException(LedgerError.DUPLICATE, "units[%d]: code %s appears twice in the request", i,
                        code);
            } else {
                parsed.put(code, BatteryCodes.parse(code, latest));
            }
        }
        if (!invalid.isEmpty()) {
            // Every bad code of the batch at once, so a bulk import can report them all.
            throw new LedgerException(LedgerError.INVALID_CODE, String.join(" | ", invalid));
        }

        // Children: from this request or already on the ledger; each bound once.
        Map<String, String> parentOf = new HashMap<>();
        for (UnitRequests.NewUnit in : req.units()) {
            for (String child : in.children()) {
                String other = parentOf.putIfAbsent(child, in.code());
                if (other != null) {
                    throw new LedgerException(LedgerError.DUPLICATE, "unit %s is listed as a child of both %s and %s",
                            child, other, in.code());
                }
            }
        }

        Map<String, BatteryUnit> created = new LinkedHashMap<>();
        for (UnitRequests.NewUnit in : req.units()) {
            BatteryCode code = parsed.get(in.code());
            if (code.isCascade()) {
                throw new LedgerException(LedgerError.INVALID_CODE,
                        "code %s: the 19-character cascade form is given to repurposed successors only (GB/T 34014 §4.2)",
                        in.code());
            }
            Permissions.requireOwnsPrefix(tx.caller(), in.code(), code.manufacturer());
            if (tx.units().exists(in.code())) {
                throw new LedgerException(LedgerError.DUPLICATE, "unit %s is already registered", in.code());
            }
            String euId = attachable(tx, in.euUniqueId(), in.code());
            created.put(in.code(), newUnit(tx, code, in, euId, Status.PRODUCED, EuStatus.ORIGINAL,
                    ResponsibilityBasis.BATTERY_MAKER, List.of(), parentOf.get(in.code())));
        }

        Map<String, BatteryUnit> ledgerChildren = new LinkedHashMap<>();
        for (var link : parentOf.entrySet()) {
            BatteryUnit parent = created.get(link.getValue());
            BatteryUnit child = created.get(link.getKey());
            if (child == null) {
                child = tx.units().require(link.getKey());
                Hierarchy.requireFree(child);
                Lifecycle.next(child, Action.BIND_CHILDREN);
                Permissions.requireCustodian(tx.caller(), child);
                ledgerChildren.put(child.code(), child);
            }
            Hierarchy.requireLevelsAndStates(parent, child);
        }
        java.util.Set<String> euIds = new java.util.HashSet<>();
        for (BatteryUnit u : created.values()) {
            if (u.euUniqueId() != null && !euIds.add(u.euUniqueId())) {
                throw new LedgerException(LedgerError.DUPLICATE, "EU identifier %s appears twice in the request",
                        u.euUniqueId());
            }
            tx.save(null, u);
            if (u.euUniqueId() != null) {
                tx.state().put(Keys.euId(u.euUniqueId()), u.code().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        for (BatteryUnit before : ledgerChildren.values()) {
            tx.save(before, before.edit().parent(parentOf.get(before.code())).event(tx.stamp(null)).build());
        }
        tx.detail("count", Integer.toString(created.size()));
    }

    /** A new unit as registered or repurposed, before it is saved. */
    static BatteryUnit newUnit(TxContext tx, BatteryCode code, UnitRequests.NewUnit in, String euId, Status status,
            EuStatus euStatus, ResponsibilityBasis basis, List<String> origins, String parent) {
        String me = tx.caller().participantId();
        return new BatteryUnit(code.value(), code.level(), code.form(), code.manufacturer(),
                code.batteryType().key(), code.specification(), code.traceability(), code.productionDate(),
                code.serial(), in.spec(), euId, status, euStatus, me, me, me, basis, tx.now(), null, parent,
                in.children(), origins, List.of(), null, null, null, tx.stamp(null), tx.now(), tx.now(), 1);
    }

    public static void bindChildren(TxContext tx, UnitRequests.BindChildren req) {
        BatteryUnit parent = tx.units().require(req.parent());
        Permissions.requireCreator(tx.caller(), parent);
        Lifecycle.next(parent, tx.action());
        List<String> children = new ArrayList<>(parent.children());
        for (String code : req.children()) {
            BatteryUnit child = tx.units().require(code);
            Hierarchy.requireFree(child);
            Hierarchy.requireLevelsAndStates(parent, child);
            Permissions.requireCustodian(tx.caller(), child);
            Lifecycle.next(child, tx.action());
            children.add(code);
            tx.save(child, child.edit().parent(parent.code()).event(tx.stamp(null)).build());
        }
        tx.save(parent, parent.edit().children(children).event(tx.stamp(null)).build());
    }

    public static void attachEuId(TxContext tx, UnitRequests.AttachEuId req) {
        BatteryUnit unit = tx.units().require(req.code());
        Permissions.requireMarketOperator(tx.caller(), unit);
        Lifecycle.next(unit, tx.action());
        if (unit.euUniqueId() != null) {
            if (unit.euUniqueId().equals(req.euUniqueId())) {
                throw new LedgerException(LedgerError.DUPLICATE, "unit %s already carries %s", unit.code(),
                        unit.euUniqueId());
            }
            throw new LedgerException(LedgerError.DUPLICATE,
                    "unit %s already carries EU identifier %s; an identifier is attributed once (Art. 77(3))",
                    unit.code(), unit.euUniqueId());
        }
        String euId = attachable(tx, req.euUniqueId(), unit.code());
        tx.state().put(Keys.euId(euId), unit.code().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        tx.save(unit, unit.edit().euUniqueId(euId).event(tx.stamp(null)).build());
    }

    public static void ship(TxContext tx, UnitRequests.OnUnit req) {
        BatteryUnit unit = tx.units().require(req.code());
        Status next = Lifecycle.next(unit, tx.action());
        Permissions.requireCustodian(tx.caller(), unit);
        if (unit.status() == Status.CASCADE_PRODUCED) {
            // CASCADE_SHIPPED is for white-listed operators (domain.md §6.3; 溯源规定 Art. 14).
            Permissions.requireCertified(tx.caller().participant(), org.batteryledger.chaincode.participant.Role.CASCADE_OPERATOR, tx.now());
        }
        tx.save(unit, unit.edit().status(next).event(tx.stamp(null)).build());
        tx.detail("note", req.note());
    }

    /** A valid EU identifier not yet used by another unit, or null when none is given. */
    private static String attachable(TxContext tx, String euUniqueId, String code) {
        if (euUniqueId == null) {
            return null;
        }
        String value = EuUniqueId.of(euUniqueId).value();
        byte[] owner = tx.state().get(Keys.euId(value));
        if (owner != null) {
            throw new LedgerException(LedgerError.DUPLICATE, "EU identifier %s already identifies %s", value,
                    new String(owner, java.nio.charset.StandardCharsets.UTF_8));
        }
        return value;
    }
}
