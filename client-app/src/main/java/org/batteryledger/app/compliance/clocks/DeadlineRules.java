package org.batteryledger.app.compliance.clocks;

import static org.batteryledger.chaincode.participant.Role.AUTOMAKER;
import static org.batteryledger.chaincode.participant.Role.CASCADE_OPERATOR;
import static org.batteryledger.chaincode.participant.Role.COLLECTION_POINT;
import static org.batteryledger.chaincode.participant.Role.DISMANTLER;
import static org.batteryledger.chaincode.participant.Role.IMPORTER;
import static org.batteryledger.chaincode.participant.Role.RECYCLER;
import static org.batteryledger.chaincode.participant.Role.REPAIRER;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.batteryledger.app.compliance.Evidence;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.participant.Role;

/**
 * The deadlines of domain.md §6.6 mapped onto the ledger's actions. Deadlines the sources do not
 * give (battery makers' production and shipment, Art. 8; swaps under the 2026 办法) have no rule,
 * and the report says so rather than inventing one.
 */
public final class DeadlineRules {
    private static final List<DeadlineRule> RULES = List.of(
            // The vehicle's 出厂合格证 is not a ledger event; binding the pack to the VIN at the factory
            // is the closest one, so the Art. 9 clock starts there.
            new DeadlineRule(Action.INSTALL, Set.of(AUTOMAKER), 15, "出厂合格证 issued (pack bound to VIN)",
                    "溯源管理暂行规定 Art. 9", Evidence.SECONDARY),
            new DeadlineRule(Action.INSTALL, Set.of(IMPORTER), 15, "customs clearance (pack bound to VIN)",
                    "溯源管理暂行规定 Art. 9", Evidence.SECONDARY),
            new DeadlineRule(Action.REPAIR, Set.of(REPAIRER, AUTOMAKER, IMPORTER), 30, "battery repaired",
                    "溯源管理暂行规定 Arts 10, 12", Evidence.CONFIRMED),
            new DeadlineRule(Action.REPLACE, Set.of(REPAIRER, AUTOMAKER, IMPORTER), 30, "battery replaced",
                    "溯源管理暂行规定 Arts 10, 12", Evidence.CONFIRMED),
            new DeadlineRule(Action.COLLECT, Set.of(COLLECTION_POINT, AUTOMAKER, IMPORTER), 30,
                    "回收入库 at a collection point", "溯源管理暂行规定 Art. 11", Evidence.CONFIRMED),
            new DeadlineRule(Action.OFFER_HANDOVER, Set.of(COLLECTION_POINT, AUTOMAKER, IMPORTER), 30,
                    "移交出库 from a collection point", "溯源管理暂行规定 Art. 11", Evidence.CONFIRMED),
            new DeadlineRule(Action.SCRAP_VEHICLE, Set.of(DISMANTLER), 15, "报废汽车回收证明 issued",
                    "溯源管理暂行规定 Art. 13", Evidence.CONFIRMED),
            new DeadlineRule(Action.REMOVE, Set.of(DISMANTLER), 15, "battery removed", "溯源管理暂行规定 Art. 13",
                    Evidence.CONFIRMED),
            new DeadlineRule(Action.OFFER_HANDOVER, Set.of(DISMANTLER), 15, "battery transferred out",
                    "溯源管理暂行规定 Art. 13", Evidence.CONFIRMED),
            new DeadlineRule(Action.SHIP, Set.of(CASCADE_OPERATOR), 15, "梯次产品出库",
                    "溯源管理暂行规定 Art. 14", Evidence.CONFIRMED),
            new DeadlineRule(Action.COLLECT, Set.of(CASCADE_OPERATOR), 15, "cascade waste 入库",
                    "溯源管理暂行规定 Art. 14", Evidence.CONFIRMED),
            new DeadlineRule(Action.OFFER_HANDOVER, Set.of(CASCADE_OPERATOR), 15, "cascade waste 移交出库",
                    "溯源管理暂行规定 Art. 14", Evidence.CONFIRMED),
            new DeadlineRule(Action.ACCEPT_HANDOVER, Set.of(RECYCLER), 30, "接收入库 at the recycler",
                    "溯源管理暂行规定 Art. 15", Evidence.CONFIRMED),
            new DeadlineRule(Action.RECORD_RECYCLING, Set.of(RECYCLER), 30, "再生利用及最终处理完成",
                    "溯源管理暂行规定 Art. 15", Evidence.CONFIRMED));

    /** What the sources leave open, stated in every deadline report. */
    public static final List<String> GAPS = List.of(
            "Battery makers' production and shipment uploads (溯源管理暂行规定 Art. 8): deadline not retrieved"
                    + " (domain.md §6.6 ❓); no clock is run.",
            "Swaps (2026 办法, from 2026-04-01): deadline unknown (domain.md §3.6 ❓); no clock is run; the"
                    + " 2018 deadlines are applied to every other event after 2026-04-01.",
            "Art. 9 deadlines (15 WD) come from secondary summaries (domain.md §3.2 ⚠️); the trigger is the"
                    + " VIN binding, the ledger's nearest event to the 出厂合格证.");

    private DeadlineRules() {}

    public static List<DeadlineRule> all() {
        return RULES;
    }

    /** The rule for an action recorded in a role, if the sources give one. */
    public static Optional<DeadlineRule> find(String action, String role) {
        for (DeadlineRule r : RULES) {
            if (r.action().name().equals(action) && r.roles().stream().map(Role::name).anyMatch(role::equals)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
