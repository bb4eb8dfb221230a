package org.batteryledger.chaincode.lifecycle;

import org.batteryledger.chaincode.tx.TxContext;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.Status;

/**
 * Units still inside a unit that ends share its end: the modules and cells of a recycled pack
 * are recycled with it, those of a repurposed one are consumed with it. Otherwise they could be
 * detached afterwards and revive a finished pack's contents.
 */
public final class Containment {
    private Containment() {}

    public static void closeDescendants(TxContext tx, BatteryUnit parent, Status terminal) {
        for (String code : parent.children()) {
            BatteryUnit child = tx.units().require(code);
            if (!child.status().isTerminal()) {
                tx.save(child, child.edit().status(terminal).holder(parent.holder()).event(tx.stamp(null)).build());
            }
            closeDescendants(tx, child, terminal);
        }
    }
}
