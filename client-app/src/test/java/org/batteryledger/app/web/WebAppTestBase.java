package org.batteryledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.json.Json;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on its embedded ledger with the demo consortium, shared by every web test class
 * (same configuration, so Spring's context cache keeps one). Each test makes the units it needs
 * over the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class WebAppTestBase {
    static final String PASSWORD = "ledger-demo";
    private static final AtomicInteger SERIALS = new AtomicInteger(7_000_000);

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReadModelProjector projector;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("battery-ledger-web");
        registry.add("battery.data-dir", dir::toString);
        registry.add("battery.demo", () -> "true");
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
    // ------------------------------------------------------------------ set-up over the API

    /** A fresh valid pack code under the first demo maker's NCM prefix. */
    static String newPackCode() {
        return DemoConsortium.MAKER_NCM_PREFIX + "PEA1WEBTEST" + BatteryCodes.encodeDate(LocalDate.of(2026, 3, 1))
                + String.format("%07d", SERIALS.incrementAndGet());
    }

    static String companyId(String username) {
        return DemoConsortium.byUsername(username).id();
    }

    ResponseEntity<JsonNode> api(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        if (user != null) {
            headers.setBasicAuth(user, PASSWORD);
        }
        ResponseEntity<String> r = http.exchange(path, method,
                new HttpEntity<>(body == null ? null : Json.string(body), headers), String.class);
        JsonNode node = r.getBody() == null || r.getBody().isBlank() ? null : Json.tree(r.getBody());
        return new ResponseEntity<>(node, r.getHeaders(), r.getStatusCode());
    }

    /** Posts a write as {@code user}, requires it committed, and waits until the read model has it. */
    JsonNode commit(String user, String path, Map<String, Object> body) {
        Map<String, Object> withId = new java.util.LinkedHashMap<>(body);
        withId.put("clientEventId", "web-" + UUID.randomUUID());
        ResponseEntity<JsonNode> r = api(user, HttpMethod.POST, path, withId);
        assertThat(r.getStatusCode().value()).as(path + " as " + user + ": " + r.getBody()).isEqualTo(201);
        projector.awaitBlock(r.getBody().get("blockNumber").asLong(), Duration.ofSeconds(10));
        return r.getBody();
    }

    /** A new pack, registered and shipped by the maker, offered to {@code receiver}'s company. */
    String packOfferedTo(String receiver) {
        String pack = newPackCode();
        commit("maker", "/api/batteries", Map.of("code", pack, "spec",
                Map.of("model", "WEB-75", "massGrams", 420_000, "ratedEnergyWh", 75_000,
                        "hazards", List.of("high voltage", "flammable electrolyte"))));
        commit("maker", "/api/batteries/" + pack + "/ship", Map.of());
        commit("maker", "/api/handovers", Map.of("codes", List.of(pack), "to", companyId(receiver)));
        return pack;
    }

    JsonNode unit(String code) {
        return api("regulator", HttpMethod.GET, "/api/batteries/" + code, null).getBody();
    }
}
