package org.batteryledger.app.ledger.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.state.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Trace latency: the full history of one battery ({@code Queries:GetHistory}, through the contract
 * router, as the API reads it) on an embedded ledger holding {@code bench.units} batteries
 * (1,000,000) and {@code bench.events} events each (10, so 10,000,000 transactions).
 *
 * <p>Loading ten million transactions through the contract would take the better part of an hour
 * on two cores, so the ledger is built in two parts. First the consortium and one template pack
 * go through the real contract (registration, shipping, handover, installation, sale), which gives
 * real unit versions. Then {@link #bulkLoad} appends blocks directly to the H2 file in the
 * committer's own format: one transaction per event writing the unit's key with a template
 * version (the code swapped for the unit's own), canonical read-write sets, the block hash chain
 * continued from the real blocks, history rows, and the final world state. The synthetic
 * transactions carry only the unit's write and no event (real ones carry about 4.6 writes and an
 * event, so their rows are about 8 times larger); the history index and the reads are the
 * committer's. Events of one unit are spread over the whole chain (event j of unit i sits at
 * position j·units + i), so a trace touches ten distant tx pages, as on a real ledger.
 *
 * <p>Measured in the same run: the raw history read of the same keys ({@code Store.history},
 * what the stub runs underneath) as the baseline, then traces through the contract from one
 * thread and from {@code bench.threads} threads ({@code bench.cacheMb}: the ledger file's page cache,
 * default the app's 64 MB; {@code bench.verify=true} then times a full {@code verify}). Traced units are drawn uniformly from all
 * batteries, so most reads miss H2's page cache.
 *
 * <p>Run: {@code ./mvnw -B -ntp -o test -pl client-app -Dtest=EmbeddedTraceBench -Dbench=true
 * -Dbench.dir=/tmp/trace-bench} (the directory is kept and reused by later runs; about 6 GB).
 */
public final class EmbeddedTraceBench {
    private static final int BLOCK = 500;

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "true")
    void run_the_trace_bench() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        int units = Integer.getInteger("bench.units", 1_000_000);
        int events = Integer.getInteger("bench.events", 10);
        int traces = Integer.getInteger("bench.traces", 20_000);
        int threads = Integer.getInteger("bench.threads", 4);
        String given = System.getProperty("bench.dir");
        Path dir = given != null ? Path.of(given) : Files.createTempDirectory("trace-bench");
        Path ledgerDir = dir.resolve("ledger");
        Path marker = dir.resolve("loaded-layout3-" + units + "x" + events);
        LedgerUser regulator;
        if (!Files.exists(marker)) {
            EmbeddedIngestBench.deleteTree(ledgerDir);
            Files.createDirectories(ledgerDir);
            List<byte[]> versions;
            String templateCode;
            try (EmbeddedLedger ledger = EmbeddedLedger.open(ledgerDir, Settings.defaults())) {
                Consortium c = Consortium.registeredOn(ledger);
                templateCode = c.code(c.batteryMaker, 'P', 9_999_999);
                c.packInUse(templateCode, Consortium.vin(9_999_999));
                versions = new ArrayList<>();
                for (Store.HistoryRow r : ledger.store().history(Keys.unit(templateCode))) {
                    versions.add(0, r.value());
                }
            }
            long t0 = System.nanoTime();
            bulkLoad(ledgerDir, templateCode, versions, units, events);
            System.out.printf("[load]   %,d batteries x %d events = %,d transactions appended in %.0f s (%d template"
                    + " versions), file %,d MB%n", units, events, (long) units * events, (System.nanoTime() - t0) / 1e9,
                    versions.size(), Files.size(ledgerDir.resolve(Store.FILE)) >> 20);
            Files.writeString(marker, "loaded\n");
        }
        Consortium consortium;
        Settings measured = Settings.defaults().withH2CacheSizeKb(Integer.getInteger("bench.cacheMb",
                Settings.defaults().h2CacheSizeKb() >> 10) << 10);
        try (EmbeddedLedger ledger = EmbeddedLedger.open(ledgerDir, measured)) {
            consortium = Consortium.alreadyOn(ledger);
            regulator = Consortium.user(consortium.regulator);
            Runtime rt = Runtime.getRuntime();
            System.out.printf("[ledger] height %,d blocks; page cache %,d MB; heap max %,d MB; %d cores; load %s%n",
                    ledger.height(), measured.h2CacheSizeKb() >> 10, rt.maxMemory() >> 20, rt.availableProcessors(),
                    EmbeddedIngestBench.loadAverage());
            String prefix = consortium.code(consortium.batteryMaker, 'P', 0).substring(0, 17);
            checkTraces(ledger, regulator, prefix, units, events);

            // Warm-up: the JIT, not the cache (units differ from the measured ones).
            measure("warm-up", 5_000, new SplittableRandom(1), units, i -> trace(ledger, regulator, code(prefix, i)));

            double[] raw = measure("baseline", traces, new SplittableRandom(7), units,
                    i -> ledger.store().history(Keys.unit(code(prefix, i))).size());
            double[] one = measure("trace x1", traces, new SplittableRandom(11), units,
                    i -> trace(ledger, regulator, code(prefix, i)));
            double[] many = measureConcurrent(threads, traces, units, i -> trace(ledger, regulator, code(prefix, i)));
            System.out.printf("[result] trace p99 %.2f ms (1 thread), %.2f ms (%d threads); raw history read p99"
                    + " %.2f ms: trace/raw %.1fx at p99, %.1fx at p50%n", one[2], many[2], threads, raw[2],
                    one[2] / raw[2], one[0] / raw[0]);
            System.gc();
            System.out.printf("[memory] heap used after GC %,d MB of -Xmx %,d MB%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
            if (Boolean.getBoolean("bench.verify")) {
                long t0 = System.nanoTime();
                VerifyReport report = ledger.verify();
                System.out.printf("[verify] %s: %,d blocks checked in %,d ms; load %s%n", report.ok() ? "ok"
                        : report.problem(), report.blocksChecked(), (System.nanoTime() - t0) / 1_000_000,
                        EmbeddedIngestBench.loadAverage());
            }
        }
        if (given == null) {
            EmbeddedIngestBench.deleteTree(dir);
        }
    }

    /** The battery code of unit {@code i}: the maker's prefix, a fixed middle, a 7-digit serial. */
    private static String code(String prefix, int i) {
        return prefix + String.format("%07d", i);
    }

    private static int trace(EmbeddedLedger ledger, LedgerUser user, String code) {
        return Json.tree(ledger.evaluate(user, Transactions.GET_HISTORY, code, "0", "")).get("items").size();
    }

    /** Before timing anything: some traces return all their events, newest first, through the contract. */
    private static void checkTraces(EmbeddedLedger ledger, LedgerUser user, String prefix, int units, int events) {
        for (int i : new int[] {0, units / 2, units - 1}) {
            JsonNode page = Json.tree(ledger.evaluate(user, Transactions.GET_HISTORY, code(prefix, i), "0", ""));
            if (page.get("items").size() != events) {
                throw new IllegalStateException("unit " + i + " has " + page.get("items").size() + " events, not "
                        + events + ": " + page);
            }
            if (!code(prefix, i).equals(page.get("items").get(0).get("unit").get("code").asText())) {
                throw new IllegalStateException("unit " + i + " history shows another code: " + page);
            }
        }
    }

    @FunctionalInterface
    private interface Op {
        int run(int unit) throws Exception;
    }

    /** Runs {@code n} operations on random units; prints and returns p50, p90, p99, max in ms. */
    private static double[] measure(String label, int n, SplittableRandom random, int units, Op op) throws Exception {
        long[] nanos = new long[n];
        long start = System.nanoTime();
        for (int k = 0; k < n; k++) {
            int unit = random.nextInt(units);
            long t = System.nanoTime();
            op.run(unit);
            nanos[k] = System.nanoTime() - t;
        }
        return report(label, nanos, System.nanoTime() - start);
    }

    private static double[] measureConcurrent(int threads, int n, int units, Op op) throws Exception {
        long[] nanos = new long[n];
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            SplittableRandom random = new SplittableRandom(100 + w);
            Thread t = new Thread(() -> {
                try {
                    for (int k; (k = next.getAndIncrement()) < n; ) {
                        int unit = random.nextInt(units);
                        long t0 = System.nanoTime();
                        op.run(unit);
                        nanos[k] = System.nanoTime() - t0;
                    }
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return report("trace x" + threads, nanos, System.nanoTime() - start);
    }

    private static double[] report(String label, long[] nanos, long wall) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double[] out = {ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6};
        System.out.printf("[%s] %,d reads, %,.0f/s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms; load %s%n",
                label, nanos.length, nanos.length / (wall / 1e9), out[0], out[1], out[2], out[3], EmbeddedIngestBench.loadAverage());
        return out;
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    // ------------------------------------------------------------------ bulk load

    /**
     * Appends {@code units × events} transactions after the ledger's last block, in the committer's
     * format and hash chain, then the history entries and world state of the new units, straight
     * into the store's maps (the ledger closed).
     */
    static void bulkLoad(Path ledgerDir, String templateCode, List<byte[]> versions, int units, int events) {
        String prefix = templateCode.substring(0, 17);
        String[] templates = new String[versions.size()];
        for (int v = 0; v < templates.length; v++) {
            templates[v] = new String(versions.get(v), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (Store store = Store.openFile(ledgerDir.resolve(Store.FILE), Settings.defaults().withH2CacheSizeKb(256 << 10))) {
            long lastBlock = store.blocks.lastKey();
            byte[] previousHash = Store.BlockRow.decode(lastBlock, store.blocks.get(lastBlock)).hash();
            Long lastTx = store.txs.lastKey();
            Store.TxRow last = Store.TxRow.decode(lastTx, store.txs.get(lastTx));
            String creatorMsp = last.creatorMsp();
            byte[] creatorHash = last.creatorHash();
            long lastSecond = last.tsSeconds();
            long total = (long) units * events;
            long firstBlock = lastBlock + 1;
            long blocks = (total + BLOCK - 1) / BLOCK;
            // One event every 3 s on average over the year after the real blocks.
            long spacingMillis = Math.max(1, 365L * 86_400_000 / total);
            long p = 0;
            for (long b = 0; b < blocks; b++) {
                long number = firstBlock + b;
                Chain.DataHash dataHash = new Chain.DataHash();
                int count = (int) Math.min(BLOCK, total - p);
                for (int i = 0; i < count; i++, p++) {
                    int unit = (int) (p % units);
                    int event = (int) (p / units);
                    String code = code(prefix, unit);
                    RwSet rw = new RwSet();
                    rw.writes.put(Keys.unit(code), version(templates, templateCode, code, event));
                    byte[] rwBytes = rw.encode();
                    String txId = String.format("%064x", p);
                    Instant ts = Instant.ofEpochSecond(lastSecond + 1).plusMillis(p * spacingMillis);
                    byte[] body = PendingTx.body(txId, ts.getEpochSecond(), ts.getNano(), creatorMsp, creatorHash,
                            "Production:Ship", rwBytes, null, null);
                    dataHash.add(i, 0, body);
                    store.txs.put(Version.of(number, i), new Store.TxRow(number, i, txId, 0, ts.getEpochSecond(),
                            ts.getNano(), creatorMsp, creatorHash, "Production:Ship", null, null, rwBytes).encode());
                }
                byte[] data = dataHash.finish();
                byte[] hash = Chain.blockHash(number, previousHash, data);
                store.blocks.put(number, new Store.BlockRow(number, previousHash, data, hash, count, Instant.now())
                        .encode());
                previousHash = hash;
                if (b % 100 == 99) {
                    store.commit();
                }
                if (b % 2_000 == 1_999) {
                    System.out.printf("[load]   %,d of %,d blocks; load %s%n", b + 1, blocks,
                            EmbeddedIngestBench.loadAverage());
                }
            }
            store.commit();
            // History and final state, in key order (codes are fixed width, so unit order is key order).
            for (int unit = 0; unit < units; unit++) {
                String code = code(prefix, unit);
                String key = Keys.unit(code);
                long lastPosition = 0;
                for (int event = 0; event < events; event++) {
                    long pos = (long) event * units + unit;
                    long version = Version.of(firstBlock + pos / BLOCK, (int) (pos % BLOCK));
                    Instant ts = Instant.ofEpochSecond(lastSecond + 1).plusMillis(pos * spacingMillis);
                    store.history.put(Codec.historyKey(key, version), new Store.HistoryRow(String.format("%064x", pos),
                            ts, version(templates, templateCode, code, event), false).encode());
                    lastPosition = pos;
                }
                store.state.put(Bytes.utf8(key), Codec.versioned(Version.of(firstBlock + lastPosition / BLOCK,
                        (int) (lastPosition % BLOCK)), version(templates, templateCode, code, events - 1)));
                if (unit % 10_000 == 9_999) {
                    store.commit();
                }
            }
            store.commit();
        }
    }

    /** The template's version for {@code event} (the last one repeats), with the unit's own code. */
    private static byte[] version(String[] templates, String templateCode, String code, int event) {
        return Bytes.utf8(templates[Math.min(event, templates.length - 1)].replace(templateCode, code));
    }
}
