package org.batteryledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole life of packs over HTTP on a real H2 file ledger, with state, history and read model checked at each step. */
class LifecycleOverHttpTest extends HttpLedgerTestBase {

    private JsonNode unit(String code) {
        return get("regulator", "/api/batteries/" + code).getBody();
    }

    private int historyLength(String code) {
        return get("regulator", "/api/batteries/" + code + "/history?pageSize=1000").getBody().get("count").asInt();
    }

    private String readModelStatus(String code) {
        JsonNode page = get("regulator", "/api/batteries?limit=500&status=" + unit(code).get("status").asText())
                .getBody();
        for (JsonNode item : page.get("items")) {
            if (item.get("code").asText().equals(code)) {
                return item.get("status").asText();
            }
        }
        return null;
    }

    private void step(String user, String path, Object body, String code, String expectedStatus) {
        int before = historyLength(code);
        commit(user, path, body);
        assertThat(unit(code).get("status").asText()).as(path).isEqualTo(expectedStatus);
        assertThat(historyLength(code)).as("history after " + path).isGreaterThan(before);
        assertThat(readModelStatus(code)).as("read model after " + path).isEqualTo(expectedStatus);
    }

    @Test
    void a_pack_lives_from_production_through_a_vehicle_to_second_life() {
        String pack = newPackCode();
        String vin = newVin(1);

        commit("maker", "/api/batteries", req("code", pack, "spec", Map.of("massGrams", 420_000, "ratedEnergyWh", 75_000)));
        assertThat(unit(pack).get("status").asText()).isEqualTo("PRODUCED");
        step("maker", "/api/batteries/" + pack + "/ship", req(), pack, "IN_STOCK");
        commit("maker", "/api/handovers", req("codes", List.of(pack), "to", companyId("automaker"),
                "commercial", Map.of("priceMinor", 9_500_000, "currency", "CNY", "contractRef", "IT-1")));
        assertThat(unit(pack).get("holder").asText()).isEqualTo(companyId("maker"));
        step("automaker", "/api/handovers/accept", req("codes", List.of(pack)), pack, "IN_STOCK");
        assertThat(unit(pack).get("holder").asText()).isEqualTo(companyId("automaker"));
        step("automaker", "/api/batteries/" + pack + "/install", req("vin", vin), pack, "INSTALLED");
        step("automaker", "/api/vehicles/" + vin + "/sell", req(), pack, "IN_USE");
        assertThat(unit(pack).get("responsible").asText()).isEqualTo(companyId("automaker"));
        step("dismantler", "/api/vehicles/" + vin + "/scrap",
                req("presentCodes", List.of(pack), "certificateNumber", "SC-IT-1"), pack, "IN_USE");
        step("dismantler", "/api/batteries/" + pack + "/remove", req(), pack, "REMOVED");
        step("dismantler", "/api/batteries/" + pack + "/collect", req(), pack, "COLLECTED");
        commit("dismantler", "/api/handovers", req("codes", List.of(pack), "to", companyId("secondlife")));
        step("secondlife", "/api/handovers/accept", req("codes", List.of(pack)), pack, "AT_CASCADE_OPERATOR");
        step("secondlife", "/api/batteries/" + pack + "/test",
                req("result", Map.of("sohPermille", 760, "standard", "GB/T 34015-2017")), pack, "TESTED");
        String successor = "SL2PEB2" + pack.substring(14, 17) + "8" + pack.substring(18, 24) + "RP";
        commit("secondlife", "/api/repurposings", req("originals", List.of(pack), "successor",
                Map.of("code", successor, "spec", Map.of("ratedEnergyWh", 40_000))));

        assertThat(unit(pack).get("status").asText()).isEqualTo("CONSUMED_INTO_SUCCESSOR");
        assertThat(unit(successor).get("origins").get(0).asText()).isEqualTo(pack);
        assertThat(unit(successor).get("responsible").asText()).isEqualTo(companyId("secondlife"));
        assertThat(readModelStatus(successor)).isEqualTo("CASCADE_PRODUCED");
    }

    @Test
    void a_pack_goes_to_waste_and_is_recycled_with_mass_balance() {
        String pack = newPackCode();
        String vin = newVin(2);
        commit("maker", "/api/batteries", req("code", pack));
        commit("maker", "/api/batteries/" + pack + "/ship", req());
        commit("maker", "/api/handovers", req("codes", List.of(pack), "to", companyId("automaker")));
        commit("automaker", "/api/handovers/accept", req("codes", List.of(pack)));
        commit("automaker", "/api/batteries/" + pack + "/install", req("vin", vin));
        commit("automaker", "/api/vehicles/" + vin + "/sell", req());
        commit("dismantler", "/api/vehicles/" + vin + "/scrap", req("presentCodes", List.of(pack), "certificateNumber", "SC-IT-2"));
        commit("dismantler", "/api/batteries/" + pack + "/remove", req());

        step("dismantler", "/api/batteries/" + pack + "/declare-waste", req("reason", "crash damage"), pack, "WASTE");
        commit("dismantler", "/api/handovers", req("codes", List.of(pack), "to", companyId("recycler")));
        step("recycler", "/api/handovers/accept", req("codes", List.of(pack)), pack, "AT_RECYCLER");
        JsonNode done = commit("recycler", "/api/recycling-batches", req("batchId", "IT-B-" + pack.substring(17),
                "route", "HYDROMETALLURGY", "inputs", List.of(Map.of("code", pack, "massGrams", 400_000)),
                "elementsInput", Map.of("LI", 8_000, "NI", 30_000), "elementsRecovered", Map.of("LI", 6_000, "NI", 29_000),
                "outputs", List.of(Map.of("name", "black mass", "massGrams", 300_000, "destination", "refinery",
                        "countsAsRecycling", true))));

        assertThat(done.get("status").asText()).isEqualTo("COMMITTED");
        assertThat(unit(pack).get("status").asText()).isEqualTo("RECYCLED");
        assertThat(unit(pack).get("euStatus").asText()).isEqualTo("WASTE");
        JsonNode batch = get("regulator", "/api/recycling-batches/IT-B-" + pack.substring(17)).getBody();
        assertThat(batch.get("recyclingEfficiencyBasisPoints").asInt()).isEqualTo(7500);
    }
}
