package org.batteryledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each refusal answers with its status and a problem naming the code and the rule, and changes nothing. */
class RefusalsOverHttpTest extends HttpLedgerTestBase {
    private String pack;

    @BeforeEach
    void aShippedPack() {
        pack = newPackCode();
        commit("maker", "/api/batteries", req("code", pack));
        commit("maker", "/api/batteries/" + pack + "/ship", req());
    }

    private JsonNode unit() {
        return get("regulator", "/api/batteries/" + pack).getBody();
    }

    private void assertProblem(ResponseEntity<JsonNode> r, int status, String code, String rule) {
        assertThat(r.getStatusCode().value()).isEqualTo(status);
        assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(r.getBody().get("code").asText()).isEqualTo(code);
        assertThat(r.getBody().get("detail").asText()).contains(rule);
    }

    @Test
    void a_wrong_role_is_forbidden() {
        JsonNode before = unit();

        var r = post("recycler", "/api/batteries/" + pack + "/ship", req());

        assertProblem(r, 403, "FORBIDDEN", "may not SHIP");
        assertThat(unit()).isEqualTo(before);
    }

    @Test
    void a_party_that_does_not_hold_the_unit_is_not_its_custodian() {
        JsonNode before = unit();

        var r = post("maker2", "/api/handovers", req("codes", List.of(pack), "to", companyId("automaker")));

        assertProblem(r, 403, "NOT_CUSTODIAN", "is held by");
        assertThat(unit()).isEqualTo(before);
    }

    @Test
    void an_illegal_transition_is_a_conflict() {
        JsonNode before = unit();

        var r = post("maker", "/api/batteries/" + pack + "/ship", req());

        assertProblem(r, 409, "ILLEGAL_TRANSITION", "cannot SHIP");
        assertThat(unit()).isEqualTo(before);
    }

    @Test
    void a_malformed_code_names_the_position_and_rule() {
        String bad = pack.substring(0, 14) + "IIQ" + pack.substring(17);

        var r = post("maker", "/api/batteries", req("code", bad));

        assertProblem(r, 422, "INVALID_CODE", "position 15");
        assertThat(get("regulator", "/api/batteries/" + bad).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void a_repeated_event_id_returns_the_first_result_and_a_changed_one_is_a_duplicate() {
        Map<String, Object> offer = req("codes", List.of(pack), "to", companyId("automaker"));
        JsonNode first = commit("maker", "/api/handovers", offer);
        JsonNode before = unit();

        var again = post("maker", "/api/handovers", offer);
        Map<String, Object> changed = new java.util.LinkedHashMap<>(offer);
        changed.put("to", companyId("repairer"));
        var conflicting = post("maker", "/api/handovers", changed);

        assertThat(again.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getBody().get("txId").asText()).isEqualTo(first.get("txId").asText());
        assertThat(unit()).isEqualTo(before);
        assertProblem(conflicting, 409, "DUPLICATE", offer.get("clientEventId").toString());
        assertThat(unit()).isEqualTo(before);
    }

    @Test
    void the_public_passport_needs_no_sign_in_and_carries_no_restricted_field() {
        var r = get(null, "/api/passport/" + pack);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody().get("tier").asText()).isEqualTo("PUBLIC");
        assertThat(r.getBody().has("holder")).isFalse();
        assertThat(r.getBody().has("responsible")).isFalse();
        assertThat(get(null, "/api/batteries/" + pack).getStatusCode().value()).isEqualTo(401);
    }
}
