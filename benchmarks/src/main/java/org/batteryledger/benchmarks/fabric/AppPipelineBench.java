package org.batteryledger.benchmarks.fabric;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.json.Json;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;

/**
 * The application's write pipeline (HTTP → outbox → FabricLedger → commit) against the bare Gateway
 * driver, on the same network in the same run. Starts the application jar in Fabric mode with the
 * network's connection file (fresh data directory, 127.0.0.1 only), registers {@code count} packs
 * as the demo maker over HTTP with {@code concurrency} clients, and counts the time until every
 * write is committed; then registers as many packs straight through the Gateway with the same
 * concurrency ({@link GatewayLoadBench}). Prints both rates and the pipeline's share (aim >= 90 %).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.batteryledger.benchmarks.fabric.AppPipelineBench \
 *      client-app/target/battery-ledger.jar network-config/<connection>.properties 2000 64
 * }</pre>
 */
public final class AppPipelineBench {
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "client-app/target/battery-ledger.jar");
        Path file = Path.of(args.length > 1 ? args[1] : System.getenv().getOrDefault("BATTERY_FABRIC_CONNECTION",
                "network-config/connection.properties"));
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        try (FabricConnection fabric = FabricConnection.openOrExit(file)) {
            Gateway maker = fabric.gateway("maker");
            fabric.requireUp(maker);
            Path data = Files.createTempDirectory("pipeline-bench");
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + System.getProperty("bench.heap", "1g"), "-jar", jar.toString(),
                    "--server.port=" + port, "--server.address=127.0.0.1", "--battery.data-dir=" + data,
                    "--battery.demo=true", "--battery.ledger-mode=FABRIC", "--battery.write-wait=0s"));
            fabric.settings.stringPropertyNames().forEach(k -> command.add("--" + k + "="
                    + fabric.settings.getProperty(k)));
            Process app = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(data.resolve("app.log").toFile()).start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port;
            try {
                awaitUp(http, base, app, data);
                String token = token(http, base);
                int serialBase = (int) (System.currentTimeMillis() / 1000 % 900_000) * 10;
                System.out.printf("network %s, %d packs, %d concurrent clients, load %s%n",
                        fabric.settings.getProperty("battery.fabric.peer-endpoint"), count, concurrency,
                        Files.readString(Path.of("/proc/loadavg")).trim());
                double pipeline = pipeline(http, base, token, count, concurrency, serialBase);
                Contract battery = maker.getNetwork(fabric.channelName)
                        .getContract(fabric.settings.getProperty("battery.fabric.chaincode", "battery"));
                int bareBase = serialBase + count + 1000;
                GatewayLoadBench.Result bare = GatewayLoadBench.run(battery, "bare", count, concurrency,
                        i -> new String[] {Transactions.REGISTER_UNITS,
                            GatewayLoadBench.registerRequest(GatewayLoadBench.packCode(bareBase + i))});
                System.out.printf("app pipeline: %7.1f tx/s (HTTP -> outbox -> commit)%n", pipeline);
                System.out.println(bare.line());
                System.out.printf("pipeline / bare Gateway = %5.1f %% (aim >= 90 %%)%n", 100 * pipeline / bare.tps());
            } finally {
                app.destroy();
                app.waitFor();
            }
        }
    }

    /** Registrations per second, from the first POST until the last write is committed. */
    private static double pipeline(HttpClient http, String base, String token, int count, int concurrency,
            int serialBase) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("pipe-" + serialBase + "-" + i);
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> posts = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            posts.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String body = Json.string(Map.of("clientEventId", ids.get(i), "code",
                            GatewayLoadBench.packCode(serialBase + i)));
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/batteries"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201 && r.statusCode() != 202) {
                        throw new IllegalStateException("POST /api/batteries answered " + r.statusCode() + ": "
                                + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : posts) {
            f.get();
        }
        pool.shutdown();
        for (String id : ids) { // in order: the last ones commit last, so this waits about once
            while (true) {
                String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/writes/" + id))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                Matcher m = STATUS.matcher(body);
                String status = m.find() ? m.group(1) : "?";
                if (status.equals("COMMITTED")) {
                    break;
                }
                if (status.equals("REJECTED")) {
                    throw new IllegalStateException("write " + id + " was rejected: " + body);
                }
                Thread.sleep(20);
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static void awaitUp(HttpClient http, String base, Process app, Path data) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the app exited; see " + data.resolve("app.log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && token(http, base) != null) {
                    return;
                }
            } catch (java.io.IOException | IllegalStateException e) {
                // not up yet, or the demo sign-ins not made yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the app did not come up; see " + data.resolve("app.log"));
    }

    private static String token(HttpClient http, String base) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("maker:ledger-demo".getBytes(StandardCharsets.UTF_8));
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token")).header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + body);
        }
        return m.group(1);
    }
}
