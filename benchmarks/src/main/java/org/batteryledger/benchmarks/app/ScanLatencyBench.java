package org.batteryledger.benchmarks.app;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
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
 * clients (closed loop: each sends its next scan as soon as the last one answered, the worst case
 * for a yard), against {@code GET /api/auth/me} (the same server, the same bearer-token sign-in, a
 * trivial handler) as the same-run baseline. Starts the application jar on a fresh data directory with the demo data,
 * on 127.0.0.1 only, and stops it at the end.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.batteryledger.benchmarks.app.ScanLatencyBench \
 *      client-app/target/battery-ledger.jar 64 20000 [intervalMs]
 * }</pre>
 */
public final class ScanLatencyBench {
    private static final Pattern CODE = Pattern.compile("\"code\":\"([A-Z0-9]{19,24})\"");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "client-app/target/battery-ledger.jar");
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        // 0: closed loop (each client sends as soon as its last answer came: saturation). Otherwise
        // each client scans every intervalMs, like a person with a scanner (open loop: latency is
        // counted from when the scan was due, so a slow answer also delays the next one's count).
        long intervalMs = args.length > 3 ? Long.parseLong(args[3]) : 0;
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
            System.out.printf("mode: %s%n", intervalMs == 0 ? "closed loop (saturation)"
                    : String.format("each client scans every %d ms (%,.0f scans/s offered)", intervalMs,
                            clients * 1000.0 / intervalMs));
            run(port, clients, requests / 2, codes, token, true, 0); // warm-up
            run(port, clients, requests / 2, codes, token, false, 0);
            long t0 = System.nanoTime();
            long[] scan = run(port, clients, requests, codes, token, true, intervalMs);
            long t1 = System.nanoTime();
            long[] me = run(port, clients, requests, codes, token, false, intervalMs);
            long t2 = System.nanoTime();
            report("GET /api/scan/{code}", scan, t1 - t0);
            report("GET /api/auth/me (baseline)", me, t2 - t1);
            System.out.printf("p99 ratio scan / baseline: %.2f; load %s%n", percentile(scan, 99) / percentile(me, 99),
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("app RSS after the run: %s%n", rss(app.pid()));
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /**
     * {@code requests} GETs from {@code clients} threads, each on its own keep-alive connection
     * (a minimal blocking HTTP/1.1 client, so that the load generator takes as little as possible
     * of the cores it shares with the server). Returns each request's latency in ns.
     */
    private static long[] run(int port, int clients, int requests, List<String> codes, String token, boolean scan,
            long intervalMs) throws InterruptedException {
        long start = System.nanoTime();
        long interval = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            // Clients start spread over one interval, as people do not scan in step.
            long phase = interval * c / clients;
            Thread t = new Thread(() -> {
                KeepAlive conn = null;
                long due = start + phase;
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        String path = scan ? "/api/scan/" + codes.get(i % codes.size()) : "/api/auth/me";
                        long t0 = System.nanoTime();
                        if (interval > 0) {
                            long wait = due - t0;
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            t0 = due;
                            due += interval;
                        }
                        try {
                            if (conn == null) {
                                conn = new KeepAlive(port);
                            }
                            if (conn.get(path, token) != 200) {
                                errors.incrementAndGet();
                            }
                            if (conn.closing) {
                                conn.close();
                                conn = null;
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            if (conn != null) {
                                conn.close();
                            }
                            conn = null;
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (conn != null) {
                        conn.close();
                    }
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

    /** One persistent HTTP/1.1 connection to 127.0.0.1: GET with a bearer token, body read and dropped. */
    private static final class KeepAlive {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        /** The server said it closes the connection after this response (Tomcat does every N requests). */
        boolean closing;

        KeepAlive(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = new BufferedOutputStream(socket.getOutputStream());
            in = new BufferedInputStream(socket.getInputStream());
        }

        int get(String path, String token) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            closing = false;
            for (String h; !(h = line()).isEmpty(); ) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                for (long n; (n = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                    skip(n);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            return code;
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long k = in.skip(n);
                if (k <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed");
                    }
                    k = 1;
                }
                n -= k;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static void report(String what, long[] ns, long wallNanos) {
        System.out.printf("%-30s %,6.0f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms%n", what,
                ns.length / (wallNanos / 1e9), percentile(ns, 50), percentile(ns, 90), percentile(ns, 99),
                percentile(ns, 100));
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
