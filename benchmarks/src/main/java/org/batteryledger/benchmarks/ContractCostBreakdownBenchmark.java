package org.batteryledger.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.testkit.InMemoryLedger;
import org.batteryledger.chaincode.testkit.InMemoryStub;
import org.batteryledger.chaincode.testkit.TestIdentities.Identity;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
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
import org.openjdk.jmh.runner.IterationType;

/**
 * Diagnostic companion of {@link ContractTransactionBenchmark}: the cost of one call of each
 * building block a contract transaction repeats, on the data of a real pack (IN_USE in a sold
 * vehicle), so the per-transaction cost can be split by cause without sampling bias.
 *
 * <ul>
 *   <li>{@link #newContext}: {@code new Context(stub)}, i.e. the shim's {@code ClientIdentity}:
 *       protobuf {@code SerializedIdentity}, PEM → X.509 ({@code CertificateFactory}), the Fabric CA
 *       attribute extension (BouncyCastle ASN.1 + org.json), the id string. Once per transaction.
 *   <li>{@link #newStubOnly}: the stub alone, to subtract from the above.
 *   <li>{@link #compositeKeyUnit}, {@link #compositeKeyIndex}: {@code Keys.unit(code)} and an index
 *       key via the shim's {@code CompositeKey}, which compiles a regex per segment; about 11 per
 *       lifecycle transaction. {@link #stringConcatKeyIndex} builds the same index key by
 *       concatenation, for comparison.
 *   <li>{@link #jsonReadUnit}, {@link #jsonWriteUnit}, {@link #jsonReadParticipant}: the Jackson
 *       round trips of the stored records.
 * </ul>
 *
 * <p>Besides JMH's average (wall) time, each benchmark prints the thread CPU time per op over the
 * measurement iterations, which is what to compare when other jobs share the machine.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ContractCostBreakdownBenchmark -f 1 -wi 3
 * -w 2s -i 5 -r 2s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@State(Scope.Thread)
public class ContractCostBreakdownBenchmark {

    private InMemoryLedger ledger;
    private Identity caller;
    private byte[] creator;
    private String code;
    private String holder;
    private byte[] unitJson;
    private BatteryUnit unit;
    private byte[] participantJson;
    private final Instant now = Instant.parse("2026-06-01T08:00:00Z");

    /** Thread CPU time per op over the measurement iterations: robust to other load on the machine. */
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private long ops;
    private long opsAtStart;
    private long cpuAtStart;
    private boolean measuring;
    private long measuredOps;
    private long measuredCpuNanos;

    @Setup(Level.Iteration)
    public void startCpu(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        opsAtStart = ops;
        cpuAtStart = CPU.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stopCpu() {
        if (measuring) {
            measuredCpuNanos += CPU.getCurrentThreadCpuTime() - cpuAtStart;
            measuredOps += ops - opsAtStart;
        }
    }

    @TearDown(Level.Trial)
    public void cpuReport(BenchmarkParams params) {
        String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        System.out.printf("%n[cpu] %s: %.3f us CPU per op (%,d ops)%n", name,
                measuredOps == 0 ? 0.0 : measuredCpuNanos / 1e3 / measuredOps, measuredOps);
    }

    @Setup(Level.Trial)
    public void setUp() {
        LedgerFixture f = LedgerFixture.withConsortium();
        ContractTransactionBenchmark.SHIM_LOGGERS.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
        code = f.code(f.batteryMaker, 'P', 1);
        f.packInUse(code, 1);
        ledger = f.runner.ledger();
        caller = f.automaker.identity();
        creator = caller.serialized();
        holder = f.automaker.id();
        unitJson = ledger.getState(Keys.unit(code));
        unit = Json.read(unitJson, BatteryUnit.class);
        participantJson = ledger.getState(Keys.participant(f.automaker.id()));
        if (!stringConcatKeyIndex().equals(compositeKeyIndex())) {
            throw new IllegalStateException("concatenated key differs from the shim's composite key");
        }
        System.out.printf("%n[breakdown] unit JSON %,d bytes, participant JSON %,d bytes, creator %,d bytes%n",
                unitJson.length, participantJson.length, creator.length);
    }

    private InMemoryStub stub() {
        return new InMemoryStub(ledger, "tx", now, creator, caller.mspId(), List.of(), Map.of());
    }

    @Benchmark
    public ClientIdentity newContext() {
        ops++;
        return new Context(stub()).getClientIdentity();
    }

    @Benchmark
    public InMemoryStub newStubOnly() {
        ops++;
        return stub();
    }

    @Benchmark
    public String compositeKeyUnit() {
        ops++;
        return Keys.unit(code);
    }

    @Benchmark
    public String compositeKeyIndex() {
        ops++;
        return Keys.of(Keys.BY_HOLDER, holder, code);
    }

    @Benchmark
    public String stringConcatKeyIndex() {
        ops++;
        return "\u0000" + Keys.BY_HOLDER + "\u0000" + holder + "\u0000" + code + "\u0000";
    }

    @Benchmark
    public BatteryUnit jsonReadUnit() {
        ops++;
        return Json.read(unitJson, BatteryUnit.class);
    }

    @Benchmark
    public byte[] jsonWriteUnit() {
        ops++;
        return Json.bytes(unit);
    }

    @Benchmark
    public Participant jsonReadParticipant() {
        ops++;
        return Json.read(participantJson, Participant.class);
    }
}
