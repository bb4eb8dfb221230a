package org.batteryledger.chaincode.tx;

import org.batteryledger.chaincode.unit.BatteryUnit;

/**
 * What a unit inside another shares with it: state, EU status, custody and responsibility. A
 * module in a pack is wherever the pack is; when the pack is recycled or consumed into a
 * successor, so is what is still inside it, so nothing can be detached later to revive it.
 */
final class Containment {
    private Containment() {}

    static boolean moved(BatteryUnit before, BatteryUnit after) {
        return before.status() != after.status() || before.euStatus() != after.euStatus()
                || !before.holder().equals(after.holder()) || !before.responsible().equals(after.responsible());
    }

    static boolean differs(BatteryUnit parent, BatteryUnit child) {
        return parent.status() != child.status() || parent.euStatus() != child.euStatus()
                || !parent.holder().equals(child.holder()) || !parent.responsible().equals(child.responsible())
                || parent.responsibleBasis() != child.responsibleBasis();
    }

    static BatteryUnit follow(BatteryUnit child, BatteryUnit parent, org.batteryledger.chaincode.unit.LastEvent stamp) {
        return child.edit().status(parent.status()).euStatus(parent.euStatus()).holder(parent.holder())
                .responsible(parent.responsible(), parent.responsibleBasis(), parent.responsibleSince())
                .event(stamp).build();
    }
}
