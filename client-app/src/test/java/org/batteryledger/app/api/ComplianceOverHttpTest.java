package org.batteryledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.compliance.export.SignedReportVerifier;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.embedded.EmbeddedLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** The compliance API on the demo consortium: who sees what, the errors, and the four formats. */
class ComplianceOverHttpTest extends HttpLedgerTestBase {
    private static final String YEAR = "from=" + LocalDate.now(ZoneOffset.ofHours(8)).getYear() + "-01-01&to="
            + LocalDate.now(ZoneOffset.ofHours(8)).getYear() + "-12-31";

    @Autowired
    IdentityStore identities;

    @Autowired
    Ledger ledger;

    @BeforeEach
    void caughtUp() {
        assertThat(projector.awaitBlock(ledger.height() - 1, Duration.ofSeconds(30))).isTrue();
    }

    private ResponseEntity<String> raw(String user, String path) {
        HttpHeaders h = new HttpHeaders();
        h.setBasicAuth(user, PASSWORD);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(h), String.class);
    }

    private static void assertProblem(ResponseEntity<JsonNode> r, int status, String code, String detailStart) {
        assertThat(r.getStatusCode().value()).isEqualTo(status);
        assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(r.getBody().path("code").asText()).isEqualTo(code);
        assertThat(r.getBody().path("detail").asText()).startsWith(detailStart);
    }

    @Test
    void theRegulatorListsTheReportsAndTheCalendar() {
        ResponseEntity<JsonNode> r = get("regulator", "/api/reports");

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody().path("reports")).hasSize(7);
        assertThat(r.getBody().path("calendar").path("provisionalYears").get(0).asInt()).isEqualTo(2027);
    }

    @Test
    void theRegulatorSeesEveryCompanysDeadlines() {
        ResponseEntity<JsonNode> r = get("regulator", "/api/reports/deadlines?" + YEAR);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody().path("columns").toString()).contains("lateRateBp");
        assertThat(r.getBody().path("parameters").path("company").asText()).isEqualTo("ALL");
        assertThat(r.getBody().path("rows").size()).isPositive();
    }

    @Test
    void anAutomakerGetsItsOwnFiguresOnly() {
        ResponseEntity<JsonNode> r = get("automaker", "/api/reports/producer-responsibility?" + YEAR);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody().path("rows")).isNotEmpty()
                .allMatch(row -> row.get(0).asText().equals(companyId("automaker")));
        assertThat(r.getBody().path("rows").get(0).get(3).asLong()).isPositive(); // demo packs installed
    }

    @Test
    void anotherCompanysReportIsForbiddenNamingTheField() {
        assertProblem(get("automaker", "/api/reports/deadlines?company=" + companyId("maker")), 403, "FORBIDDEN",
                "field 'company'");
        assertProblem(get("automaker", "/api/anomalies?company=" + companyId("maker")), 403, "FORBIDDEN",
                "field 'company'");
    }

    @Test
    void badParametersAreProblemsNamingTheFieldAndTheRule() {
        assertProblem(get("regulator", "/api/reports/nonsense"), 404, "UNKNOWN_REPORT", "field 'name': 'nonsense'");
        assertProblem(get("regulator", "/api/reports/deadlines?from=2026-13-01&to=2026-12-31"), 400,
                "INVALID_ARGUMENT", "field 'from': '2026-13-01' is not an ISO date");
        assertProblem(get("regulator", "/api/reports/deadlines?from=2026-06-01&to=2026-01-01"), 400,
                "INVALID_ARGUMENT", "field 'to': must not be before 'from'");
        assertProblem(get("regulator", "/api/reports/deadlines?from=2026-06-01"), 400, "INVALID_ARGUMENT",
                "field 'to': is required");
        assertProblem(get("regulator", "/api/reports/deadlines?company=nobody"), 400, "INVALID_ARGUMENT",
                "field 'company': no participant 'nobody'");
        assertProblem(get("regulator", "/api/anomalies?kind=EVERYTHING"), 400, "INVALID_ARGUMENT", "field 'kind'");
        assertProblem(get("regulator", "/api/anomalies?limit=0"), 400, "INVALID_ARGUMENT", "field 'limit'");
    }

    @Test
    void signingInIsRequired() {
        ResponseEntity<JsonNode> r = get(null, "/api/anomalies");

        assertThat(r.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void csvAndThePrintablePageCarryTheSameRowsAndNotes() {
        ResponseEntity<String> csv = raw("regulator", "/api/reports/recycled-content/csv?" + YEAR);
        ResponseEntity<String> html = raw("regulator", "/api/reports/recycled-content/print?" + YEAR);

        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("attachment")
                .contains("recycled-content");
        assertThat(csv.getBody()).contains("# UNCONFIRMED").contains("model,plant,year,material,preConsumerBp")
                .contains("NOT DECLARED");
        assertThat(html.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(html.getBody()).contains("<table>").contains("class=\"warn\">UNCONFIRMED")
                .contains("NOT DECLARED");
    }

    @Test
    void aSignedExportVerifiesAgainstTheOrganisationCaAndTheLedgersBlocks() {
        ResponseEntity<JsonNode> r = get("regulator", "/api/reports/deadlines/signed?" + YEAR);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        JsonNode doc = r.getBody();
        Map<Long, String> hashes = new HashMap<>();
        EmbeddedLedger embedded = (EmbeddedLedger) ledger;
        doc.path("manifest").path("blocks").forEach(b -> embedded.block(b.path("number").asLong())
                .ifPresent(h -> hashes.put(h.number(), h.hash())));
        var ca = identities.developmentCa().authority("RegulatorMSP").certificate();

        SignedReportVerifier.Result v = SignedReportVerifier.verify(doc, ca, hashes);

        assertThat(v.findings()).isEmpty();
        assertThat(doc.path("manifest").path("blocks").size()).isPositive();
        assertThat(v.checked()).anyMatch(c -> c.matches("\\d+ of \\d+ block hashes match the ledger")
                && !c.startsWith("0 of"));
        var other = identities.developmentCa().authority("AutoMSP").certificate();
        assertThat(SignedReportVerifier.verify(doc, other, hashes).findings())
                .anyMatch(f -> f.startsWith("signerCertificate: not issued by the given CA"));
        assertThat(List.of(doc.path("signatureAlgorithm").asText())).containsExactly("SHA256withECDSA");
    }
}
