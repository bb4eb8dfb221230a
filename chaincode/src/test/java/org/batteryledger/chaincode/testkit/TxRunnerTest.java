package org.batteryledger.chaincode.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hyperledger.fabric.contract.RouterInvoker;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

class TxRunnerTest {

    private static final TestIdentities.Identity ALICE = TestIdentities.member("Org1MSP", "P-1", "manufacturer");
    private static final TestIdentities.Identity BOB = TestIdentities.member("Org2MSP", "P-2", "recycler");

    private final TxRunner runner = new TxRunner();

    @Test
    void committed_writes_are_visible_to_the_next_transaction() {
        runner.run(ALICE, ctx -> {
            ctx.getStub().putStringState("k", "v");
            return null;
        });
        String read = runner.evaluate(BOB, ctx -> ctx.getStub().getStringState("k"));
        assertThat(read).isEqualTo("v");
    }

    @Test
    void discarded_transaction_changes_nothing() {
        runner.run(ALICE, ctx -> {
            ctx.getStub().putStringState("k", "v");
            return null;
        });
        long height = runner.ledger().blockHeight();

        assertThatThrownBy(() -> runner.run(ALICE, ctx -> {
                    ctx.getStub().putStringState("k", "changed");
                    ctx.getStub().putPrivateData("coll", "p", "x");
                    ctx.getStub().setEvent("Changed", new byte[] {1});
                    throw new ChaincodeException("refused", "NOPE");
                }))
                .isInstanceOf(ChaincodeException.class)
                .hasMessage("refused");

        assertThat(runner.ledger().getState("k")).isEqualTo("v".getBytes(UTF_8));
        assertThat(runner.ledger().getPrivateData("coll", "p")).isNull();
        assertThat(runner.ledger().events()).isEmpty();
        assertThat(runner.ledger().blockHeight()).isEqualTo(height);
    }

    @Test
    void result_carries_tx_id_value_and_last_event() {
        TxRunner.TxResult<Integer> r = runner.run(ALICE, ctx -> {
            ctx.getStub().setEvent("A", "1".getBytes(UTF_8));
            ctx.getStub().setEvent("B", "{\"n\":2}".getBytes(UTF_8));
            return 42;
        });
        assertThat(r.value()).isEqualTo(42);
        assertThat(r.eventName()).isEqualTo("B");
        assertThat(r.eventPayloadUtf8()).isEqualTo("{\"n\":2}");
        assertThat(r.txId()).matches("[0-9a-f]{64}");
        assertThat(runner.ledger().isCommitted(r.txId())).isTrue();
        assertThat(runner.ledger().events()).singleElement()
                .satisfies(e -> assertThat(e.txId()).isEqualTo(r.txId()));
    }

    @Test
    void tx_ids_are_deterministic_and_distinct() {
        TxRunner other = new TxRunner();
        String a1 = runner.run(ALICE, ctx -> ctx.getStub().getTxId()).value();
        String a2 = runner.run(ALICE, ctx -> ctx.getStub().getTxId()).value();
        String b1 = other.run(ALICE, ctx -> ctx.getStub().getTxId()).value();
        assertThat(a1).isNotEqualTo(a2).isEqualTo(b1);
        assertThat(a1).hasSize(64);
    }

    @Test
    void clock_starts_at_default_and_advances_one_second_per_submitted_tx() {
        assertThat(runner.now()).isEqualTo(Instant.parse("2026-06-01T08:00:00Z"));
        Instant t1 = runner.run(ALICE, ctx -> ctx.getStub().getTxTimestamp()).value();
        Instant t2 = runner.run(ALICE, ctx -> ctx.getStub().getTxTimestamp()).value();
        assertThat(t1).isEqualTo(Instant.parse("2026-06-01T08:00:00Z"));
        assertThat(t2).isEqualTo(Instant.parse("2026-06-01T08:00:01Z"));

        Instant evaluated = runner.evaluate(ALICE, ctx -> ctx.getStub().getTxTimestamp());
        assertThat(evaluated).isEqualTo(Instant.parse("2026-06-01T08:00:02Z"));
        assertThat(runner.now()).isEqualTo(evaluated);

        runner.advance(Duration.ofDays(1));
        assertThat(runner.run(ALICE, ctx -> ctx.getStub().getTxTimestamp()).value())
                .isEqualTo(Instant.parse("2026-06-02T08:00:02Z"));
        runner.setTime(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(runner.run(ALICE, ctx -> ctx.getStub().getTxTimestamp()).value())
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void history_timestamps_come_from_the_runner_clock() {
        runner.setTime(Instant.parse("2027-03-04T05:06:07Z"));
        runner.run(ALICE, ctx -> {
            ctx.getStub().putStringState("k", "v");
            return null;
        });
        assertThat(runner.ledger().history("k")).singleElement()
                .satisfies(m -> assertThat(m.getTimestamp()).isEqualTo(Instant.parse("2027-03-04T05:06:07Z")));
    }

    @Test
    void evaluate_discards_writes() {
        String value = runner.evaluate(ALICE, ctx -> {
            ctx.getStub().putStringState("k", "v");
            return "done";
        });
        assertThat(value).isEqualTo("done");
        assertThat(runner.ledger().getState("k")).isNull();
        assertThat(runner.ledger().blockHeight()).isZero();
    }

    @Test
    void context_identity_comes_from_the_caller_certificate() {
        String who = runner.evaluate(BOB, ctx -> ctx.getClientIdentity().getMSPID() + "|"
                + ctx.getClientIdentity().getAttributeValue("role") + "|"
                + ctx.getClientIdentity().getAttributeValue("participant"));
        assertThat(who).isEqualTo("Org2MSP|recycler|P-2");
    }

    @Test
    void peer_msp_defaults_to_the_callers_org_and_can_be_pinned() {
        String byDefault = runner.evaluate(BOB, ctx -> ctx.getStub().getMspId());
        assertThat(byDefault).isEqualTo("Org2MSP");
        runner.setPeerMspId("Org1MSP");
        String pinned = runner.evaluate(BOB, ctx -> ctx.getStub().getMspId());
        assertThat(pinned).isEqualTo("Org1MSP");
        runner.setPeerMspId(null);
        String restored = runner.evaluate(ALICE, ctx -> ctx.getStub().getMspId());
        assertThat(restored).isEqualTo("Org1MSP");
    }

    @Test
    void transient_map_reaches_the_stub() {
        String secret = runner.run(ALICE, Map.of("price", "12".getBytes(UTF_8)),
                ctx -> new String(ctx.getStub().getTransient().get("price"), UTF_8)).value();
        assertThat(secret).isEqualTo("12");
        byte[] evaluated = runner.evaluate(ALICE, Map.of("x", new byte[] {7}), ctx -> ctx.getStub().getTransient().get("x"));
        assertThat(evaluated).containsExactly(7);
    }

    @Test
    void submit_through_the_router_commits_on_success() {
        RouterInvoker router = RouterInvoker.shared();
        TxRunner.TxResult<Chaincode.Response> r = runner.submit(ALICE, router, "EchoForTest:Put", "k", "hello");

        assertThat(r.value().getStatus()).isEqualTo(Chaincode.Response.Status.SUCCESS);
        assertThat(r.eventName()).isEqualTo("EchoPut");
        assertThat(r.eventPayloadUtf8()).isEqualTo("hello");
        assertThat(runner.evaluate(BOB, router, "EchoForTest:Get", "k").getStringPayload()).isEqualTo("hello");
    }

    @Test
    void submit_through_the_router_discards_an_error_response() {
        RouterInvoker router = RouterInvoker.shared();
        TxRunner.TxResult<Chaincode.Response> r = runner.submit(ALICE, router, "EchoForTest:Fail", "boom");

        assertThat(r.value().getStatusCode()).isEqualTo(500);
        assertThat(r.value().getMessage()).isEqualTo("boom");
        assertThat(r.eventName()).isNull();
        assertThat(runner.ledger().getState("echo-fail")).isNull();
        assertThat(runner.ledger().isCommitted(r.txId())).isFalse();
    }

    @Test
    void concurrent_runs_all_commit() throws Exception {
        int threads = 6;
        int perThread = 40;
        Set<String> txIds = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String key = "k-" + thread + "-" + i;
                        txIds.add(runner.run(ALICE, ctx -> {
                            ctx.getStub().putStringState(key, "v");
                            return null;
                        }).txId());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(txIds).hasSize(threads * perThread);
        assertThat(runner.ledger().stateSnapshot()).hasSize(threads * perThread);
        assertThat(runner.now()).isEqualTo(TxRunner.DEFAULT_START.plusSeconds(threads * perThread));
    }
}
