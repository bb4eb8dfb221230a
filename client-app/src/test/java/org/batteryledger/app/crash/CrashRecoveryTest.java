package org.batteryledger.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM running the application is killed with SIGKILL in the middle of a burst of 2,000
 * scans (each a write: a shipped pack), then restarted on the same data directory: every scan the
 * application accepted (answered 201 or 202) is committed exactly once, and none is lost.
 */
class CrashRecoveryTest {
    private static final int SCANS = 2000;
    private static final String PASSWORD = "ledger-demo";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void every_accepted_scan_is_committed_exactly_once_after_a_kill() throws Exception {
        int port = freePort();
        Process app = start(port);
        try {
            awaitUp(port, Duration.ofMinutes(3));
            List<String> codes = registerPacks(port, SCANS);

            Set<String> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger answered = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            for (int i = 0; i < SCANS; i++) {
                String code = codes.get(i);
                String eventId = "scan-" + i;
                pool.submit(() -> {
                    try {
                        HttpResponse<String> r = post(port, "maker", "/api/batteries/" + code + "/ship",
                                Map.of("clientEventId", eventId));
                        if (r.statusCode() == 201 || r.statusCode() == 202) {
                            accepted.add(eventId);
                        }
                        answered.incrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        // The process was killed under us: this scan was not accepted.
                    }
                    return null;
                });
            }
            while (answered.get() < SCANS / 2) {
                Thread.sleep(20);
            }
            app.destroyForcibly(); // SIGKILL on Linux
            app.waitFor(30, TimeUnit.SECONDS);
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            assertThat(accepted.size()).as("scans accepted before the kill").isGreaterThan(SCANS / 4);

            app = start(port);
            awaitUp(port, Duration.ofMinutes(3));
            awaitOutboxEmpty(port, Duration.ofMinutes(3));

            int shippedOnce = 0;
            for (int i = 0; i < SCANS; i++) {
                String eventId = "scan-" + i;
                JsonNode unit = getJson(port, "regulator", "/api/batteries/" + codes.get(i));
                long ships = countShips(port, codes.get(i));
                assertThat(ships).as("ship versions of %s", codes.get(i)).isLessThanOrEqualTo(1);
                if (accepted.contains(eventId)) {
                    JsonNode status = getJson(port, "maker", "/api/writes/" + eventId);
                    assertThat(status.get("status").asText()).as(eventId).isEqualTo("COMMITTED");
                    assertThat(unit.get("status").asText()).as(codes.get(i)).isEqualTo("IN_STOCK");
                    assertThat(ships).isEqualTo(1);
                    shippedOnce++;
                }
            }
            assertThat(shippedOnce).isEqualTo(accepted.size());
            JsonNode verify = getJson(port, "regulator", "/api/ledger/verify");
            assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
        } finally {
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private long countShips(int port, String code) throws IOException, InterruptedException {
        JsonNode history = getJson(port, "regulator", "/api/batteries/" + code + "/history?pageSize=1000");
        long n = 0;
        for (JsonNode item : history.get("items")) {
            if ("SHIP".equals(item.path("unit").path("lastEvent").path("action").asText())) {
                n++;
            }
        }
        return n;
    }

    private List<String> registerPacks(int port, int count) throws IOException, InterruptedException {
        List<String> codes = new ArrayList<>();
        String date = BatteryCodes.encodeDate(LocalDate.of(2026, 4, 1));
        for (int i = 0; i < count; i++) {
            codes.add(DemoConsortium.MAKER_NCM_PREFIX + "PEA1CRASH01" + date + String.format("%07d", 5_000_001 + i));
        }
        for (int from = 0; from < count; from += 500) {
            List<Map<String, String>> units = codes.subList(from, Math.min(count, from + 500)).stream()
                    .map(c -> Map.of("code", c)).toList();
            HttpResponse<String> r = post(port, "maker", "/api/batteries",
                    Map.of("clientEventId", "register-" + from, "units", units));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        return codes;
    }

    private Process start(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "org.batteryledger.app.BatteryLedgerApplication", "--server.port=" + port,
                "--server.address=127.0.0.1", "--battery.data-dir=" + dataDir, "--battery.demo=true");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("app.log").toFile()));
        pb.environment().put("CORE_CHAINCODE_LOGGING_LEVEL", "WARNING");
        return pb.start();
    }

    private void awaitUp(int port, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base(port) + "/api/auth/me"))
                        .header("Authorization", basic("regulator")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && demoSeeded(port)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the application did not come up; see " + dataDir.resolve("app.log") + ":\n"
                + tail(dataDir.resolve("app.log").toFile()));
    }

    private boolean demoSeeded(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base(port)
                + "/api/recycling-batches/DEMO-RB-04")).header("Authorization", basic("regulator")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
    }

    private void awaitOutboxEmpty(int port, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            JsonNode health = Json.tree(http.send(HttpRequest.newBuilder(URI.create(base(port) + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            if (health.path("components").path("ledger").path("details").path("outboxDepth").asLong(-1) == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("outbox did not drain");
    }

    private HttpResponse<String> post(int port, String user, String path, Object body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base(port) + path))
                .header("Authorization", basic(user)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(Json.string(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(int port, String user, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base(port) + path))
                .header("Authorization", basic(user)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Json.tree(r.body());
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(File f) {
        try {
            List<String> lines = Files.readAllLines(f.toPath());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
