package org.batteryledger.benchmarks;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.custody.CustodyContract;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.lifecycle.ProductionContract;
import org.batteryledger.chaincode.lifecycle.VehicleContract;
import org.batteryledger.chaincode.participant.Certification;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.ParticipantRequests;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.participant.Uscc;
import org.batteryledger.chaincode.testkit.InMemoryLedger;
import org.batteryledger.chaincode.testkit.InMemoryStub;
import org.batteryledger.chaincode.testkit.TestIdentities.Identity;
import org.batteryledger.chaincode.testkit.TxRunner;
import org.batteryledger.chaincode.unit.Vin;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Committed contract transactions per second through the in-memory fake peer (target: at least
 * 20,000 per second with 2 threads on the 2-core build machine).
 *
 * <p>Every op is one submitted transaction as {@link TxRunner#run} makes it: a fresh {@link
 * InMemoryStub} (fresh txid, the runner's clock, the caller's serialized X.509 identity as
 * creator), wrapped in the shim's real {@link Context} (which parses the certificate into a
 * {@code ClientIdentity}), the contract method called directly with a JSON request, and the
 * write set and event committed to the shared {@link InMemoryLedger}. The contract router is not
 * on the path (that is what a real peer adds on top: gRPC, the router's argument handling).
 *
 * <p>The unit lifecycle, repeated over fresh codes: RegisterUnits (1 pack, by the thread's own
 * battery maker) → Ship → OfferHandover → AcceptHandover (the automaker) → Install (a fresh VIN)
 * → Sell → Repair (the repairer). Each thread registers its own battery maker with its own
 * manufacturer code, uses its own serial, VIN and client-event-id counters, so threads never
 * touch the same key (the ledger does not model MVCC, but the figures should be those of a
 * conflict-free load). Codes vary the serial (9,999,999 per code block) and then the two-character
 * specification code, so they cannot run out.
 *
 * <p>The consortium ledger is rebuilt before every iteration (outside the measured window), see
 * {@link Chain}: each iteration starts from a registered consortium and an empty unit space.
 *
 * <ul>
 *   <li>{@link #mix}: the seven-step cycle, one step per op (1 in 7 ops is a registration).
 *   <li>{@link #registerOnly}: RegisterUnits of one fresh pack per op.
 *   <li>{@link #lifecycleStep}: the six steps after registration, over packs registered before
 *       each iteration (outside the measured window, in batches of 500).
 *   <li>{@link #rawStubPutBaseline}: the same-run baseline. Per op, a stub is made as TxRunner
 *       makes one (ledger txid, runner clock, the creator bytes), then the exact write-set shape
 *       of the mix step it stands for (same number of {@code putState}/{@code delState} calls,
 *       same key lengths, same value sizes, same event payload size, recorded from a real
 *       lifecycle at trial start) is written and committed; keys are fresh, so every put inserts.
 *       No Context, no contract: the ratio mix / baseline is what the contract (and the shim's
 *       Context) cost over the fake peer.
 *   <li>{@link #contextPutBaseline}: diagnostic, the baseline through {@code TxRunner.run}, i.e.
 *       plus {@code new Context(stub)} and its X.509 parsing; what is left between this and
 *       {@link #mix} is the contract's own work.
 * </ul>
 *
 * <p>Main figures use 2 threads; the {@code ...SingleThread} methods repeat them with one. Each
 * thread prints its CPU time per op over the measurement iterations ({@code [cpu]}) and the chain
 * prints the load average after every iteration ({@code [load]}): on a shared machine those, and
 * ratios to the same-run baseline, are what to compare.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ContractTransactionBenchmark -f 1 -wi 3
 * -w 3s -i 5 -r 3s}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
// The in-memory ledger keeps every value, history entry and event: ~6 KB per transaction, up to
// ~1 GB per 3 s iteration at full speed (the ledger is rebuilt per iteration). A fixed initial heap
// avoids resizing noise; the cap states the need.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
public class ContractTransactionBenchmark {

    /** Steps of the lifecycle cycle; index = phase. */
    static final String[] STEP_NAMES = {
        Transactions.REGISTER_UNITS, Transactions.SHIP, Transactions.OFFER_HANDOVER, Transactions.ACCEPT_HANDOVER,
        Transactions.INSTALL, Transactions.SELL, Transactions.REPAIR
    };
    static final int STEPS = STEP_NAMES.length;

    private static final String PRODUCED = BatteryCodes.encodeDate(LocalDate.of(2026, 1, 15));
    private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final long SERIALS = 9_999_999L;
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();
    /** The loggers the shim sets to INFO when the router is built; held strongly so our level sticks. */
    static final List<java.util.logging.Logger> SHIM_LOGGERS = List.of(
            java.util.logging.Logger.getLogger("org.hyperledger"),
            java.util.logging.Logger.getLogger("org.hyperledger.fabric.contract"),
            java.util.logging.Logger.getLogger("org.hyperledger.fabric.shim"));
    /** Units per RegisterUnits when the lifecycle-step pool is filled (the contract's maximum). */
    private static final int FILL_BATCH = 500;

    // ------------------------------------------------------------------ the ledger

    /**
     * The consortium ledger and the contracts. The write-set shapes are recorded once per trial; the
     * ledger itself is rebuilt (fresh consortium) before every iteration, outside the measured
     * window: the in-memory ledger keeps every value, history entry and event (about 6 KB per
     * transaction), so a trial-long ledger grows by millions of transactions, makes GC time grow
     * from iteration to iteration and ran out of a 6 GB heap after 1.1 M transactions.
     */
    @State(Scope.Benchmark)
    public static class Chain {
        volatile LedgerFixture fixture;
        volatile TxRunner runner;
        volatile InMemoryLedger ledger;
        final ProductionContract production = new ProductionContract();
        final CustodyContract custody = new CustodyContract();
        final VehicleContract vehicles = new VehicleContract();
        Identity automaker;
        Identity repairer;
        String automakerId;
        /** Write-set shape of each step, recorded from a real lifecycle. */
        Shape[] shapes;
        long trialTx;

        @Setup(Level.Trial)
        public void setUp() {
            use(LedgerFixture.withConsortium());
            // The router logs every routed call at INFO; only setup goes through it. Keep the output readable.
            SHIM_LOGGERS.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
            automaker = fixture.automaker.identity();
            repairer = fixture.repairer.identity();
            automakerId = fixture.automaker.id();
            shapes = recordShapes(this);
        }

        /** A fresh consortium ledger for every iteration (warm-up and measurement). */
        @Setup(Level.Iteration)
        public void freshLedger() {
            use(LedgerFixture.withConsortium());
        }

        private void use(LedgerFixture f) {
            fixture = f;
            runner = f.runner;
            ledger = f.runner.ledger();
        }

        /** The load average with every measurement: printed after each iteration (warm-up included). */
        @TearDown(Level.Iteration)
        public void load() {
            long tx = ledger.committedTxCount();
            trialTx += tx;
            System.out.printf("[load] %s | %,d tx committed this iteration (setup included), heap used %,d MB%n",
                    ChaincodeStartup.loadAverage(), tx,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.printf("[ledger] %,d transactions committed in this trial%n", trialTx);
        }
    }

    /** What one transaction wrote: keys' lengths, values (null = delete), event. */
    record Shape(String step, int[] keyLengths, byte[][] values, String eventName, byte[] eventPayload) {
        int writes() {
            return keyLengths.length;
        }

        int valueBytes() {
            int n = 0;
            for (byte[] v : values) {
                n += v == null ? 0 : v.length;
            }
            return n;
        }
    }

    // ------------------------------------------------------------------ one thread's actors

    /** One benchmark thread: its own battery maker, counters and the unit it is moving. */
    @State(Scope.Thread)
    public static class Actor {
        int index;
        Party maker;
        Identity makerIdentity;
        String prefix;
        String eventPrefix;
        String vinStem;
        long serial;
        long eventSeq;
        long vinSeq;
        long keySeq;
        String keyStem;

        int phase;
        String code;
        String vin;

        /** Packs registered ahead of each iteration for {@link #lifecycleStep}, so registration is not timed. */
        final ArrayDeque<String> pool = new ArrayDeque<>();
        int poolTarget = 20_000;
        long takenThisIteration;
        long inlineRegistrations;

        /**
         * CPU time of this benchmark thread per op over the measurement iterations (warm-down ops
         * included, setup excluded). Unlike ops/s it hardly depends on what else runs on the
         * machine; it leaves out GC and JIT threads.
         */
        long ops;
        long opsAtStart;
        long cpuAtStart;
        boolean measuring;
        long measuredOps;
        long measuredCpuNanos;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            index = threads.getThreadIndex();
            if (index > 9) {
                throw new IllegalStateException("at most 10 threads: VIN and prefix carry one digit");
            }
            prefix = String.format("Q%02d", index);
            String id = Uscc.withCheckCharacter("91" + String.format("%015d", 900_000 + index));
            maker = new Party(id, "Bench cells " + index, "BenchMaker" + index + "MSP", Role.BATTERY_MAKER,
                    List.of(prefix));
            makerIdentity = maker.identity();
            eventPrefix = "bench" + index + "-";
            vinStem = "LBT" + index + "A000";
            keyStem = "\u0000bench\u0000" + index + "\u0000";
        }

        /**
         * Runs after {@link Chain#freshLedger} (JMH sets up Benchmark-scoped state first): registers
         * this thread's battery maker on the new ledger and, for the lifecycle-step benchmarks, fills
         * the pool with 1.5x the packs the last iteration used (at least 20,000).
         */
        @Setup(Level.Iteration)
        public void prepare(Chain c, BenchmarkParams params, IterationParams iteration) {
            try {
                prepareLedger(c, params);
            } finally {
                measuring = iteration.getType() == IterationType.MEASUREMENT;
                opsAtStart = ops;
                cpuAtStart = CPU.getCurrentThreadCpuTime();
            }
        }

        private void prepareLedger(Chain c, BenchmarkParams params) {
            LedgerFixture f = c.fixture;
            List<Certification> certs = new ArrayList<>();
            for (CertificationType t : CertificationType.requiredFor(Role.BATTERY_MAKER)) {
                certs.add(new Certification(t, t.name() + "-" + maker.id(), "MIIT", LedgerFixture.CERT_FROM,
                        LedgerFixture.CERT_UNTIL));
            }
            f.submit(f.regulator, Transactions.REGISTER_PARTICIPANT,
                    new ParticipantRequests.Register(f.nextEventId(), null, f.input(maker, certs))).expectOk();
            phase = 0; // the unit in flight belonged to the previous ledger
            pool.clear();
            if (!params.getBenchmark().contains(".lifecycleStep")) {
                return;
            }
            poolTarget = (int) Math.max(poolTarget, takenThisIteration * 3 / 2);
            takenThisIteration = 0;
            while (pool.size() < poolTarget) {
                int n = Math.min(FILL_BATCH, poolTarget - pool.size());
                StringBuilder json = new StringBuilder(64 + n * 40).append("{\"clientEventId\":\"")
                        .append(nextEventId()).append("\",\"units\":[");
                List<String> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String next = nextCode();
                    batch.add(next);
                    json.append(i == 0 ? "" : ",").append("{\"code\":\"").append(next).append("\"}");
                }
                String request = json.append("]}").toString();
                submit(c, makerIdentity, ctx -> c.production.RegisterUnits(ctx, request));
                pool.addAll(batch);
            }
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            if (measuring) {
                measuredCpuNanos += CPU.getCurrentThreadCpuTime() - cpuAtStart;
                measuredOps += ops - opsAtStart;
            }
            if (inlineRegistrations > 0) {
                System.out.printf("%n[pool] WARNING: %d registrations ran inside the measured window%n",
                        inlineRegistrations);
                inlineRegistrations = 0;
            }
        }

        @TearDown(Level.Trial)
        public void cpuReport() {
            System.out.printf("[cpu] thread %d: %.1f us CPU per op (%,d ops in the measurement iterations)%n",
                    index, measuredOps == 0 ? 0.0 : measuredCpuNanos / 1e3 / measuredOps, measuredOps);
        }

        String nextCode() {
            long n = serial++;
            long block = n / SERIALS; // spec code changes every 9,999,999 serials: 1,296 blocks
            if (block >= ALNUM.length() * ALNUM.length()) {
                throw new IllegalStateException("codes exhausted");
            }
            char s1 = ALNUM.charAt((int) (block / ALNUM.length()));
            char s2 = ALNUM.charAt((int) (block % ALNUM.length()));
            StringBuilder sb = new StringBuilder(24).append(prefix).append('P').append('E').append(s1).append(s2)
                    .append("TRACE01").append(PRODUCED);
            String digits = Long.toString(n % SERIALS + 1);
            for (int i = digits.length(); i < 7; i++) {
                sb.append('0');
            }
            return sb.append(digits).toString();
        }

        String nextVin() {
            String digits = Long.toString(vinSeq++);
            if (digits.length() > 8) {
                throw new IllegalStateException("VINs exhausted");
            }
            StringBuilder sb = new StringBuilder(17).append(vinStem).append('0');
            for (int i = digits.length(); i < 8; i++) {
                sb.append('0');
            }
            return Vin.withCheckDigit(sb.append(digits).toString());
        }

        String nextEventId() {
            return eventPrefix + (eventSeq++);
        }

        /** Runs lifecycle step {@code step} (0 = RegisterUnits … 6 = Repair) on this thread's current unit. */
        Object step(Chain c, int step) {
            String evt = nextEventId();
            switch (step) {
                case 0:
                    return submit(c, makerIdentity, ctx -> c.production.RegisterUnits(ctx,
                            "{\"clientEventId\":\"" + evt + "\",\"units\":[{\"code\":\"" + code + "\"}]}"));
                case 1:
                    return submit(c, makerIdentity, ctx -> c.production.Ship(ctx,
                            "{\"clientEventId\":\"" + evt + "\",\"code\":\"" + code + "\"}"));
                case 2:
                    return submit(c, makerIdentity, ctx -> c.custody.OfferHandover(ctx,
                            "{\"clientEventId\":\"" + evt + "\",\"codes\":[\"" + code + "\"],\"to\":\""
                                    + c.automakerId + "\"}"));
                case 3:
                    return submit(c, c.automaker, ctx -> c.custody.AcceptHandover(ctx,
                            "{\"clientEventId\":\"" + evt + "\",\"codes\":[\"" + code + "\"]}"));
                case 4:
                    return submit(c, c.automaker, ctx -> c.vehicles.Install(ctx,
                            "{\"clientEventId\":\"" + evt + "\",\"code\":\"" + code + "\",\"vin\":\"" + vin
                                    + "\"}"));
                case 5:
                    return submit(c, c.automaker, ctx -> c.vehicles.Sell(ctx,
                            "{\"clientEventId\":\"" + evt + "\",\"vin\":\"" + vin + "\"}"));
                case 6:
                    return submit(c, c.repairer, ctx -> c.vehicles.Repair(ctx,
                            "{\"clientEventId\":\"" + evt + "\",\"code\":\"" + code + "\"}"));
                default:
                    throw new IllegalArgumentException("step " + step);
            }
        }

        Identity identityFor(Chain c, int step) {
            return step <= 2 ? makerIdentity : step <= 5 ? c.automaker : c.repairer;
        }

        /** A fresh key of (at least) the given length, unique on the ledger. */
        String freshKey(int length) {
            StringBuilder sb = new StringBuilder(Math.max(length, 32)).append(keyStem).append(keySeq++);
            while (sb.length() < length) {
                sb.append('~');
            }
            return sb.toString();
        }
    }

    private static <T> T submit(Chain c, Identity who, Function<Context, T> body) {
        return c.runner.run(who, body).value();
    }

    // ------------------------------------------------------------------ benchmarks, 2 threads

    /** The seven-step lifecycle, one committed transaction per op. */
    @Benchmark
    public Object mix(Chain c, Actor a) {
        return mixOp(c, a);
    }

    /** RegisterUnits of one fresh pack per op. */
    @Benchmark
    public Object registerOnly(Chain c, Actor a) {
        a.ops++;
        a.code = a.nextCode();
        return a.step(c, 0);
    }

    /** Ship … Repair, one step per op, over packs registered before the iteration. */
    @Benchmark
    public Object lifecycleStep(Chain c, Actor a) {
        return stepOp(c, a);
    }

    /** Same-run baseline: the mix's write sets on a bare stub plus commit, no Context, no contract. */
    @Benchmark
    public Object rawStubPutBaseline(Chain c, Actor a) {
        return rawOp(c, a);
    }

    /** Diagnostic: the baseline through TxRunner.run, i.e. plus the shim Context (X.509 parsing). */
    @Benchmark
    public Object contextPutBaseline(Chain c, Actor a) {
        a.ops++;
        int step = a.phase;
        a.phase = (step + 1) % STEPS;
        Shape s = c.shapes[step];
        // Return the parsed identity so the JIT cannot drop the parsing the contract depends on.
        return c.runner.run(a.identityFor(c, step), ctx -> {
            write(ctx.getStub(), s, a);
            return ctx.getClientIdentity();
        }).value();
    }

    // ------------------------------------------------------------------ the same, 1 thread

    @Benchmark
    @Threads(1)
    public Object mixSingleThread(Chain c, Actor a) {
        return mixOp(c, a);
    }

    @Benchmark
    @Threads(1)
    public Object registerOnlySingleThread(Chain c, Actor a) {
        a.ops++;
        a.code = a.nextCode();
        return a.step(c, 0);
    }

    @Benchmark
    @Threads(1)
    public Object lifecycleStepSingleThread(Chain c, Actor a) {
        return stepOp(c, a);
    }

    @Benchmark
    @Threads(1)
    public Object rawStubPutBaselineSingleThread(Chain c, Actor a) {
        return rawOp(c, a);
    }

    // ------------------------------------------------------------------ ops

    private static Object mixOp(Chain c, Actor a) {
        a.ops++;
        int step = a.phase;
        if (step == 0) {
            a.code = a.nextCode();
            a.vin = a.nextVin();
        }
        Object result = a.step(c, step);
        a.phase = (step + 1) % STEPS;
        return result;
    }

    private static Object stepOp(Chain c, Actor a) {
        a.ops++;
        if (a.phase == 0) {
            String code = a.pool.poll();
            if (code == null) {
                // Pool exhausted: register inline (timed) and say so at the end of the iteration.
                code = a.nextCode();
                a.code = code;
                a.step(c, 0);
                a.inlineRegistrations++;
            }
            a.takenThisIteration++;
            a.code = code;
            a.vin = a.nextVin();
            a.phase = 1;
        }
        int step = a.phase;
        Object result = a.step(c, step);
        a.phase = step == STEPS - 1 ? 0 : step + 1;
        return result;
    }

    private static Object rawOp(Chain c, Actor a) {
        a.ops++;
        int step = a.phase;
        a.phase = (step + 1) % STEPS;
        Shape s = c.shapes[step];
        Identity who = a.identityFor(c, step);
        // As TxRunner.newStub: ledger txid, the runner's clock (synchronized), creator bytes, peer = caller's org.
        InMemoryStub stub = new InMemoryStub(c.ledger, c.ledger.nextTxId(), c.runner.now(), who.serialized(),
                who.mspId(), List.of(), Map.of());
        write(stub, s, a);
        return stub.commit();
    }

    private static void write(ChaincodeStub stub, Shape s, Actor a) {
        for (int i = 0; i < s.keyLengths.length; i++) {
            String key = a.freshKey(s.keyLengths[i]);
            byte[] value = s.values[i];
            if (value == null) {
                stub.delState(key);
            } else {
                stub.putState(key, value);
            }
        }
        if (s.eventName != null) {
            stub.setEvent(s.eventName, s.eventPayload);
        }
    }

    // ------------------------------------------------------------------ write-set shapes

    /**
     * Runs one real lifecycle (a calibration pack of the fixture's battery maker) and records, per
     * step, what it wrote. Fails the trial if any step fails.
     */
    static Shape[] recordShapes(Chain c) {
        LedgerFixture f = c.fixture;
        String code = f.code(f.batteryMaker, 'P', 9_999_999);
        String vin = LedgerFixture.vin(99_999_999);
        Identity maker = f.batteryMaker.identity();
        String[] requests = {
            "{\"clientEventId\":\"cal-0\",\"units\":[{\"code\":\"" + code + "\"}]}",
            "{\"clientEventId\":\"cal-1\",\"code\":\"" + code + "\"}",
            "{\"clientEventId\":\"cal-2\",\"codes\":[\"" + code + "\"],\"to\":\"" + c.automakerId + "\"}",
            "{\"clientEventId\":\"cal-3\",\"codes\":[\"" + code + "\"]}",
            "{\"clientEventId\":\"cal-4\",\"code\":\"" + code + "\",\"vin\":\"" + vin + "\"}",
            "{\"clientEventId\":\"cal-5\",\"vin\":\"" + vin + "\"}",
            "{\"clientEventId\":\"cal-6\",\"code\":\"" + code + "\"}",
        };
        Identity[] who = {maker, maker, maker, c.automaker, c.automaker, c.automaker, c.repairer};
        List<Function<Context, String>> calls = List.of(
                ctx -> c.production.RegisterUnits(ctx, requests[0]),
                ctx -> c.production.Ship(ctx, requests[1]),
                ctx -> c.custody.OfferHandover(ctx, requests[2]),
                ctx -> c.custody.AcceptHandover(ctx, requests[3]),
                ctx -> c.vehicles.Install(ctx, requests[4]),
                ctx -> c.vehicles.Sell(ctx, requests[5]),
                ctx -> c.vehicles.Repair(ctx, requests[6]));
        Shape[] shapes = new Shape[STEPS];
        for (int i = 0; i < STEPS; i++) {
            int step = i;
            shapes[i] = c.runner.run(who[i], ctx -> {
                calls.get(step).apply(ctx);
                InMemoryStub stub = (InMemoryStub) ctx.getStub();
                Map<String, byte[]> writes = stub.writes();
                int[] keyLengths = new int[writes.size()];
                byte[][] values = new byte[writes.size()][];
                int k = 0;
                for (Map.Entry<String, byte[]> e : writes.entrySet()) {
                    keyLengths[k] = e.getKey().length();
                    values[k] = e.getValue() == null ? null : filler(e.getValue().length);
                    k++;
                }
                ChaincodeEvent event = stub.getEvent();
                return new Shape(STEP_NAMES[step], keyLengths, values,
                        event == null ? null : event.getEventName(),
                        event == null ? null : filler(event.getPayload().size()));
            }).value();
        }
        StringBuilder sb = new StringBuilder("\n[shapes] write set per step (puts/deletes, value bytes, event bytes):");
        for (Shape s : shapes) {
            long deletes = Arrays.stream(s.values).filter(v -> v == null).count();
            sb.append(String.format("%n  %-26s %d puts, %d deletes, %,d value bytes, event %,d bytes", s.step,
                    s.writes() - deletes, deletes, s.valueBytes(),
                    s.eventPayload == null ? 0 : s.eventPayload.length));
        }
        System.out.println(sb);
        return shapes;
    }

    private static byte[] filler(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 'x');
        return b;
    }
}
