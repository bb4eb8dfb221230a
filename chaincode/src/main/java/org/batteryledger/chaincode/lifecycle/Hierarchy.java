package org.batteryledger.chaincode.lifecycle;

import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.Status;

/**
 * Pack → module → cell links (GB/T 34014 §4.1; domain.md §6.4 Hierarchy): the parent's level
 * must contain the child's; a child belongs to one parent at a time; both are still at the
 * maker (PRODUCED or IN_STOCK).
 */
final class Hierarchy {
    private Hierarchy() {}

    static void requireFree(BatteryUnit child) {
        if (child.parent() != null) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "unit %s is already part of %s", child.code(),
                    child.parent());
        }
    }

    static void requireLevelsAndStates(BatteryUnit parent, BatteryUnit child) {
        if (!parent.level().canContain(child.level())) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "a %s (%s) cannot contain a %s (%s)",
                    parent.level(), parent.code(), child.level(), child.code());
        }
        for (BatteryUnit u : new BatteryUnit[] {parent, child}) {
            if (u.status() != Status.PRODUCED && u.status() != Status.IN_STOCK && u.status() != Status.CASCADE_PRODUCED) {
                throw new LedgerException(LedgerError.ILLEGAL_TRANSITION,
                        "binding needs both units PRODUCED, IN_STOCK or CASCADE_PRODUCED; %s is %s", u.code(),
                        u.status());
            }
        }
    }
}
