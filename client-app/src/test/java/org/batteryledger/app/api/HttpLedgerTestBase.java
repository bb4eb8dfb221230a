package org.batteryledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.unit.Vin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on its embedded ledger, in a fresh H2 file data directory, seeded with the demo
 * consortium, driven over HTTP as the demo users. One application per test class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class HttpLedgerTestBase {
    static final String PASSWORD = "ledger-demo";
    private static final AtomicInteger SERIALS = new AtomicInteger(9_000_000);

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReadModelProjector projector;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("battery-ledger-it");
        registry.add("battery.data-dir", dir::toString);
        registry.add("battery.demo", () -> "true");
    }

    /** A fresh valid pack code under the first demo maker's NCM prefix. */
    static String newPackCode() {
        return DemoConsortium.MAKER_NCM_PREFIX + "PEA1ITTEST1" + BatteryCodes.encodeDate(LocalDate.of(2026, 3, 1))
                + String.format("%07d", SERIALS.incrementAndGet());
    }

    static String newVin(int n) {
        return Vin.withCheckDigit(String.format("LJT0A0000%08d", n));
    }

    ResponseEntity<JsonNode> post(String user, String path, Object body) {
        return exchange(user, HttpMethod.POST, path, body);
    }

    ResponseEntity<JsonNode> get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, null);
    }

    ResponseEntity<JsonNode> exchange(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        if (user != null) {
            headers.setBasicAuth(user, PASSWORD);
        }
        String json = body == null ? null : Json.string(body);
        ResponseEntity<String> r = http.exchange(path, method, new HttpEntity<>(json, headers), String.class);
        JsonNode node = r.getBody() == null || r.getBody().isBlank() ? null : Json.tree(r.getBody());
        return new ResponseEntity<>(node, r.getHeaders(), r.getStatusCode());
    }

    /** A request map with a fresh client event id. */
    static Map<String, Object> req(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("clientEventId", "it-" + java.util.UUID.randomUUID());
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Posts a write and fails the test unless it committed (201). */
    JsonNode commit(String user, String path, Object body) {
        ResponseEntity<JsonNode> r = post(user, path, body);
        if (r.getStatusCode().value() != 201) {
            throw new AssertionError(path + " as " + user + " answered " + r.getStatusCode() + ": " + r.getBody());
        }
        projector.awaitBlock(r.getBody().get("blockNumber").asLong(), java.time.Duration.ofSeconds(10));
        return r.getBody();
    }

    static String companyId(String username) {
        return DemoConsortium.byUsername(username).id();
    }
}
