package org.batteryledger.app.ledger.embedded;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.participant.Uscc;
import org.batteryledger.chaincode.unit.Vin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Committed lifecycle events per second through {@link EmbeddedLedger}, durable in its H2 MVStore file,
 * against a same-run baseline of raw batched H2 inserts of rows of the same size.
 *
 * <p>Load: {@code submitters} threads, each the user of its own battery maker, each keeping
 * {@code inFlight} packs moving through RegisterUnits → Ship → OfferHandover → AcceptHandover
 * (automaker) → Install → Sell → Repair (repairer), the cycle of the chaincode's {@code
 * ContractTransactionBenchmark}. A pack's next step is submitted when its previous step
 * committed (a step reads what the one before wrote), so the load is conflict-free and pipelined:
 * simulations run on the submitter threads while the committer writes blocks.
 *
 * <p>Baseline: the rows the ledger stored per transaction in its first measured window
 * (world-state entries, history entries and the transaction, at their measured average sizes, keys
 * shaped like its composite keys) inserted raw as SQL rows into a fresh H2 database file,
 * batched, one commit per {@code maxBlockTransactions}; one thread.
 *
 * <p>The machine may be shared, so ledger windows and baseline runs alternate ({@code rounds}
 * times, the ledger paused and drained during each baseline) and both the wall-clock rates and
 * the CPU time per transaction are printed.
 *
 * <p>Run (from {@code /work/main}): {@code mvn -o test -pl client-app -Dtest=EmbeddedIngestBench
 * -Dbench=true}, or {@code main} with the test class path. Properties: {@code bench.submitters}
 * (4), {@code bench.inFlight} (300 per submitter), {@code bench.seconds} (20 per window), {@code
 * bench.warmup} (40: the JIT needs it on a busy machine), {@code bench.rounds} (2), {@code
 * bench.block} (500), {@code bench.timeoutMs} (10).
 */
public final class EmbeddedIngestBench {
    private static final String PRODUCED = BatteryCodes.encodeDate(LocalDate.of(2026, 1, 15));
    private static final String[] STEPS = {Transactions.REGISTER_UNITS, Transactions.SHIP,
        Transactions.OFFER_HANDOVER, Transactions.ACCEPT_HANDOVER, Transactions.INSTALL, Transactions.SELL,
        Transactions.REPAIR};

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "true")
    void run_the_ingest_bench() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        int submitters = Integer.getInteger("bench.submitters", 4);
        int inFlight = Integer.getInteger("bench.inFlight", 300);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup", 40);
        int rounds = Integer.getInteger("bench.rounds", 2);
        int block = Integer.getInteger("bench.block", 500);
        int timeoutMs = Integer.getInteger("bench.timeoutMs", 10);
        Settings settings = Settings.defaults().withMaxBlockTransactions(block)
                .withBatchTimeout(Duration.ofMillis(timeoutMs));
        Path dir = Files.createTempDirectory("embedded-bench");
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("[bench] %d submitters x %d packs in flight, %d x %d s measured after %d s warm-up,"
                + " blocks of %d / %d ms, %d cores, dir %s%n", submitters, inFlight, rounds, seconds, warmup, block,
                timeoutMs, cores, dir);
        double ledgerRate = 0;
        double ledgerCpu = 0;
        double baseRate = 0;
        double baseCpu = 0;
        try (LedgerLoad load = new LedgerLoad(dir.resolve("ledger"), settings, submitters, inFlight)) {
            Thread.sleep(warmup * 1000L);
            Shape shape = null;
            for (int r = 1; r <= rounds; r++) {
                Window w = load.measure(seconds);
                if (shape == null) {
                    shape = w.shape;
                    System.out.printf("[shape]    per tx: %.2f world-state rows (key %.0f B, value %.0f B), %.2f"
                            + " history rows, 1 tx row (%.0f B read-write set + %.0f B event)%n", shape.stateRows,
                            shape.keyBytes, shape.valueBytes, shape.historyRows, shape.rwsetBytes, shape.eventBytes);
                }
                System.out.printf("[ledger]   round %d: %,.0f committed tx/s (%,d tx in %.1f s, %,d blocks, %.0f"
                        + " tx/block, %d failed), %.0f us CPU/tx (%s); load %s%n", r, w.rate, w.committed, w.seconds,
                        w.blocks, w.committed / (double) Math.max(1, w.blocks), w.failed, w.cpuMicrosPerTx,
                        w.threadSplit, loadAverage());
                load.pause();
                Baseline b = runBaseline(dir.resolve("baseline-" + r), settings, shape, Math.max(20_000,
                        w.committed));
                load.resume();
                System.out.printf("[baseline] round %d: %,.0f tx/s raw batched inserts of the same rows, %.0f us"
                        + " CPU/tx; load %s%n", r, b.rate, b.cpuMicrosPerTx, loadAverage());
                ledgerRate += w.rate / rounds;
                ledgerCpu += w.cpuMicrosPerTx / rounds;
                baseRate += b.rate / rounds;
                baseCpu += b.cpuMicrosPerTx / rounds;
            }
        }
        System.out.printf("[result]   ledger %,.0f tx/s vs baseline %,.0f tx/s: %.0f %% (wall clock, shared"
                + " machine)%n", ledgerRate, baseRate, 100 * ledgerRate / baseRate);
        System.out.printf("[result]   CPU per tx: ledger %.0f us, baseline %.0f us; CPU-bound on %d idle cores:"
                + " ledger ~%,.0f tx/s, baseline ~%,.0f tx/s (%.0f %%)%n", ledgerCpu, baseCpu, cores,
                cores * 1e6 / ledgerCpu, 1e6 / baseCpu, 100 * (cores * 1e6 / ledgerCpu) / (1e6 / baseCpu));
        deleteTree(dir);
    }

    // ------------------------------------------------------------------ the ledger load

    record Shape(double stateRows, double keyBytes, double valueBytes, double historyRows, double rwsetBytes,
            double eventBytes) {}

    record Window(double rate, long committed, double seconds, long blocks, long failed, double cpuMicrosPerTx,
            String threadSplit, Shape shape) {}

    record Baseline(double rate, double cpuMicrosPerTx) {}

    /** A pack on its way through the cycle. */
    private static final class Pack {
        String code;
        String vin;
        int step;
    }

    /** One submitter thread's maker, counters and ready packs. */
    private static final class Submitter {
        final int index;
        final LedgerUser maker;
        final String prefix;
        final BlockingQueue<Pack> ready = new LinkedBlockingQueue<>();
        long serial;
        long vinSeq;
        long eventSeq;

        Submitter(int index, LedgerUser maker, String prefix) {
            this.index = index;
            this.maker = maker;
            this.prefix = prefix;
        }

        String nextCode() {
            return prefix + "PEA1TRACE01" + PRODUCED + String.format("%07d", ++serial);
        }

        String nextVin() {
            return Vin.withCheckDigit(String.format("LBT%dA0000%08d", index, vinSeq++));
        }

        String evt() {
            return "bench" + index + "-" + (eventSeq++);
        }
    }

    /** The ledger, its consortium and the submitter threads driving packs through their lives. */
    private static final class LedgerLoad implements AutoCloseable {
        private final EmbeddedLedger ledger;
        private final List<Thread> threads = new ArrayList<>();
        private final LongAdder committed = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final AtomicInteger pending = new AtomicInteger();
        private volatile boolean paused;
        private volatile boolean stopped;

        LedgerLoad(Path dir, Settings settings, int submitters, int inFlight) {
            ledger = EmbeddedLedger.open(dir, settings);
            Consortium consortium = Consortium.registeredOn(ledger);
            LedgerUser auto = Consortium.user(consortium.automaker);
            LedgerUser repair = Consortium.user(consortium.repairer);
            String automakerId = consortium.automaker.id();
            for (int i = 0; i < submitters; i++) {
                String prefix = String.format("Q%02d", i);
                Party maker = new Party(Uscc.withCheckCharacter("91" + String.format("%015d", 900_000 + i)),
                        "Bench cells " + i, "BenchMaker" + i + "MSP", Role.BATTERY_MAKER, List.of(prefix));
                consortium.register(maker, LedgerFixture.CERT_UNTIL);
                Submitter s = new Submitter(i, Consortium.user(maker), prefix);
                for (int k = 0; k < inFlight; k++) {
                    s.ready.add(new Pack());
                }
                Thread t = new Thread(() -> drive(s, auto, repair, automakerId), "bench-submitter-" + i);
                threads.add(t);
                t.start();
            }
        }

        private void drive(Submitter s, LedgerUser auto, LedgerUser repair, String automakerId) {
            while (!stopped) {
                Pack p;
                try {
                    p = paused ? null : s.ready.poll(50, TimeUnit.MILLISECONDS);
                    if (paused) {
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (p == null) {
                    continue;
                }
                if (p.step == 0) {
                    p.code = s.nextCode();
                    p.vin = s.nextVin();
                }
                String evt = s.evt();
                LedgerUser who = p.step < 3 ? s.maker : p.step < 6 ? auto : repair;
                String json = switch (p.step) {
                    case 0 -> "{\"clientEventId\":\"" + evt + "\",\"units\":[{\"code\":\"" + p.code + "\"}]}";
                    case 2 -> "{\"clientEventId\":\"" + evt + "\",\"codes\":[\"" + p.code + "\"],\"to\":\""
                            + automakerId + "\"}";
                    case 3 -> "{\"clientEventId\":\"" + evt + "\",\"codes\":[\"" + p.code + "\"]}";
                    case 4 -> "{\"clientEventId\":\"" + evt + "\",\"code\":\"" + p.code + "\",\"vin\":\"" + p.vin
                            + "\"}";
                    case 5 -> "{\"clientEventId\":\"" + evt + "\",\"vin\":\"" + p.vin + "\"}";
                    default -> "{\"clientEventId\":\"" + evt + "\",\"code\":\"" + p.code + "\"}"; // Ship, Repair
                };
                pending.incrementAndGet();
                ledger.submit(who, STEPS[p.step], Map.of(), json).whenComplete((commit, error) -> {
                    if (error == null) {
                        committed.increment();
                        p.step = (p.step + 1) % STEPS.length;
                    } else {
                        failed.increment();
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        if (!(cause instanceof LedgerUnavailableException)) {
                            if (failed.sum() < 5) {
                                System.out.println("[bench] step " + STEPS[p.step] + " failed: " + cause);
                            }
                            p.step = 0; // a rejected step would repeat forever: start a fresh pack
                        }
                    }
                    pending.decrementAndGet();
                    s.ready.add(p);
                });
            }
        }

        Window measure(int seconds) throws Exception {
            long c0 = committed.sum();
            long f0 = failed.sum();
            long h0 = ledger.height();
            long cpu0 = processCpuNanos();
            Map<String, Long> threads0 = threadCpu();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long c1 = committed.sum();
            long h1 = ledger.height();
            long cpu1 = processCpuNanos();
            Map<String, Long> threads1 = threadCpu();
            long t1 = System.nanoTime();
            long n = Math.max(1, c1 - c0);
            StringBuilder split = new StringBuilder();
            threads1.forEach((name, value) -> {
                double perTx = (value - threads0.getOrDefault(name, 0L)) / (double) n;
                if (name.endsWith(" alloc")) {
                    if (perTx >= 1024) {
                        split.append(String.format(", %s %.0f KB", name, perTx / 1024));
                    }
                } else if (perTx >= 1000) {
                    split.append(split.length() == 0 ? "" : ", ").append(String.format("%s %.0f", name, perTx / 1e3));
                }
            });
            double secs = (t1 - t0) / 1e9;
            return new Window((c1 - c0) / secs, c1 - c0, secs, h1 - h0, failed.sum() - f0, (cpu1 - cpu0) / 1e3 / n,
                    split.toString(), shape(ledger, h0, h1));
        }

        /** Stops submitting and waits until every submitted step has committed. */
        void pause() throws InterruptedException {
            paused = true;
            while (pending.get() > 0) {
                Thread.sleep(10);
            }
        }

        void resume() {
            paused = false;
        }

        @Override
        public void close() {
            stopped = true;
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ledger.close();
        }
    }

    /** CPU nanoseconds and allocated bytes per thread-name prefix (trailing numbers dropped). */
    static Map<String, Long> threadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new TreeMap<>();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            String name = ti.getThreadName().replaceAll("-?\\d+$", "");
            long cpu = mx.getThreadCpuTime(ti.getThreadId());
            if (cpu > 0) {
                out.merge(name, cpu, Long::sum);
            }
            if (mx instanceof com.sun.management.ThreadMXBean sun) {
                out.merge(name + " alloc", sun.getThreadAllocatedBytes(ti.getThreadId()), Long::sum);
            }
        }
        return out;
    }

    /** CPU time of this process (all threads), in nanoseconds. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** What the ledger stored per transaction in blocks [from, to). */
    private static Shape shape(EmbeddedLedger ledger, long from, long to) {
        Store store = ledger.store();
        return store.read(view -> {
            long txs = 0;
            long rwset = 0;
            long event = 0;
            org.h2.mvstore.Cursor<Long, byte[]> t = new org.h2.mvstore.Cursor<>(view.txs(), Version.of(from, 0), null);
            while (t.hasNext() && Version.block(t.next()) < to) {
                Store.TxRow row = Store.TxRow.decode(t.getKey(), t.getValue());
                txs++;
                rwset += row.rwset().length;
                event += row.eventPayload() == null ? 0 : row.eventPayload().length;
            }
            // History entries and state values written in [from, to): found through the write sets.
            long history = 0;
            long keyBytes = 0;
            long valueBytes = 0;
            long values = 0;
            t = new org.h2.mvstore.Cursor<>(view.txs(), Version.of(from, 0), null);
            while (t.hasNext() && Version.block(t.next()) < to) {
                Store.TxRow row = Store.TxRow.decode(t.getKey(), t.getValue());
                for (RwSet.StoredWrite w : RwSet.decodeWrites(row.rwset()).writes()) {
                    history++;
                    keyBytes += Bytes.utf8(w.key()).length;
                    if (w.value() != null) {
                        valueBytes += w.value().length;
                        values++;
                    }
                }
            }
            double perTx = history / (double) Math.max(1, txs);
            return new Shape(perTx, keyBytes / (double) Math.max(1, history), valueBytes / (double) Math.max(1, values),
                    perTx, rwset / (double) Math.max(1, txs), event / (double) Math.max(1, txs));
        });
    }

    // ------------------------------------------------------------------ the baseline

    /** Raw batched inserts of the same rows into a fresh file database: transactions per second and CPU per tx. */
    static Baseline runBaseline(Path dir, Settings settings, Shape shape, long transactions) throws SQLException {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("raw") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
                + ";CACHE_SIZE=" + settings.h2CacheSizeKb();
        double rowDebt = 0;
        byte[] value = new byte[(int) shape.valueBytes];
        Arrays.fill(value, (byte) 'v');
        byte[] rwset = new byte[(int) shape.rwsetBytes];
        Arrays.fill(rwset, (byte) 'r');
        byte[] event = new byte[(int) shape.eventBytes];
        Arrays.fill(event, (byte) 'e');
        int keyLen = (int) shape.keyBytes;
        int perBlock = settings.maxBlockTransactions();
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE ws(k VARBINARY PRIMARY KEY, v VARBINARY NOT NULL, b BIGINT, t INT)");
                s.execute("CREATE TABLE hist(k VARBINARY, b BIGINT, t INT, d BOOLEAN, id VARCHAR(64), ts BIGINT, ns INT,"
                        + " v VARBINARY, PRIMARY KEY(k, b, t))");
                s.execute("CREATE TABLE txs(b BIGINT, t INT, id VARCHAR(64), code INT, ts BIGINT, ns INT,"
                        + " msp VARCHAR(255), ch BINARY(32), fn VARCHAR(255), en VARCHAR(255), ep VARBINARY,"
                        + " rw VARBINARY, PRIMARY KEY(b, t))");
            }
            c.setAutoCommit(false);
            PreparedStatement ws = c.prepareStatement("INSERT INTO ws VALUES (?, ?, ?, ?)");
            PreparedStatement hist = c.prepareStatement("INSERT INTO hist VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement txs = c.prepareStatement("INSERT INTO txs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            byte[] hash = new byte[32];
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (long i = 0; i < transactions; i++) {
                long b = i / perBlock;
                int t = (int) (i % perBlock);
                rowDebt += shape.stateRows;
                int rows = (int) rowDebt;
                rowDebt -= rows;
                String txId = String.format("%064x", i);
                for (int r = 0; r < rows; r++) {
                    byte[] key = key(i, r, keyLen);
                    ws.setBytes(1, key);
                    ws.setBytes(2, value);
                    ws.setLong(3, b);
                    ws.setInt(4, t);
                    ws.addBatch();
                    hist.setBytes(1, key);
                    hist.setLong(2, b);
                    hist.setInt(3, t);
                    hist.setBoolean(4, false);
                    hist.setString(5, txId);
                    hist.setLong(6, i);
                    hist.setInt(7, 0);
                    hist.setBytes(8, value);
                    hist.addBatch();
                }
                txs.setLong(1, b);
                txs.setInt(2, t);
                txs.setString(3, txId);
                txs.setInt(4, 0);
                txs.setLong(5, i);
                txs.setInt(6, 0);
                txs.setString(7, "BenchMakerMSP");
                txs.setBytes(8, hash);
                txs.setString(9, "Production:Ship");
                txs.setString(10, "UnitShipped");
                txs.setBytes(11, event);
                txs.setBytes(12, rwset);
                txs.addBatch();
                if (t == perBlock - 1 || i == transactions - 1) {
                    ws.executeBatch();
                    hist.executeBatch();
                    txs.executeBatch();
                    c.commit();
                }
            }
            long t1 = System.nanoTime();
            return new Baseline(transactions / ((t1 - t0) / 1e9), (processCpuNanos() - cpu0) / 1e3 / transactions);
        }
    }

    private static final String[] KEY_TYPES = {"unit", "idx~status", "idx~holder", "clientevent", "vehicle",
        "idx~responsible", "idx~vin", "idx~receiver"};

    /**
     * Distinct keys of the given length shaped like the ledger's composite keys: a type, then an
     * attribute that grows with the transaction (codes, VINs and event ids are issued in order),
     * four submitters interleaved.
     */
    private static byte[] key(long tx, int row, int length) {
        String k = "\u0000" + KEY_TYPES[row % KEY_TYPES.length] + "\u0000Q0" + (tx % 4) + "\u0000"
                + Long.toString(1_000_000_000_000L + tx * 8 + row) + "\u0000";
        byte[] b = Arrays.copyOf(k.getBytes(java.nio.charset.StandardCharsets.UTF_8), Math.max(length, k.length()));
        if (b.length > k.length()) {
            Arrays.fill(b, k.length(), b.length, (byte) 'k');
        }
        return b;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
