package org.batteryledger.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.TestkitLedger;
import org.batteryledger.app.outbox.Consortium;
import org.batteryledger.app.outbox.TestDb;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.ParticipantStatus;
import org.batteryledger.chaincode.recycling.RecyclingRoute;
import org.batteryledger.chaincode.unit.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projector against the real contracts: what the tables hold, and that each block lands once. */
class ReadModelProjectorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("rm_unit", "code");
        TABLES.put("rm_unit_event", "block_number, tx_index, code");
        TABLES.put("rm_participant", "id");
        TABLES.put("rm_vehicle", "vin");
        TABLES.put("rm_recycling_batch", "batch_id");
        TABLES.put("rm_block", "block_number");
        TABLES.put("rm_recycling_element", "batch_id, element");
        TABLES.put("rm_recycling_input", "batch_id, code");
        TABLES.put("rm_clock_day", "participant, role, action, occurred_day, recorded_day");
        TABLES.put("rm_flow_day", "responsible, registered_by, participant, role, action, to_status, occurred_day");
        TABLES.put("rm_stock", "responsible, registered_by, status, top_level");
        TABLES.put("rm_recycled_content", "maker, model, plant, production_year, material");
        TABLES.put("rm_model_placed", "maker, model, plant, production_year");
        TABLES.put("rm_checkpoint", "projector");
    }

    @TempDir
    Path dir;
    TestDb db;
    TestkitLedger ledger;
    Consortium c;
    ReadModelProjector projector;
    ReadModelQueries queries;

    @BeforeEach
    void setUp() {
        db = new TestDb(dir, "app");
        ledger = new TestkitLedger();
        c = Consortium.on(ledger);
        projector = new ReadModelProjector(db.dataSource(), ledger);
        queries = new ReadModelQueries(db.dataSource());
    }

    @AfterEach
    void tearDown() throws Exception {
        projector.stop();
        db.close();
    }

    @Test
    void theTablesReflectTheLedgerAfterAWholeLifecycle() {
        projector.start();

        Scenario s = Scenario.run(c);

        assertThat(projector.checkpoint()).isEqualTo(ledger.height() - 1);
        for (String code : s.codes()) {
            JsonNode onLedger = Json.tree(ledger.evaluate(c.regulator.user(), Transactions.GET_UNIT, code));
            UnitSummary row = queries.summary(code).orElseThrow();
            assertThat(row.status().name()).as(code).isEqualTo(onLedger.get("status").asText());
            assertThat(row.holder()).as(code).isEqualTo(onLedger.get("holder").asText());
            assertThat(row.responsible()).as(code).isEqualTo(onLedger.get("responsible").asText());
            assertThat(row.vin()).as(code).isEqualTo(onLedger.path("vin").asText(null));
            JsonNode history = Json.tree(ledger.evaluate(c.regulator.user(), Transactions.GET_HISTORY, code, "1000", ""));
            assertThat(queries.timeline(code)).as(code).hasSize(history.get("count").asInt());
        }
        assertThat(queries.summary(s.p1).orElseThrow().status()).isEqualTo(Status.RECYCLED);
        assertThat(queries.summary(s.m1).orElseThrow().holder()).isEqualTo(c.recycler.id());
        assertThat(queries.summary(s.p2).orElseThrow())
                .extracting(UnitSummary::status, UnitSummary::holder, UnitSummary::vin)
                .containsExactly(Status.INSTALLED, c.automaker.id(), s.vin2);
        assertThat(queries.summary(s.p3).orElseThrow().pendingTo()).isEqualTo(c.automaker.id());
        assertThat(queries.unit(s.p1).orElseThrow().children()).containsExactly(s.m1, s.m2);

        assertThat(queries.vehicle(s.vin1).orElseThrow().scrappedAt()).isNotNull();
        assertThat(queries.vehicle(s.vin2).orElseThrow().packs()).containsExactly(s.p2);
        assertThat(queries.recyclingBatch("B-1").orElseThrow())
                .satisfies(b -> assertThat(b.route()).isEqualTo(RecyclingRoute.HYDROMETALLURGY))
                .satisfies(b -> assertThat(b.recyclingEfficiencyBasisPoints()).isEqualTo(7500));
        assertThat(queries.participants()).hasSize(c.all().size())
                .allSatisfy(p -> assertThat(p.status()).isEqualTo(ParticipantStatus.ACTIVE));
        assertThat(queries.participant(c.recycler.id()).orElseThrow().name()).isEqualTo("Green Recycling");
    }

    @Test
    void timelineRowsCarryTheTransitionAndTheCounterparty() {
        projector.start();

        Scenario s = Scenario.run(c);

        List<UnitEvent> p2 = queries.timeline(s.p2);
        assertThat(p2).extracting(UnitEvent::action).containsExactly("REGISTER_UNITS", "SHIP", "OFFER_HANDOVER",
                "ACCEPT_HANDOVER", "INSTALL");
        assertThat(p2.get(0).fromStatus()).isNull();
        assertThat(p2.get(1)).extracting(UnitEvent::fromStatus, UnitEvent::toStatus)
                .containsExactly(Status.PRODUCED, Status.IN_STOCK);
        assertThat(p2.get(2)).extracting(UnitEvent::fromStatus, UnitEvent::toStatus, UnitEvent::participant,
                UnitEvent::counterparty).containsExactly(Status.IN_STOCK, Status.IN_STOCK, c.batteryMaker.id(),
                        c.automaker.id());
        assertThat(p2.get(3)).extracting(UnitEvent::participant, UnitEvent::role, UnitEvent::counterparty)
                .containsExactly(c.automaker.id(), "AUTOMAKER", c.batteryMaker.id());
        assertThat(queries.timeline(s.m1)).extracting(UnitEvent::toStatus).last().isEqualTo(Status.RECYCLED);
    }

    @Test
    void aFailureInsideABlockMovesNeitherRowsNorCheckpointAndARestartResumesThere() {
        projector.start();
        String pack = c.code(c.batteryMaker, 'P', 1);
        c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.registerRequest(Map.of(pack, List.of())));
        long n = ledger.height(); // the block the SHIP will be in
        projector.beforeCheckpoint(block -> {
            if (block == n) {
                throw new IllegalStateException("injected failure in block " + block);
            }
        });

        c.submit(c.batteryMaker, Transactions.SHIP, c.request("code", pack));
        c.submit(c.batteryMaker, Transactions.OFFER_HANDOVER, c.request("codes", List.of(pack), "to", c.automaker.id()));

        assertThat(projector.state()).isEqualTo(ReadModelProjector.State.FAILED);
        assertThat(projector.failure()).get().extracting(Throwable::getMessage).asString().contains("injected");
        assertThat(projector.checkpoint()).isEqualTo(n - 1);
        assertThat(queries.summary(pack).orElseThrow().status()).isEqualTo(Status.PRODUCED);
        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM rm_unit_event WHERE block_number >= ?", Long.class, n))
                .isZero();

        projector.beforeCheckpoint(block -> { });
        projector.start();

        assertThat(projector.state()).isEqualTo(ReadModelProjector.State.RUNNING);
        assertThat(projector.checkpoint()).isEqualTo(n + 1);
        assertThat(queries.summary(pack).orElseThrow())
                .extracting(UnitSummary::status, UnitSummary::pendingTo).containsExactly(Status.IN_STOCK, c.automaker.id());
        assertThat(queries.timeline(pack)).extracting(UnitEvent::action)
                .containsExactly("REGISTER_UNITS", "SHIP", "OFFER_HANDOVER");
    }

    @Test
    void restartingOverTheSameDatabaseDoesNotApplyABlockTwice() {
        projector.start();
        Scenario.run(c);
        projector.stop();
        Map<String, List<String>> before = dumpAll();

        // A ledger that always replays from block 0, like an at-least-once event stream.
        ReadModelProjector again = new ReadModelProjector(db.dataSource(), new ReplayingLedger(ledger));
        again.start();
        again.stop();
        ReadModelProjector third = new ReadModelProjector(db.dataSource(), ledger);
        third.start();
        third.stop();

        assertThat(dumpAll()).isEqualTo(before);
    }

    @Test
    void aLaterDeclarationReplacesTheRowsOfItsModelPlantAndYear() {
        projector.start();

        Scenario.run(c);

        List<Map<String, Object>> rows = db.jdbc().queryForList("SELECT maker, model, plant, production_year, material,"
                + " pre_consumer_bp, post_consumer_bp, total_bp, revision, document_hash FROM rm_recycled_content");
        assertThat(rows).hasSize(1); // NI of the first declaration is gone with it
        Map<String, Object> co = rows.get(0);
        assertThat(co.get("MAKER")).isEqualTo(c.batteryMaker.id());
        assertThat(co.get("MODEL")).isEqualTo(Scenario.MODEL);
        assertThat(co.get("PLANT")).isEqualTo(Scenario.PLANT);
        assertThat(co.get("PRODUCTION_YEAR")).isEqualTo(2026);
        assertThat(co.get("MATERIAL")).isEqualTo("CO");
        assertThat(co.get("TOTAL_BP")).isEqualTo(1_700);
        assertThat(co.get("REVISION")).isEqualTo(2);
        assertThat(co.get("DOCUMENT_HASH")).isEqualTo("2".repeat(64));
    }

    @Test
    void packsArePlacedOnceUnderTheirMakerModelPlantAndProductionYear() {
        projector.start();

        Scenario.run(c);

        // p1-p3 have no model in their spec: not counted; p4 is shipped once.
        assertThat(db.jdbc().queryForList("SELECT maker, model, plant, production_year, packs FROM rm_model_placed"))
                .containsExactly(Map.of("MAKER", c.batteryMaker.id(), "MODEL", Scenario.MODEL, "PLANT", Scenario.PLANT,
                        "PRODUCTION_YEAR", 2026, "PACKS", 1L));
    }

    @Test
    void theRebuiltReadModelEqualsTheIncrementalOne() throws Exception {
        projector.start();
        Scenario.run(c);
        Map<String, List<String>> incremental = dumpAll();
        assertThat(incremental.get("rm_unit_event")).hasSizeGreaterThan(20);

        boolean caughtUp = projector.rebuild(WAIT);

        assertThat(caughtUp).isTrue();
        assertThat(dumpAll()).isEqualTo(incremental);

        try (TestDb other = new TestDb(dir, "other")) {
            ReadModelProjector late = new ReadModelProjector(other.dataSource(), ledger);
            late.start();
            assertThat(late.awaitBlock(ledger.height() - 1, WAIT)).isTrue();
            late.stop();
            assertThat(dumpAll(other)).isEqualTo(incremental);
        }
    }

    @Test
    void awaitBlockWaitsForALaterWrite() {
        projector.start();
        String pack = c.code(c.batteryMaker, 'P', 1);

        var commit = c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.registerRequest(Map.of(pack, List.of())));

        assertThat(projector.awaitBlock(commit.blockNumber(), WAIT)).isTrue();
        assertThat(projector.awaitBlock(commit.blockNumber() + 5, Duration.ofMillis(50))).isFalse();
        assertThat(queries.summary(pack)).isPresent();
    }

    private Map<String, List<String>> dumpAll() {
        return dumpAll(db);
    }

    private static Map<String, List<String>> dumpAll(TestDb from) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        TABLES.forEach((table, key) -> all.put(table, from.dump(table, key)));
        return all;
    }

    /** Ignores where the subscriber wants to start and delivers everything again. */
    static final class ReplayingLedger implements Ledger {
        private final Ledger inner;

        ReplayingLedger(Ledger inner) {
            this.inner = inner;
        }

        @Override
        public java.util.concurrent.CompletableFuture<org.batteryledger.app.ledger.Commit> submit(
                org.batteryledger.app.identity.LedgerUser user, String transaction, Map<String, byte[]> transientData,
                String... args) {
            return inner.submit(user, transaction, transientData, args);
        }

        @Override
        public String evaluate(org.batteryledger.app.identity.LedgerUser user, String transaction, String... args) {
            return inner.evaluate(user, transaction, args);
        }

        @Override
        public Subscription subscribe(long fromBlock, BlockListener listener) {
            return inner.subscribe(0, listener);
        }

        @Override
        public long height() {
            return inner.height();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
