package org.batteryledger.chaincode.unit;

import java.util.List;

/**
 * Model data for the passport (EU 2023/1542 Annex XIII point 1, a subset) and the dismantling
 * document reference (point 2(c)). Integers only: grams, mAh, mV, Wh, per mille.
 * {@code dismantlingInfoHash} is legitimate-interest data; the rest is public.
 */
public record UnitSpec(
        String model,
        String chemistry,
        Long massGrams,
        Long ratedCapacityMah,
        Long nominalVoltageMv,
        Long ratedEnergyWh,
        String placeOfManufacture,
        List<String> hazards,
        String extinguishingAgent,
        Integer expectedCycles,
        Integer capacityThresholdPermille,
        String dismantlingInfoHash) {

    public UnitSpec {
        hazards = hazards == null ? List.of() : List.copyOf(hazards);
    }

    public static UnitSpec empty() {
        return new UnitSpec(null, null, null, null, null, null, null, List.of(), null, null, null, null);
    }

    /** Re-rated capacity or energy, required of a cascade successor (domain.md §6.4). */
    public boolean hasRating() {
        return ratedCapacityMah != null || ratedEnergyWh != null;
    }
}
