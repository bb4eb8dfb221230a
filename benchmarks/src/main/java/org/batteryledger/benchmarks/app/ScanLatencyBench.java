package org.batteryledger.benchmarks.app;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scan latency of the running application: {@code GET /api/scan/{code}} with 64 concurrent
 * clients, against {@code GET /actuator/health} (a trivial endpoint of the same server) as the
 * same-run baseline. Starts the application jar on a fresh data directory with the demo data,
 * on 127.0.0.1 only, and stops it at the end.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.batteryledger.benchmarks.app.ScanLatencyBench \
 *      client-app/target/battery-ledger.jar 64 20000
 * }</pre>
 */
public final class ScanLatencyBench {
    private static final Pattern CODE = Pattern.compile("\"code\":\"([A-Z0-9]{19,24})\"");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "client-app/target/battery-ledger.jar");
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Path data = Files.createTempDirectory("scan-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String heap = System.getProperty("bench.heap", "512m");
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--battery.data-dir=" + data, "--battery.demo=true")
                .redirectErrorStream(true).redirectOutput(data.resolve("app.log").toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitSeeded(http, base);
            List<String> codes = codes(http, base);
            // Scanners sign in once and send a bearer token: HTTP Basic would run bcrypt on every request.
            String token = token(http, base);
            System.out.printf("app heap -Xmx%s, %d codes to scan, %d clients, %d requests each kind, load %s%n", heap,
                    codes.size(), clients, requests, Files.readString(Path.of("/proc/loadavg")).trim());
            run(http, base, clients, requests / 4, codes, token, true); // warm-up
            run(http, base, clients, requests / 4, codes, token, false);
            long[] scan = run(http, base, clients, requests, codes, token, true);
            long[] health = run(http, base, clients, requests, codes, token, false);
            report("GET /api/scan/{code}", scan);
            report("GET /actuator/health (baseline)", health);
            System.out.printf("p99 ratio scan / baseline: %.2f; load %s%n", percentile(scan, 99) / percentile(health, 99),
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("app RSS after the run: %s%n", rss(app.pid()));
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static long[] run(HttpClient http, String base, int clients, int requests, List<String> codes,
            String token, boolean scan) throws InterruptedException {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        String auth = "Bearer " + token;
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        String path = scan ? "/api/scan/" + codes.get(i % codes.size()) : "/actuator/health";
                        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(30));
                        if (scan) {
                            rb.header("Authorization", auth);
                        }
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> r = http.send(rb.build(), HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        if (errors.get() > 0) {
            System.out.printf("  %d errors%n", errors.get());
        }
        return latencies;
    }

    private static void report(String what, long[] ns) {
        System.out.printf("%-34s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms%n", what, percentile(ns, 50),
                percentile(ns, 90), percentile(ns, 99), percentile(ns, 100));
    }

    private static double percentile(long[] ns, double p) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void awaitSeeded(HttpClient http, String base) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("regulator:ledger-demo".getBytes(StandardCharsets.UTF_8));
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/recycling-batches/DEMO-RB-04"))
                        .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("application did not come up with its demo data");
    }

    private static String token(HttpClient http, String base) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("recycler:ledger-demo".getBytes(StandardCharsets.UTF_8));
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token")).header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + body);
        }
        return m.group(1);
    }

    private static List<String> codes(HttpClient http, String base) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("regulator:ledger-demo".getBytes(StandardCharsets.UTF_8));
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/batteries?limit=500"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(body);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS")) {
                    return line.substring(6).trim();
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }
}
