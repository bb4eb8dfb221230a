package org.batteryledger.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start time and resident memory of the shaded chaincode jar as a chaincode-as-a-service process
 * (shim server mode), against a same-run baseline JVM that only opens a server socket.
 *
 * <p>For each JVM flag set, N times each, interleaved (chaincode, then baseline):
 *
 * <ol>
 *   <li>pick a free loopback port, start {@code java <flags> -jar chaincode.jar} with {@code
 *       CHAINCODE_SERVER_ADDRESS=127.0.0.1:<port>}, {@code CORE_CHAINCODE_ID_NAME=battery_1.0:<64
 *       hex>}, {@code CORE_PEER_LOCALMSPID=Org1MSP};
 *   <li>time from just before {@link ProcessBuilder#start()} until a TCP connect to the port
 *       succeeds (probed every 5 ms);
 *   <li>read {@code VmRSS} from {@code /proc/<pid>/status} then, and again 2 s later;
 *   <li>stop the process and any children (SIGTERM, then SIGKILL in {@code finally}), and wait.
 * </ol>
 *
 * The baseline is {@link IdleServer} from the benchmarks jar, started with the same flags and
 * environment. A run that is not listening within 60 s, or whose process dies, fails the bench.
 * One unrecorded warm-up start of each kind precedes the measurements (file cache, JIT-less).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.batteryledger.benchmarks.ChaincodeStartup
 * chaincode/target/chaincode.jar 5}.
 */
public final class ChaincodeStartup {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long SETTLE_MILLIS = 2_000;
    private static final String LOOPBACK = "127.0.0.1";

    private static final List<List<String>> FLAG_SETS = List.of(
            List.of("-Xmx256m", "-XX:+UseSerialGC"),
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));

    private ChaincodeStartup() {}

    /** One start: time to listening, RSS then and 2 s later, load average at the time. */
    record Sample(double startMillis, long rssListenKb, long rssSettledKb, String load) {}

    public static void main(String[] args) throws Exception {
        Path chaincodeJar = Path.of(args.length > 0 ? args[0] : "chaincode/target/chaincode.jar").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!Files.isRegularFile(chaincodeJar)) {
            throw new IllegalArgumentException("no chaincode jar at " + chaincodeJar);
        }
        Path benchJar = Path.of(ChaincodeStartup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String packageId = "battery_1.0:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest("battery_1.0".getBytes(StandardCharsets.UTF_8)));

        System.out.printf("chaincode jar : %s%n", chaincodeJar);
        System.out.printf("jar size      : %,d bytes (%.1f MiB)%n", Files.size(chaincodeJar),
                Files.size(chaincodeJar) / 1048576.0);
        System.out.printf("baseline      : %s in %s (%.1f MiB)%n", IdleServer.class.getName(), benchJar,
                Files.size(benchJar) / 1048576.0);
        System.out.printf("java          : %s (%s %s)%n", java, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"));
        System.out.printf("cpus          : %d; runs per kind and flag set: %d%n",
                Runtime.getRuntime().availableProcessors(), runs);
        System.out.printf("env           : CHAINCODE_SERVER_ADDRESS=127.0.0.1:<free port> CORE_CHAINCODE_ID_NAME=%s "
                + "CORE_PEER_LOCALMSPID=Org1MSP%n", packageId);
        System.out.printf("loadavg start : %s%n%n", loadAverage());

        for (List<String> flags : FLAG_SETS) {
            List<String> chaincodeCmd = new ArrayList<>(List.of(java));
            chaincodeCmd.addAll(flags);
            chaincodeCmd.addAll(List.of("-jar", chaincodeJar.toString()));
            List<String> baselineCmd = new ArrayList<>(List.of(java));
            baselineCmd.addAll(flags);
            baselineCmd.addAll(List.of("-cp", benchJar.toString(), IdleServer.class.getName()));

            System.out.printf("== flags: %s%n", String.join(" ", flags));
            measure(chaincodeCmd, packageId); // warm-up, not recorded
            measure(baselineCmd, packageId);
            List<Sample> chaincode = new ArrayList<>();
            List<Sample> baseline = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                Sample c = measure(chaincodeCmd, packageId);
                chaincode.add(c);
                print("chaincode", i, c);
                Sample b = measure(baselineCmd, packageId);
                baseline.add(b);
                print("baseline ", i, b);
            }
            summary(flags, chaincode, baseline);
        }
        System.out.printf("loadavg end   : %s%n", loadAverage());
    }

    private static Sample measure(List<String> command, String packageId) throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CORE_") || k.startsWith("CHAINCODE_")
                || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS") || k.equals("_JAVA_OPTIONS"));
        env.put("CHAINCODE_SERVER_ADDRESS", LOOPBACK + ":" + port);
        env.put("CORE_CHAINCODE_ID_NAME", packageId);
        env.put("CORE_PEER_LOCALMSPID", "Org1MSP");
        Path log = Files.createTempFile("chaincode-startup-", ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());

        String load = loadAverage();
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean ok = false;
        try {
            while (!accepts(port)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("process exited with " + p.exitValue() + " before listening; "
                            + tail(log));
                }
                if (System.nanoTime() - t0 > TIMEOUT_NANOS) {
                    throw new IllegalStateException("not listening on " + port + " after 60 s; " + tail(log));
                }
                Thread.sleep(5);
            }
            double startMillis = (System.nanoTime() - t0) / 1e6;
            long rssListen = rssKb(p.pid());
            Thread.sleep(SETTLE_MILLIS);
            if (!p.isAlive()) {
                throw new IllegalStateException("process exited with " + p.exitValue() + " after listening; "
                        + tail(log));
            }
            long rssSettled = rssKb(p.pid());
            ok = true;
            return new Sample(startMillis, rssListen, rssSettled, load);
        } finally {
            stop(p);
            if (ok) {
                Files.deleteIfExists(log);
            } else {
                System.err.println("child output kept in " + log);
            }
        }
    }

    /** SIGTERM to the process and its descendants, then SIGKILL whatever is left, and wait. */
    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            System.err.println("pid " + p.pid() + " ignored SIGTERM for 5 s; killing");
        }
        children.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            System.err.println("pid " + p.pid() + " still alive 10 s after SIGKILL");
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "last output: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void print(String kind, int run, Sample s) {
        System.out.printf(Locale.ROOT, "  %s #%d  listening after %7.1f ms   VmRSS %6.1f MiB at listen, %6.1f MiB +2 s"
                + "   loadavg %s%n", kind, run, s.startMillis, s.rssListenKb / 1024.0, s.rssSettledKb / 1024.0, s.load);
    }

    private static void summary(List<String> flags, List<Sample> chaincode, List<Sample> baseline) {
        double[] cStart = chaincode.stream().mapToDouble(Sample::startMillis).toArray();
        double[] bStart = baseline.stream().mapToDouble(Sample::startMillis).toArray();
        double[] cRss1 = chaincode.stream().mapToDouble(s -> s.rssListenKb / 1024.0).toArray();
        double[] bRss1 = baseline.stream().mapToDouble(s -> s.rssListenKb / 1024.0).toArray();
        double[] cRss2 = chaincode.stream().mapToDouble(s -> s.rssSettledKb / 1024.0).toArray();
        double[] bRss2 = baseline.stream().mapToDouble(s -> s.rssSettledKb / 1024.0).toArray();
        System.out.printf("  -- summary (%s), min / median / max, ratio = chaincode median / baseline median%n",
                String.join(" ", flags));
        row("time to listening, ms", cStart, bStart);
        row("VmRSS at listen, MiB ", cRss1, bRss1);
        row("VmRSS +2 s, MiB      ", cRss2, bRss2);
        System.out.println();
    }

    private static void row(String what, double[] c, double[] b) {
        System.out.printf(Locale.ROOT,
                "  %s  chaincode %8.1f / %8.1f / %8.1f   baseline %7.1f / %7.1f / %7.1f   ratio %.2fx%n",
                what, min(c), median(c), max(c), min(b), median(b), max(b), median(c) / median(b));
    }

    private static double min(double[] v) {
        double m = Double.MAX_VALUE;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = -Double.MAX_VALUE;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    static double median(double[] v) {
        List<Double> sorted = new ArrayList<>();
        for (double x : v) {
            sorted.add(x);
        }
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
