package org.batteryledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.batteryledger.app.BatteryLedgerApplication;
import org.batteryledger.app.demo.DemoCompany;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.app.ledger.embedded.LedgerFile;
import org.batteryledger.chaincode.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Tampering with the embedded ledger's file behind the application's back, seen through the
 * running application: a few writes over HTTP, the application stopped, a block row or a world
 * state row altered with plain JDBC, the application started again on the same directory. The
 * start-up check flags it (health OUT_OF_SERVICE with the first bad block, writes refused) and
 * {@code GET /api/ledger/verify} names the first bad block or state row; an untouched copy verifies.
 * The same writes, past the outbox retention, answer from their tombstones. Demo data off, so each
 * start takes seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TamperOverHttpTest {
    private static final String ADMIN_PASSWORD = "admin-secret-1234";
    private static final String PASSWORD = "chief-secret-5678";
    private static final DemoCompany REGULATOR = DemoConsortium.regulator();

    @TempDir
    static Path root;
    /** The data directory as the writes left it; each test works on a copy. */
    Path pristine;
    /** The block that registered the recycler, and the one after it. */
    long recyclerBlock;
    long automakerBlock;

    private ConfigurableApplicationContext app;
    private TestRestTemplate http;

    @BeforeAll
    void aLedgerWithAFewWrites() throws Exception {
        pristine = root.resolve("pristine");
        start(pristine);
        ResponseEntity<JsonNode> boot = call("admin", ADMIN_PASSWORD, HttpMethod.POST, "/api/admin/bootstrap",
                Map.of("username", "chief", "password", PASSWORD, "participant",
                        Json.mapper().valueToTree(REGULATOR.registryEntry())));
        assertThat(boot.getStatusCode().value()).as("%s", boot.getBody()).isEqualTo(201);
        recyclerBlock = register("recycler");
        automakerBlock = register("automaker");
        register("dismantler");
        assertThat(verify().get("ok").asBoolean()).isTrue();
        stop();
    }

    @AfterEach
    void stopTheApplication() {
        stop();
    }

    @Test
    void anUntouchedLedgerVerifiesAfterARestartAndTakesWrites() throws Exception {
        start(copy("untouched"));

        JsonNode report = verify();
        JsonNode health = health();

        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("blocksChecked").asLong()).isGreaterThan(automakerBlock);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/ledger/details/integrity").asText()).isEqualTo("VERIFIED");
        assertThat(register("collector")).isGreaterThan(automakerBlock);
    }

    @Test
    void verifiedInTheBackgroundTheLedgerIsCheckedAndThenTakesWrites() throws Exception {
        start(copy("background"), "--battery.verify-in-background=true");
        JsonNode health = health();
        for (int i = 0; i < 100 && !"VERIFIED".equals(health.at("/components/ledger/details/integrity").asText()); i++) {
            Thread.sleep(100);
            health = health();
        }

        assertThat(health.at("/components/ledger/details/integrity").asText()).isEqualTo("VERIFIED");
        assertThat(health.at("/components/ledger/details/writesHeld").isMissingNode()).isTrue();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(register("collector")).isGreaterThan(automakerBlock);
    }

    @Test
    void pastTheRetentionAWriteAnswersFromItsTombstoneAndARepeatIsNotAppliedAgain() throws Exception {
        start(copy("retention"), "--battery.outbox.retention=1ms", "--battery.outbox.retention-check=100ms");
        String path = "/api/writes/reg-recycler";
        JsonNode status = call("chief", PASSWORD, HttpMethod.GET, path, null).getBody();
        for (int i = 0; i < 50 && !status.path("purged").asBoolean(); i++) {
            Thread.sleep(100);
            status = call("chief", PASSWORD, HttpMethod.GET, path, null).getBody();
        }
        long height = call("chief", PASSWORD, HttpMethod.GET, "/api/ledger/height", null).getBody().get("height")
                .asLong();

        ResponseEntity<JsonNode> repeat = registerAttempt("recycler");

        assertThat(status.get("purged").asBoolean()).isTrue();
        assertThat(status.get("status").asText()).isEqualTo("COMMITTED");
        assertThat(status.get("blockNumber").asLong()).isEqualTo(recyclerBlock);
        assertThat(status.has("result")).isFalse();
        assertThat(repeat.getStatusCode().value()).isEqualTo(201);
        assertThat(repeat.getBody().get("blockNumber").asLong()).isEqualTo(recyclerBlock);
        assertThat(repeat.getBody().get("txId").asText()).isEqualTo(status.get("txId").asText());
        assertThat(call("chief", PASSWORD, HttpMethod.GET, "/api/ledger/height", null).getBody().get("height")
                .asLong()).isEqualTo(height);
    }

    @Test
    void anAlteredBlockRowIsReportedAtThatBlockAndStopsWrites() throws Exception {
        Path dir = copy("block");
        int changed = LedgerFile.replaceEventPayloads(ledgerDir(dir), recyclerBlock,
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(changed).isPositive();
        start(dir);

        JsonNode health = health();
        ResponseEntity<JsonNode> write = registerAttempt("collector");
        JsonNode report = verify();

        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("firstBadBlock").asLong()).isEqualTo(recyclerBlock);
        assertThat(report.get("problem").asText()).contains("block " + recyclerBlock, "data hash");
        assertThat(health.get("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(health.at("/components/ledger/details/integrity").asText()).isEqualTo("TAMPERED");
        assertThat(health.at("/components/ledger/details/firstBadBlock").asLong()).isEqualTo(recyclerBlock);
        assertThat(write.getStatusCode().value()).isEqualTo(503);
        assertThat(write.getBody().get("code").asText()).isEqualTo("LEDGER_TAMPERED");
        assertThat(write.getBody().get("detail").asText()).contains("first bad block " + recyclerBlock);
    }

    @Test
    void anAlteredWorldStateRowIsReportedWithItsKeyAndTheBlockThatWroteIt() throws Exception {
        Path dir = copy("state");
        String id = DemoConsortium.byUsername("automaker").id();
        String key = LedgerFile.stateKeyWritten(ledgerDir(dir), automakerBlock, id)
                .orElseThrow(() -> new AssertionError("the automaker's registry entry"));
        assertThat(LedgerFile.replaceState(ledgerDir(dir), key,
                ("{\"id\":\"" + id + "\",\"roles\":[\"RECYCLER\"]}").getBytes(StandardCharsets.UTF_8))).isTrue();
        start(dir);

        JsonNode report = verify();
        JsonNode health = health();

        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("firstBadBlock").asLong()).isEqualTo(automakerBlock);
        assertThat(report.get("problem").asText()).contains("world state", id, "another value");
        assertThat(health.get("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(health.at("/components/ledger/details/integrityProblem").asText()).contains(id);
    }

    // ------------------------------------------------------------------ the application

    private void start(Path dataDir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--battery.data-dir=" + dataDir,
                "--battery.demo=false", "--battery.admin.password=" + ADMIN_PASSWORD, "--spring.main.banner-mode=off"));
        args.addAll(List.of(more));
        app = new SpringApplicationBuilder(BatteryLedgerApplication.class).run(args.toArray(String[]::new));
        String port = app.getEnvironment().getProperty("local.server.port");
        http = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + port));
    }

    private void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    private long register(String username) {
        ResponseEntity<JsonNode> r = registerAttempt(username);
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(201);
        return r.getBody().get("blockNumber").asLong();
    }

    private ResponseEntity<JsonNode> registerAttempt(String username) {
        return call("chief", PASSWORD, HttpMethod.POST, "/api/participants", Map.of("clientEventId",
                "reg-" + username, "participant",
                Json.mapper().valueToTree(DemoConsortium.byUsername(username).registryEntry())));
    }

    private JsonNode verify() {
        ResponseEntity<JsonNode> r = call("chief", PASSWORD, HttpMethod.GET, "/api/ledger/verify", null);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return r.getBody();
    }

    private JsonNode health() {
        return call(null, null, HttpMethod.GET, "/actuator/health", null).getBody();
    }

    private ResponseEntity<JsonNode> call(String user, String password, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, password);
        }
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON,
                MediaType.valueOf("application/vnd.spring-boot.actuator.v3+json")));
        ResponseEntity<String> r = http.exchange(path, method,
                new HttpEntity<>(body == null ? null : Json.string(body), headers), String.class);
        JsonNode node = r.getBody() == null || r.getBody().isBlank() ? null : Json.tree(r.getBody());
        return new ResponseEntity<>(node, r.getHeaders(), r.getStatusCode());
    }

    // ------------------------------------------------------------------ the files

    private Path copy(String name) throws IOException {
        Path target = root.resolve(name);
        try (Stream<Path> files = Files.walk(pristine)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(pristine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    /** The embedded ledger's directory, whose file anyone with file access could edit. */
    private static Path ledgerDir(Path dataDir) {
        return dataDir.resolve("ledger");
    }
}
