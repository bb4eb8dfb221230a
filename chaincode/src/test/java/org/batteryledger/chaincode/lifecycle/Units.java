package org.batteryledger.chaincode.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.batteryledger.chaincode.code.CodeForm;
import org.batteryledger.chaincode.code.Level;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.EuStatus;
import org.batteryledger.chaincode.unit.ResponsibilityBasis;
import org.batteryledger.chaincode.unit.Status;
import org.batteryledger.chaincode.unit.UnitSpec;

/** Free-standing units for plain domain tests. */
final class Units {
    private Units() {}

    static BatteryUnit unit(Status status) {
        Instant t = Instant.parse("2026-06-01T00:00:00Z");
        return new BatteryUnit("A1BPEA1TRACE01G1F0000001", Level.PACK, CodeForm.STANDARD, "A1B", "NCM", "A1",
                "TRACE01", LocalDate.of(2026, 1, 15), "0000001", UnitSpec.empty(), null, status, EuStatus.ORIGINAL,
                "maker", "maker", "maker", ResponsibilityBasis.BATTERY_MAKER, t, null, null, List.of(), List.of(),
                List.of(), null, null, null, null, t, t, 1);
    }
}
