package org.batteryledger.benchmarks.fabric;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.json.Json;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Status;

/**
 * The bare Gateway load driver: concurrent {@code endorse → submitAsync → commit status} straight
 * through fabric-gateway, no application in between. In one run on one network it measures three
 * phases with the same concurrency and count:
 *
 * <ol>
 *   <li><b>baseline</b>: {@code Baseline:Create} on the create-only chaincode ({@code baseline});
 *   <li><b>register</b>: the battery chaincode's {@code Production:RegisterUnits}, one pack each;
 *   <li><b>lifecycle</b>: {@code Custody:Ship} of each registered pack;
 * </ol>
 *
 * and prints committed transactions per second, latency percentiles, and register and lifecycle
 * as a share of the baseline (the aim is 80 % or more). Needs a network with both chaincodes
 * deployed and the demo registry written (the app in Fabric mode writes it at start-up), and the
 * demo user {@code maker} enrolled.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.batteryledger.benchmarks.fabric.GatewayLoadBench \
 *      network-config/<connection>.properties 2000 64
 * }</pre>
 */
public final class GatewayLoadBench {
    static final String MAKER_PREFIX = "NP1"; // DemoConsortium.MAKER_NCM_PREFIX, owned by the demo user "maker"

    /** One phase's outcome. */
    record Result(String name, int committed, int failed, double seconds, long[] latenciesMicros) {
        double tps() {
            return committed / seconds;
        }

        String line() {
            long[] l = latenciesMicros.clone();
            Arrays.sort(l);
            return String.format("%-10s %6d committed %4d failed in %7.1f s: %7.1f tx/s, latency p50 %5d ms p95 %5d ms"
                    + " p99 %5d ms", name, committed, failed, seconds, tps(), pct(l, 50), pct(l, 95), pct(l, 99));
        }

        private static long pct(long[] sorted, int p) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000;
        }
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : System.getenv().getOrDefault("BATTERY_FABRIC_CONNECTION",
                "network-config/connection.properties"));
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        try (FabricConnection fabric = FabricConnection.openOrExit(file)) {
            Gateway maker = fabric.gateway("maker");
            fabric.requireUp(maker);
            String chaincode = fabric.settings.getProperty("battery.fabric.chaincode", "battery");
            Contract battery = maker.getNetwork(fabric.channelName).getContract(chaincode);
            Contract baseline = maker.getNetwork(fabric.channelName).getContract("baseline");
            System.out.printf("network %s channel %s, %d transactions per phase, %d concurrent, load %s%n",
                    fabric.settings.getProperty("battery.fabric.peer-endpoint"), fabric.channelName, count, concurrency,
                    java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());

            String run = UUID.randomUUID().toString().substring(0, 8);
            run(baseline, "warm-up", Math.max(50, count / 10), concurrency, i -> new String[] {"Baseline:Create",
                "w-" + run + "-" + i, "{}"});
            Result base = run(baseline, "baseline", count, concurrency, i -> new String[] {"Baseline:Create",
                "b-" + run + "-" + i, "{\"n\":" + i + "}"});
            int serialBase = (int) (System.currentTimeMillis() / 1000 % 900_000) * 10;
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                codes.add(packCode(serialBase + i));
            }
            Result register = run(battery, "register", count, concurrency, i -> new String[] {
                Transactions.REGISTER_UNITS, registerRequest(codes.get(i))});
            Result ship = run(battery, "lifecycle", count, concurrency, i -> new String[] {Transactions.SHIP,
                Json.string(Map.of("clientEventId", "gw-ship-" + codes.get(i), "code", codes.get(i)))});

            for (Result r : List.of(base, register, ship)) {
                System.out.println(r.line());
            }
            System.out.printf("register  / baseline = %5.1f %% (aim >= 80 %%)%n", 100 * register.tps() / base.tps());
            System.out.printf("lifecycle / baseline = %5.1f %% (aim >= 80 %%)%n", 100 * ship.tps() / base.tps());
        }
    }

    /** A valid GB/T 34014 pack code under the demo maker's prefix. */
    static String packCode(int serial) {
        return MAKER_PREFIX + "PEA1GWLOAD1" + BatteryCodes.encodeDate(LocalDate.of(2026, 3, 1))
                + String.format("%07d", serial % 10_000_000);
    }

    static String registerRequest(String code) {
        return Json.string(Map.of("clientEventId", "gw-reg-" + code,
                "units", List.of(Map.of("code", code, "children", List.of()))));
    }

    /** {@code count} submissions, {@code concurrency} at a time; {@code tx} gives name and arguments of the i-th. */
    static Result run(Contract contract, String name, int count, int concurrency, IntFunction<String[]> tx)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] latencies = new long[count];
        AtomicInteger committed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String[] t = tx.apply(i);
                    long t0 = System.nanoTime();
                    try {
                        Status s = contract.newProposal(t[0]).addArguments(Arrays.copyOfRange(t, 1, t.length)).build()
                                .endorse().submitAsync().getStatus();
                        if (s.isSuccessful()) {
                            latencies[committed.getAndIncrement()] = (System.nanoTime() - t0) / 1000;
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (failed.incrementAndGet() <= 3) {
                            System.err.println(name + " #" + i + ": " + e);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(name, committed.get(), failed.get(), seconds, Arrays.copyOf(latencies, committed.get()));
    }
}
