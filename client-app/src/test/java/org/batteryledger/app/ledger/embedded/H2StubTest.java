package org.batteryledger.app.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.chaincode.testkit.TestIdentities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ChaincodeStub} semantics of the embedded ledger, driven through the real router with a
 * test contract ({@link ProbeContractForTest}): the rules a contract could tell apart from a peer.
 */
class H2StubTest {
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    @TempDir
    Path dir;

    private EmbeddedLedger ledger;
    private final LedgerUser alice = user("Org1MSP", "alice");
    private final LedgerUser bob = user("Org2MSP", "bob");

    static LedgerUser user(String msp, String name) {
        TestIdentities.Identity id = TestIdentities.member(msp, name, "BATTERY_MAKER");
        return new LedgerUser(name, msp, id.certificate(), id.certificatePem(), id.privateKey(), id.serialized());
    }

    @BeforeEach
    void open() {
        ledger = EmbeddedLedger.open(dir, Settings.defaults().withClock(Clock.fixed(T0, ZoneOffset.UTC)));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private Commit submit(LedgerUser who, String fn, String... args) {
        return ledger.submit(who, "EmbeddedProbe:" + fn, Map.of(), args).join();
    }

    private String eval(LedgerUser who, String fn, String... args) {
        return ledger.evaluate(who, "EmbeddedProbe:" + fn, args);
    }

    @Test
    void a_transaction_reads_committed_state_not_its_own_writes_and_a_missing_key_is_empty() {
        Commit first = submit(alice, "PutThenGet", "k", "v1");
        Commit second = submit(alice, "PutThenGet", "k", "v2");

        assertThat(first.result()).isEqualTo("[]");
        assertThat(second.result()).isEqualTo("[v1]");
        assertThat(eval(alice, "Get", "k")).isEqualTo("[v2]");
        assertThat(eval(alice, "Get", "nothing")).isEqualTo("[]");
    }

    @Test
    void an_evaluation_keeps_none_of_its_writes() {
        ledger.evaluate(alice, "EmbeddedProbe:Put", "k", "v");

        assertThat(eval(alice, "Get", "k")).isEqualTo("[]");
    }

    @Test
    void range_queries_follow_the_shims_rules() {
        for (String k : List.of("a", "b", "c", "d")) {
            submit(alice, "Put", k, k);
        }
        submit(alice, "PutComposite", "unit", "U1", "x");
        submit(alice, "PutComposite", "unit", "U2", "y");
        submit(alice, "PutComposite", "other", "O1", "z");

        assertThat(eval(alice, "Range", "b", "d")).as("end exclusive").isEqualTo("b,c");
        assertThat(eval(alice, "Range", "", "")).as("empty start: simple keys only").isEqualTo("a,b,c,d");
        assertThat(eval(alice, "Partial", "unit")).isEqualTo("|unit|U1|,|unit|U2|");
    }

    @Test
    void pagination_returns_the_next_key_as_bookmark_and_the_fetched_count() {
        for (String k : List.of("a", "b", "c", "d", "e")) {
            submit(alice, "Put", k, k);
        }

        assertThat(eval(alice, "Page", "", "", "2", "")).isEqualTo("a,b/c/2");
        assertThat(eval(alice, "Page", "", "", "2", "c")).isEqualTo("c,d/e/2");
        assertThat(eval(alice, "Page", "", "", "2", "e")).isEqualTo("e//1");
        assertThat(eval(alice, "Page", "", "", "0", "")).as("0 = no limit").isEqualTo("a,b,c,d,e//5");
    }

    @Test
    void pagination_is_refused_in_a_transaction_that_writes() {
        CompletableFuture<Commit> out = ledger.submit(alice, "EmbeddedProbe:PageThenWrite", Map.of(), "k");

        Throwable t = catchThrowable(out::join);
        assertThat(t).isInstanceOf(CompletionException.class).hasCauseInstanceOf(LedgerRejectedException.class);
    }

    @Test
    void a_range_read_gets_a_phantom_conflict_when_a_key_appears_in_it_in_the_same_block() throws Exception {
        submit(alice, "Put", "m1", "x");
        CompletableFuture<Commit> inserter;
        CompletableFuture<Commit> reader;
        ledger.holdBlocks();
        try {
            inserter = ledger.submit(alice, "EmbeddedProbe:Put", Map.of(), "m2", "y");
            reader = ledger.submit(bob, "EmbeddedProbe:RangeThenWrite", Map.of(), "m", "n", "summary");
        } finally {
            ledger.releaseBlocks();
        }

        inserter.join();
        Throwable t = catchThrowable(reader::join);
        assertThat(t.getCause()).isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("PHANTOM_READ_CONFLICT");
        assertThat(((LedgerUnavailableException) t.getCause()).isMvccConflict()).isTrue();
        assertThat(submit(bob, "RangeThenWrite", "m", "n", "summary").result()).isEqualTo("m1,m2");
    }

    @Test
    void history_lists_every_write_and_delete_newest_first() {
        Commit put1 = submit(alice, "Put", "k", "v1");
        Commit put2 = submit(alice, "Put", "k", "v2");
        Commit del = submit(alice, "Delete", "k");

        assertThat(eval(alice, "History", "k").split(";")).containsExactly(del.txId() + " true ",
                put2.txId() + " false v2", put1.txId() + " false v1");
        assertThat(eval(alice, "Get", "k")).isEqualTo("[]");
        assertThat(ledger.verify().ok()).isTrue();
    }

    @Test
    void only_the_last_event_of_a_transaction_is_kept() throws Exception {
        List<String> names = new java.util.concurrent.CopyOnWriteArrayList<>();
        Commit c = submit(alice, "TwoEvents", "First", "Second");
        Ledger.Subscription s = ledger.subscribe(c.blockNumber(), b -> b.events().forEach(e -> names.add(e.name())));
        try {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (names.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            s.close();
        }
        assertThat(names).containsExactly("Second");
    }

    @Test
    void the_proposal_carries_a_fabric_style_txid_the_ledgers_timestamp_and_the_callers_org() {
        String[] p = eval(bob, "Proposal").split("\\|");

        assertThat(p[0]).matches("[0-9a-f]{64}");
        assertThat(p[1]).isEqualTo("batterychannel");
        assertThat(p[2]).isEqualTo("Org2MSP");
        assertThat(p[3]).isEqualTo(T0.toString());
        assertThat(p[4]).isEqualTo("Org2MSP");
        assertThat(eval(bob, "Proposal").split("\\|")[0]).isNotEqualTo(p[0]);
    }

    @Test
    void private_data_is_held_by_its_orgs_peer_while_its_hash_is_visible_to_all() {
        String coll = "_implicit_org_Org1MSP";
        submit(alice, "PutPrivate", coll, "secret", "terms");

        assertThat(eval(alice, "GetPrivate", coll, "secret")).isEqualTo("[terms]");
        assertThat(eval(bob, "GetPrivate", coll, "secret")).as("another org's peer").isEqualTo("[]");
        String hash = eval(bob, "GetPrivateHash", coll, "secret");
        assertThat(hash).isEqualTo(Bytes.hex(Bytes.sha256(Bytes.utf8("terms"))));
        assertThat(eval(alice, "PrivateRange", coll, "", "")).isEqualTo("secret");
        assertThat(eval(bob, "PrivateRange", coll, "", "")).isEmpty();
        assertThat(eval(alice, "Get", "secret")).as("not in world state").isEqualTo("[]");

        submit(alice, "DeletePrivate", coll, "secret");

        assertThat(eval(alice, "GetPrivate", coll, "secret")).isEqualTo("[]");
        assertThat(eval(bob, "GetPrivateHash", coll, "secret")).isEmpty();
        assertThat(ledger.verify().ok()).isTrue();
    }

    @Test
    void state_based_endorsement_parameters_are_stored_with_existing_keys_and_go_with_a_delete() {
        submit(alice, "Put", "k", "v");
        submit(alice, "SetPolicy", "k", "P1");
        submit(alice, "SetPolicy", "missing", "P2");
        submit(alice, "PutWithPolicy", "new", "v", "P3");

        assertThat(eval(alice, "GetPolicy", "k")).isEqualTo("[P1]");
        assertThat(eval(alice, "GetPolicy", "missing")).as("ignored for a missing key").isEqualTo("[null]");
        assertThat(eval(alice, "GetPolicy", "new")).isEqualTo("[P3]");

        submit(alice, "Put", "k", "v2");
        assertThat(eval(alice, "GetPolicy", "k")).as("kept across value updates").isEqualTo("[P1]");
        submit(alice, "Delete", "k");
        submit(alice, "Put", "k", "v3");
        assertThat(eval(alice, "GetPolicy", "k")).as("deleted with the key").isEqualTo("[null]");
    }

    @Test
    void rich_queries_are_refused() {
        Throwable t = catchThrowable(() -> eval(alice, "Rich"));

        assertThat(t).isInstanceOf(LedgerRejectedException.class);
    }
}
