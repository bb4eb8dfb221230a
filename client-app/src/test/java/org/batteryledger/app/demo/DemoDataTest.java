package org.batteryledger.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.app.ledger.TestkitLedger;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.unit.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {
    @TempDir
    static Path dataDir;

    static Map<String, LedgerUser> users;
    static TestkitLedger ledger;
    static DemoData.Result first;

    @BeforeAll
    static void seed() {
        users = DemoConsortium.ensureIdentities(new IdentityStore(dataDir));
        ledger = new TestkitLedger();
        first = new DemoData(ledger, users).seedIfEmpty();
        System.out.printf("demo seeding: %d transactions, %d units, %d ms%n", first.transactions(), first.units(),
                first.took().toMillis());
    }

    @Test
    void every_lifecycle_state_has_units() {
        Map<Status, List<JsonNode>> byStatus = listAll(ledger);

        assertThat(first.outcome()).isEqualTo(DemoData.Outcome.SEEDED);
        for (Status s : Status.values()) {
            assertThat(byStatus.get(s)).as("units in %s", s).isNotEmpty();
        }
        // Listings show units that move on their own; modules and cells inside a pack move with it.
        List<JsonNode> listed = byStatus.values().stream().flatMap(List::stream).toList();
        assertThat(listed.stream().filter(u -> u.get("level").asText().equals("PACK")
                && u.get("form").asText().equals("STANDARD"))).hasSize(DemoData.PACKS);
        assertThat(listed.stream().filter(u -> u.get("form").asText().equals("CASCADE"))).hasSize(8);
        assertThat(listed.stream().filter(u -> u.get("level").asText().equals("MODULE"))).hasSize(6);
        assertThat(first.units()).isEqualTo(DemoData.PACKS + 10 * (2 + 8) + 8);

        JsonNode structured = listed.stream().filter(u -> u.get("children").size() == 2).findFirst().orElseThrow();
        JsonNode module = json(ledger.evaluate(users.get("regulator"), Transactions.GET_UNIT,
                structured.get("children").get(0).asText()));
        assertThat(module.get("children")).hasSize(4);
        assertThat(module.get("status").asText()).isEqualTo(structured.get("status").asText());
        assertThat(module.get("parent").asText()).isEqualTo(structured.get("code").asText());
    }

    @Test
    void a_second_run_writes_nothing() {
        long height = ledger.height();

        DemoData.Result again = new DemoData(ledger, users).seedIfEmpty();

        assertThat(again.outcome()).isEqualTo(DemoData.Outcome.ALREADY_SEEDED);
        assertThat(ledger.height()).isEqualTo(height);
        assertThat(DemoData.isSeeded(ledger, users.get("regulator"))).isTrue();
    }

    @Test
    void every_demo_user_is_accepted_by_the_contract_as_its_company_and_role() throws Exception {
        for (DemoUser u : DemoConsortium.users()) {
            JsonNode me = Json.mapper().readTree(ledger.evaluate(users.get(u.username()), Transactions.WHO_AM_I));
            assertThat(me.get("participant").asText()).as(u.username()).isEqualTo(u.companyId());
            assertThat(me.get("role").asText()).as(u.username()).isEqualTo(u.role().name());
            assertThat(me.get("mspId").asText()).as(u.username()).isEqualTo(u.mspId());
            assertThat(me.get("status").asText()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void the_story_has_pending_handovers_a_swap_repairs_scrapped_vehicles_successors_and_balanced_batches()
            throws Exception {
        LedgerUser regulator = users.get("regulator");
        for (String receiver : List.of("automaker", "recycler")) {
            JsonNode incoming = json(ledger.evaluate(regulator, Transactions.LIST_INCOMING_HANDOVERS,
                    DemoConsortium.byUsername(receiver).id(), "100", ""));
            assertThat(incoming.get("count").asInt()).as("pending to %s", receiver).isPositive();
        }
        Map<Status, List<JsonNode>> byStatus = listAll(ledger);
        List<String> actions = new ArrayList<>();
        byStatus.values().stream().flatMap(List::stream).forEach(u -> actions.add(u.at("/lastEvent/action").asText()));
        assertThat(actions).contains("SWAP", "REPAIR", "REPLACE", "SCRAP_VEHICLE", "REPURPOSE", "RECORD_RECYCLING",
                "DISMANTLE");

        JsonNode successor = byStatus.get(Status.IN_SECOND_USE).get(0);
        assertThat(successor.get("origins")).hasSize(2);
        assertThat(successor.get("responsible").asText()).isEqualTo(DemoConsortium.byUsername("secondlife").id());

        for (String batchId : List.of("DEMO-RB-01", "DEMO-RB-02", "DEMO-RB-03", DemoData.LAST_BATCH_ID)) {
            JsonNode batch = json(ledger.evaluate(regulator, Transactions.GET_RECYCLING_BATCH, batchId));
            assertThat(batch.get("inputs")).isNotEmpty();
            assertThat(batch.get("outputMassGrams").asLong())
                    .isLessThanOrEqualTo(batch.get("inputMassGrams").asLong());
            assertThat(batch.get("recyclingEfficiencyBasisPoints").asInt()).isBetween(6000, 7500);
        }

        // Event times span the months before the registry was bootstrapped.
        List<Instant> occurred = byStatus.values().stream().flatMap(List::stream)
                .map(u -> Instant.parse(u.at("/lastEvent/occurredAt").asText())).sorted().toList();
        assertThat(Duration.between(occurred.get(0), occurred.get(occurred.size() - 1)).toDays())
                .isGreaterThan(150);
    }

    @Test
    void an_interrupted_seeding_is_completed_by_the_next_run_without_duplicates() {
        TestkitLedger fresh = new TestkitLedger();
        FailingAfter flaky = new FailingAfter(fresh, 400);

        assertThatThrownBy(() -> new DemoData(flaky, users).seedIfEmpty())
                .isInstanceOf(LedgerUnavailableException.class);
        assertThat(DemoData.isSeeded(fresh, users.get("regulator"))).isFalse();

        flaky.heal();
        DemoData.Result resumed = new DemoData(flaky, users).seedIfEmpty();

        assertThat(resumed.outcome()).isEqualTo(DemoData.Outcome.SEEDED);
        assertThat(DemoData.isSeeded(fresh, users.get("regulator"))).isTrue();
        Map<Status, List<JsonNode>> expected = listAll(ledger);
        Map<Status, List<JsonNode>> actual = listAll(fresh);
        for (Status s : Status.values()) {
            assertThat(actual.get(s).size()).as("units in %s", s).isEqualTo(expected.get(s).size());
        }
    }

    @Test
    void the_plan_is_the_same_for_the_same_anchor() {
        Instant anchor = Instant.parse("2026-06-01T08:00:01Z");
        List<DemoPlan.Step> a = DemoData.plan(anchor);
        List<DemoPlan.Step> b = DemoData.plan(anchor);

        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).request()).isEqualTo(b.get(i).request());
            assertThat(a.get(i).username()).isEqualTo(b.get(i).username());
        }
        assertThat(a.get(a.size() - 1).request()).contains(DemoData.LAST_BATCH_ID);
        // Client event ids are unique per participant, so no write is mistaken for another's repeat.
        assertThat(a.stream().map(s -> s.username() + "/" + json(s.request()).get("clientEventId").asText())
                .distinct()).hasSize(a.size());
        assertThat(a).allMatch(s -> !s.at().isAfter(anchor));
    }

    @Test
    void a_registry_bootstrapped_by_someone_else_is_left_alone() {
        TestkitLedger other = new TestkitLedger();
        DemoCompany stranger = new DemoCompany(org.batteryledger.chaincode.participant.Uscc
                .withCheckCharacter("11110000MB0099887"), "Another regulator",
                org.batteryledger.chaincode.participant.Role.REGULATOR, "OtherRegMSP", List.of(), "otherreg", "x");
        LedgerUser otherReg = new org.batteryledger.app.identity.DevelopmentCa().issue(stranger.mspId(), "otherreg",
                stranger.id(), "REGULATOR");
        other.submit(otherReg, Transactions.BOOTSTRAP, Map.of(), Json.string(
                new org.batteryledger.chaincode.participant.ParticipantRequests.Register("boot", null,
                        stranger.registryEntry()))).join();
        long height = other.height();

        DemoData.Result r = new DemoData(other, users).seedIfEmpty();

        assertThat(r.outcome()).isEqualTo(DemoData.Outcome.FOREIGN_LEDGER);
        assertThat(other.height()).isEqualTo(height);
    }

    static Map<Status, List<JsonNode>> listAll(Ledger l) {
        Map<Status, List<JsonNode>> out = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            List<JsonNode> items = new ArrayList<>();
            String bookmark = "";
            do {
                JsonNode page = json(l.evaluate(users.get("regulator"), Transactions.LIST_BY_STATUS, s.name(), "1000",
                        bookmark));
                page.get("items").forEach(items::add);
                bookmark = page.get("bookmark").asText();
            } while (!bookmark.isEmpty());
            out.put(s, items);
        }
        return out;
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

    /** A ledger that goes down after a number of writes, as a crash in the middle of seeding would. */
    static final class FailingAfter implements Ledger {
        private final Ledger delegate;
        private final int allowed;
        private final AtomicInteger submitted = new AtomicInteger();
        private volatile boolean healed;

        FailingAfter(Ledger delegate, int allowed) {
            this.delegate = delegate;
            this.allowed = allowed;
        }

        void heal() {
            healed = true;
        }

        @Override
        public CompletableFuture<Commit> submit(LedgerUser user, String transaction, Map<String, byte[]> transientData,
                String... args) {
            if (!healed && submitted.incrementAndGet() > allowed) {
                return CompletableFuture.failedFuture(new LedgerUnavailableException("connection lost"));
            }
            return delegate.submit(user, transaction, transientData, args);
        }

        @Override
        public String evaluate(LedgerUser user, String transaction, String... args) {
            return delegate.evaluate(user, transaction, args);
        }

        @Override
        public Subscription subscribe(long fromBlock, BlockListener listener) {
            return delegate.subscribe(fromBlock, listener);
        }

        @Override
        public long height() {
            return delegate.height();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
