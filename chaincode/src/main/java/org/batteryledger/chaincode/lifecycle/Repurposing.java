package org.batteryledger.chaincode.lifecycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.access.Permissions;
import org.batteryledger.chaincode.code.BatteryCode;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.tx.TxContext;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.EuStatus;
import org.batteryledger.chaincode.unit.ResponsibilityBasis;
import org.batteryledger.chaincode.unit.Status;

/**
 * Second life. Repurposing never edits an original beyond closing it: it creates a successor
 * with a new code under the operator's own prefix (GB/T 34014 §4.2: 重新按照编码规则进行编码,
 * 原动力蓄电池产品的编码需要保留), linked to its originals both ways; the originals end in
 * CONSUMED_INTO_SUCCESSOR; the operator becomes responsible (EU 2023/1542 Art. 77: a new
 * passport linked to the original's).
 */
public final class Repurposing {
    private Repurposing() {}

    public static void repurpose(TxContext tx, UnitRequests.Repurpose req) {
        Permissions.requireCertified(tx.caller().participant(), Role.CASCADE_OPERATOR, tx.now());
        LocalDate latest = BatteryCodes.latestDateAt(tx.now());
        UnitRequests.NewUnit in = req.successor();
        BatteryCode code = BatteryCodes.parse(in.code(), latest);
        Permissions.requireOwnsPrefix(tx.caller(), in.code(), code.manufacturer());
        if (tx.units().exists(in.code())) {
            throw new LedgerException(LedgerError.DUPLICATE, "unit %s is already registered", in.code());
        }
        List<BatteryUnit> originals = new ArrayList<>();
        for (String originalCode : new java.util.TreeSet<>(req.originals())) {
            BatteryUnit original = tx.units().require(originalCode);
            Permissions.requireCustodian(tx.caller(), original);
            Lifecycle.next(original, Action.REPURPOSE);
            originals.add(original);
        }
        if (originals.size() != req.originals().size()) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT, "field 'originals': lists a code twice");
        }
        String euId = null;
        if (in.euUniqueId() != null) {
            euId = org.batteryledger.chaincode.code.EuUniqueId.of(in.euUniqueId()).value();
            if (tx.state().exists(Keys.euId(euId))) {
                throw new LedgerException(LedgerError.DUPLICATE, "EU identifier %s is already used", euId);
            }
            tx.state().put(Keys.euId(euId), in.code().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        EuStatus euStatus = Boolean.TRUE.equals(req.remanufactured()) ? EuStatus.REMANUFACTURED : EuStatus.REPURPOSED;
        BatteryUnit successor = Production.newUnit(tx, code, in, euId, Status.CASCADE_PRODUCED, euStatus,
                ResponsibilityBasis.REPURPOSER, req.originals(), null);
        tx.save(null, successor);
        for (BatteryUnit original : originals) {
            List<String> successors = new ArrayList<>(original.successors());
            successors.add(successor.code());
            tx.save(original, original.edit().status(Status.CONSUMED_INTO_SUCCESSOR).successors(successors)
                    .event(tx.stamp(null)).build());
        }
        tx.detail("successor", successor.code());
    }
}
