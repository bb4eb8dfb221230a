package org.batteryledger.chaincode.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.junit.jupiter.api.Test;

/** A pack from production to recycling, and another into second life, through the real router. */
class WholeLifeTest {

    @Test
    void a_pack_goes_from_production_through_vehicle_life_to_recycling() {
        LedgerFixture f = LedgerFixture.withConsortium();
        String pack = f.code(f.batteryMaker, 'P', 1);
        String vin = f.packInUse(pack, 1);
        assertThat(f.unit(f.regulator, pack).get("status").asText()).isEqualTo("IN_USE");
        assertThat(f.unit(f.regulator, pack).get("responsible").asText()).isEqualTo(f.automaker.id());

        f.scrapAndCollect(pack, vin);
        f.submit(f.dismantler, Transactions.DECLARE_WASTE, f.req("code", pack, "reason", "crushed")).expectOk();
        f.handOver(f.dismantler, f.recycler, pack);
        assertThat(f.unit(f.regulator, pack).get("status").asText()).isEqualTo("AT_RECYCLER");
        assertThat(f.unit(f.regulator, pack).get("euStatus").asText()).isEqualTo("WASTE");

        var out = f.submit(f.recycler, Transactions.RECORD_RECYCLING, f.req("batchId", "B-1", "route", "HYDROMETALLURGY",
                "inputs", List.of(Map.of("code", pack, "massGrams", 400_000)),
                "elementsInput", Map.of("LI", 8_000, "CO", 10_000, "NI", 30_000),
                "elementsRecovered", Map.of("LI", 6_000, "CO", 9_500, "NI", 29_000),
                "outputs", List.of(Map.of("name", "black mass", "massGrams", 300_000, "destination", "refinery",
                        "countsAsRecycling", true))));
        out.expectOk();
        assertThat(out.eventName()).isEqualTo("UnitsRecycled");
        assertThat(out.event().get("batch").get("recyclingEfficiencyBasisPoints").asInt()).isEqualTo(7500);
        assertThat(f.unit(f.regulator, pack).get("status").asText()).isEqualTo("RECYCLED");

        var history = f.evaluate(f.regulator, Transactions.GET_HISTORY, pack, "100", "").json();
        assertThat(history.get("items").get(0).get("unit").get("status").asText()).isEqualTo("RECYCLED");
        assertThat(history.get("count").asInt()).isGreaterThan(10);
    }

    @Test
    void a_retired_pack_is_repurposed_into_a_successor_under_the_operators_prefix() {
        LedgerFixture f = LedgerFixture.withConsortium();
        String pack = f.code(f.batteryMaker, 'P', 2);
        String vin = f.packInUse(pack, 2);
        f.scrapAndCollect(pack, vin);
        f.handOver(f.dismantler, f.cascadeOperator, pack);
        f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", pack, "result",
                Map.of("sohPermille", 780, "standard", "GB/T 34015-2017"))).expectOk();
        String successor = f.cascadeCode(f.cascadeOperator, 'P', 1);
        f.submit(f.cascadeOperator, Transactions.REPURPOSE, f.req("originals", List.of(pack), "successor",
                Map.of("code", successor, "spec", Map.of("ratedEnergyWh", 40_000)))).expectOk();

        var original = f.unit(f.regulator, pack);
        var next = f.unit(f.regulator, successor);
        assertThat(original.get("status").asText()).isEqualTo("CONSUMED_INTO_SUCCESSOR");
        assertThat(original.get("successors").get(0).asText()).isEqualTo(successor);
        assertThat(next.get("origins").get(0).asText()).isEqualTo(pack);
        assertThat(next.get("responsible").asText()).isEqualTo(f.cascadeOperator.id());
        assertThat(next.get("euStatus").asText()).isEqualTo("REPURPOSED");
    }
}
