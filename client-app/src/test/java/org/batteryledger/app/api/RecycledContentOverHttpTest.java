package org.batteryledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.ledger.Ledger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** Recycled-content declarations over HTTP on the demo consortium: write, read back, report, refusals. */
class RecycledContentOverHttpTest extends HttpLedgerTestBase {
    private static final int YEAR = LocalDate.now(ZoneOffset.ofHours(8)).getYear();
    private static final String PERIOD = "from=" + YEAR + "-01-01&to=" + YEAR + "-12-31";
    private static final String PLANT = "Ningde, Fujian, China";
    private static final String HASH = "e".repeat(64);

    @Autowired
    Ledger ledger;

    @Autowired
    org.batteryledger.app.identity.IdentityStore identities;

    @BeforeEach
    void caughtUp() {
        assertThat(projector.awaitBlock(ledger.height() - 1, Duration.ofSeconds(30))).isTrue();
    }

    private static Map<String, Object> share(int pre, int post) {
        return Map.of("preConsumerBasisPoints", pre, "postConsumerBasisPoints", post);
    }

    private static Map<String, Object> declaration(String model, Map<String, Object> shares) {
        return req("model", model, "plant", PLANT, "year", YEAR, "shares", shares, "documentHash", HASH,
                "documentRef", "dms://it/" + model);
    }

    /** The report's rows as column → value maps. */
    private static List<Map<String, JsonNode>> rows(JsonNode report) {
        List<Map<String, JsonNode>> out = new ArrayList<>();
        for (JsonNode row : report.path("rows")) {
            Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < report.path("columns").size(); i++) {
                m.put(report.path("columns").get(i).asText(), row.get(i));
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void aMakerDeclaresAndReadsItsDeclarationBack() {
        JsonNode written = commit("maker", "/api/recycled-content", declaration("IT-RC-1",
                Map.of("CO", share(600, 1_100), "NI", share(100, 200))));
        assertThat(written.path("result").path("event").asText()).isEqualTo("RecycledContentDeclared");

        ResponseEntity<JsonNode> r = get("automaker", "/api/recycled-content/" + companyId("maker") + "/IT-RC-1");

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        JsonNode d = r.getBody().path("items").get(0);
        assertThat(d.path("plant").asText()).isEqualTo(PLANT);
        assertThat(d.path("year").asInt()).isEqualTo(YEAR);
        assertThat(d.path("shares").path("CO").path("totalBasisPoints").asInt()).isEqualTo(1_700);
        assertThat(d.path("revision").asInt()).isEqualTo(1);
    }

    @Test
    void theReportShowsTheDeclarationPerMaterialWithItsVerdict() {
        commit("maker", "/api/recycled-content", declaration("IT-RC-2", Map.of("LI", share(100, 400))));

        ResponseEntity<JsonNode> r = get("maker", "/api/reports/recycled-content?" + PERIOD);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        Map<String, JsonNode> li = rows(r.getBody()).stream()
                .filter(x -> x.get("model").asText().equals("IT-RC-2")).findFirst().orElseThrow();
        assertThat(li.get("material").asText()).isEqualTo("LI");
        assertThat(li.get("declaredBp").asInt()).isEqualTo(500);
        assertThat(li.get("verdict").asText()).isEqualTo("NO MINIMUM YET");
        assertThat(li.get("nextMinimumBp").asInt()).isEqualTo(600);
        assertThat(li.get("meetsNextMinimum").asBoolean()).isFalse();
    }

    @Test
    void theDemoDeclaresTheFirstMakersModelsAndLeavesTheSecondMakersUndeclared() {
        List<Map<String, JsonNode>> rows = rows(get("regulator", "/api/reports/recycled-content?" + PERIOD).getBody());

        assertThat(rows).anyMatch(x -> x.get("model").asText().equals("NPC-E75") && x.get("material").asText()
                .equals("CO") && x.get("declaredBp").asInt() == 1_700 && x.get("packsPlaced").asLong() > 0);
        assertThat(rows).anyMatch(x -> x.get("model").asText().equals("NPC-B60") && x.get("revision").asInt() == 2);
        assertThat(rows).anyMatch(x -> x.get("model").asText().equals("HBB-B70")
                && x.get("verdict").asText().equals("NOT DECLARED"));
    }

    @Test
    void theSignedExportOfTheReportVerifiesAgainstTheMakersCa() {
        ResponseEntity<JsonNode> r = get("maker", "/api/reports/recycled-content/signed?" + PERIOD);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        java.util.Map<Long, String> hashes = new java.util.HashMap<>();
        var embedded = (org.batteryledger.app.ledger.embedded.EmbeddedLedger) ledger;
        r.getBody().path("manifest").path("blocks").forEach(b -> embedded.block(b.path("number").asLong())
                .ifPresent(h -> hashes.put(h.number(), h.hash())));
        var ca = identities.developmentCa().authority("MakerMSP").certificate();
        assertThat(org.batteryledger.app.compliance.export.SignedReportVerifier.verify(r.getBody(), ca, hashes)
                .findings()).isEmpty();
        assertThat(r.getBody().toString()).contains("NPC-E75");
    }

    @Test
    void aCompanySeesOnlyItsOwnRows() {
        List<Map<String, JsonNode>> rows = rows(get("maker2", "/api/reports/recycled-content?" + PERIOD).getBody());

        assertThat(rows).isNotEmpty().allMatch(x -> x.get("maker").asText().equals(companyId("maker2")));
    }

    @Test
    void sharesAboveTheWholeAreRefusedAsAProblemNamingTheField() {
        ResponseEntity<JsonNode> r = post("maker", "/api/recycled-content",
                declaration("IT-RC-3", Map.of("LI", share(6_000, 4_500))));

        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(r.getBody().path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(r.getBody().path("detail").asText()).contains("field 'shares.LI'", "10000");
    }

    @Test
    void anAutomakerMayNotDeclare() {
        ResponseEntity<JsonNode> r = post("automaker", "/api/recycled-content",
                declaration("IT-RC-4", Map.of("CO", share(1, 1))));

        assertThat(r.getStatusCode().value()).isEqualTo(403);
        assertThat(r.getBody().path("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aRetryWithTheSameClientEventIdLandsOnTheFirstResult() {
        Map<String, Object> body = declaration("IT-RC-5", Map.of("PB", share(0, 8_600)));
        JsonNode first = commit("maker", "/api/recycled-content", body);

        JsonNode again = commit("maker", "/api/recycled-content", body);

        assertThat(again.path("txId").asText()).isEqualTo(first.path("txId").asText());
        JsonNode items = get("maker", "/api/recycled-content/" + companyId("maker") + "/IT-RC-5").getBody()
                .path("items");
        assertThat(items.get(0).path("revision").asInt()).isEqualTo(1);
    }
}
