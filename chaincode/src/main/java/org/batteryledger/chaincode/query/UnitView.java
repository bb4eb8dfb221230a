package org.batteryledger.chaincode.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.batteryledger.chaincode.access.Tier;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.unit.BatteryUnit;

/**
 * A unit as one tier may see it. Fields are listed per tier (an allow-list): a field added to
 * {@link BatteryUnit} later is authority-only until someone decides otherwise, so a public read
 * can never leak it.
 *
 * <ul>
 *   <li>Public (EU Annex XIII point 1; GB/T 34014 code decode; status): the code and its fields,
 *       model data, status, EU status and identifier, the links to predecessor and successor
 *       passports.</li>
 *   <li>Legitimate interest (points 2 and 4): plus custody, responsibility, VIN, composition
 *       (parent, children), state of health, the last event, pending handover, the dismantling
 *       information reference.</li>
 *   <li>Authority (point 3, and everything): plus test-report and commercial hashes.</li>
 * </ul>
 */
public final class UnitView {
    private static final Set<String> PUBLIC = Set.of("code", "level", "form", "manufacturerCode", "batteryType",
            "specification", "traceability", "productionDate", "serial", "spec", "euUniqueId", "status", "euStatus",
            "origins", "successors", "registeredAt", "updatedAt", "version");
    private static final Set<String> LEGITIMATE = Set.of("registeredBy", "holder", "responsible", "responsibleBasis",
            "responsibleSince", "vin", "parent", "children", "pendingHandover", "stateOfHealth", "recyclingBatch",
            "lastEvent");
    private static final Set<String> PUBLIC_SPEC = Set.of("model", "chemistry", "massGrams", "ratedCapacityMah",
            "nominalVoltageMv", "ratedEnergyWh", "placeOfManufacture", "hazards", "extinguishingAgent",
            "expectedCycles", "capacityThresholdPermille");

    private UnitView() {}

    public static ObjectNode of(BatteryUnit unit, Tier tier) {
        ObjectNode node = Json.mapper().valueToTree(unit);
        if (tier != Tier.AUTHORITY) {
            node.retain(tier == Tier.PUBLIC ? PUBLIC : union());
            if (node.get("stateOfHealth") instanceof ObjectNode soh) {
                soh.remove("reportHash");
            }
            if (node.get("pendingHandover") instanceof ObjectNode p) {
                p.remove("commercialHash");
            }
            if (tier == Tier.PUBLIC && node.get("spec") instanceof ObjectNode spec) {
                spec.retain(PUBLIC_SPEC);
            }
        }
        node.put("tier", tier.name());
        return node;
    }

    private static Set<String> union() {
        java.util.HashSet<String> all = new java.util.HashSet<>(PUBLIC);
        all.addAll(LEGITIMATE);
        return all;
    }
}
