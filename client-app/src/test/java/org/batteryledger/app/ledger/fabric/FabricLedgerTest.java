package org.batteryledger.app.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.ChaincodeEvent;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.app.ledger.embedded.EmbeddedLedger;
import org.batteryledger.app.ledger.embedded.Settings;
import org.batteryledger.app.outbox.Consortium;
import org.batteryledger.app.outbox.Outbox;
import org.batteryledger.app.outbox.OutboxEntry;
import org.batteryledger.app.outbox.OutboxSender;
import org.batteryledger.app.outbox.OutboxSettings;
import org.batteryledger.app.outbox.OutboxStatus;
import org.batteryledger.app.outbox.TestDb;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.json.Json;
import org.hyperledger.fabric.contract.InProcessRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FabricLedger} driven through the real fabric-gateway client, over TLS, against a fake
 * gateway peer on 127.0.0.1 whose transactions the real contracts decide (an embedded ledger
 * behind it). What is checked is the adapter: signing per user, results, refusals and their codes,
 * MVCC retries, block-wise events, reconnection, and the outbox draining once after an outage.
 */
class FabricLedgerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    EmbeddedLedger backing;
    FakeGatewayPeer peer;
    FabricLedger fabric;
    Consortium c;

    @BeforeAll
    static void warmUp() {
        InProcessRouter.shared(); // the contract router's classpath scan, once, outside any deadline
    }

    @BeforeEach
    void setUp() throws Exception {
        // 100 ms batches: concurrent writes share a block, as on an orderer.
        backing = EmbeddedLedger.open(dir.resolve("backing"), Settings.defaults().withBatchTimeout(
                Duration.ofMillis(100)));
        TestTls tls = TestTls.create(Files.createDirectories(dir.resolve("tls")), "peer0.fake.example");
        // The consortium's users are made before the peer so it can map creators to them.
        Consortium[] holder = new Consortium[1];
        peer = new FakeGatewayPeer(backing, tls, "battery", List.of()).start();
        fabric = FabricLedger.connect(settings(peer.endpoint(), tls, 3), () -> holder[0].regulator.user());
        holder[0] = Consortium.on(fabric, peer::addUser);
        c = holder[0];
    }

    @AfterEach
    void tearDown() throws Exception {
        fabric.close();
        peer.close();
        backing.close();
    }

    static FabricSettings settings(String endpoint, TestTls tls, int mvccRetries) {
        return new FabricSettings(endpoint, tls.caCert(), tls.serverName(), "RegulatorMSP", "battery", "battery",
                Path.of("."), "", Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(20),
                Duration.ofSeconds(60), mvccRetries, 16, Duration.ofMillis(100));
    }

    @Test
    void aWriteCommitsWithTheContractsResultInTheBlockTheLedgerCut() {
        String pack = c.code(c.batteryMaker, 'P', 1);

        Commit commit = c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.registerRequest(Map.of(pack, List.of())));

        assertThat(commit.result()).contains(pack);
        assertThat(commit.txId()).matches("[0-9a-f]{64}");
        assertThat(commit.blockNumber()).isEqualTo(backing.height() - 1);
        JsonNode unit = Json.tree(fabric.evaluate(c.regulator.user(), Transactions.GET_UNIT, pack));
        assertThat(unit.toString()).contains(pack).contains(c.batteryMaker.id());
    }

    @Test
    void aWriteCarryingPrivateTermsIsEndorsedByTheSendersAndTheReceiversOrganisations() {
        String pack = c.code(c.batteryMaker, 'P', 4);
        c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.registerRequest(Map.of(pack, List.of())));
        c.submit(c.batteryMaker, Transactions.SHIP, c.request("code", pack));
        assertThat(peer.endorsingOrganizationsOf(Transactions.SHIP)).as("no private data: the Gateway's plan").isEmpty();

        fabric.submit(c.batteryMaker.user(), Transactions.OFFER_HANDOVER,
                Map.of(org.batteryledger.chaincode.custody.Handovers.COMMERCIAL, Json.bytes(Map.of("priceMinor",
                        120_000, "currency", "CNY", "contractRef", "K-1"))),
                c.request("codes", List.of(pack), "to", c.automaker.id())).join();

        assertThat(peer.endorsingOrganizationsOf(Transactions.OFFER_HANDOVER))
                .containsExactly(c.batteryMaker.mspId(), c.automaker.mspId());
    }

    @Test
    void aContractRefusalOfAWriteCarriesTheLedgerErrorCode() {
        String unknown = c.code(c.batteryMaker, 'P', 77);

        assertThatThrownBy(() -> c.submit(c.batteryMaker, Transactions.SHIP, c.request("code", unknown)))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(LedgerRejectedException.class, e -> {
                    assertThat(e.code()).contains(LedgerError.NOT_FOUND);
                    assertThat(e.getMessage()).startsWith("NOT_FOUND: ").contains(unknown);
                    assertThat(e.txId()).matches("[0-9a-f]{64}");
                });
    }

    @Test
    void aContractRefusalOfAReadCarriesTheLedgerErrorCode() {
        String unknown = c.code(c.batteryMaker, 'P', 78);

        assertThatThrownBy(() -> fabric.evaluate(c.regulator.user(), Transactions.GET_UNIT, unknown))
                .isInstanceOfSatisfying(LedgerRejectedException.class,
                        e -> assertThat(e.code()).contains(LedgerError.NOT_FOUND));
    }

    @Test
    void aWriteThatLosesMvccRacesIsEndorsedAgainAndAppliedOnce() {
        String pack = c.code(c.batteryMaker, 'P', 2);
        int before = peer.endorsements();
        peer.failNextCommitsWithMvccConflict(2);

        Commit commit = c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.registerRequest(Map.of(pack, List.of())));

        assertThat(peer.endorsements() - before).isEqualTo(3);
        assertThat(commit.result()).contains(pack);
        assertThat(c.unitsHeldBy(c.batteryMaker).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void aWriteThatKeepsLosingMvccRacesFailsRetryablyAndChangesNothing() {
        String pack = c.code(c.batteryMaker, 'P', 3);
        peer.failNextCommitsWithMvccConflict(4); // 1 try + 3 retries

        assertThatThrownBy(() -> c.submit(c.batteryMaker, Transactions.REGISTER_UNITS,
                c.registerRequest(Map.of(pack, List.of()))))
                .cause()
                .isInstanceOfSatisfying(LedgerUnavailableException.class, e -> {
                    assertThat(e.isMvccConflict()).isTrue();
                    assertThat(e.getMessage()).contains("MVCC_READ_CONFLICT");
                });
        assertThatThrownBy(() -> fabric.evaluate(c.regulator.user(), Transactions.GET_UNIT, pack))
                .isInstanceOf(LedgerRejectedException.class);
    }

    @Test
    void theHeightIsTheChannelsBlockCount() {
        assertThat(fabric.height()).isEqualTo(backing.height()).isPositive();
    }

    @Test
    void eventsArriveWholeBlocksAtATimeAsTheLedgerCutThem() {
        List<java.util.concurrent.CompletableFuture<Commit>> writes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            writes.add(fabric.submit(c.batteryMaker.user(), Transactions.REGISTER_UNITS, Map.of(),
                    c.registerRequest(Map.of(c.code(c.batteryMaker, 'P', 40 + i), List.of()))));
        }
        writes.forEach(java.util.concurrent.CompletableFuture::join);
        List<BlockEvents> expected = blocksWithEvents(backing);
        assertThat(expected).anyMatch(b -> b.events().size() > 1); // the point: several events in one block

        List<BlockEvents> got = new CopyOnWriteArrayList<>();
        try (Ledger.Subscription s = fabric.subscribe(0, got::add)) {
            await().atMost(WAIT).until(() -> got.size() == expected.size());
        }

        assertThat(got).extracting(BlockEvents::blockNumber)
                .containsExactlyElementsOf(expected.stream().map(BlockEvents::blockNumber).toList());
        assertThat(got).extracting(b -> b.events().size())
                .containsExactlyElementsOf(expected.stream().map(b -> b.events().size()).toList());
        assertThat(names(got)).isEqualTo(names(expected));
        assertThat(payloads(got)).isEqualTo(payloads(expected));
    }

    @Test
    void eventsCarryTheTransactionIdTheWriterWasGiven() {
        List<BlockEvents> got = new CopyOnWriteArrayList<>();
        try (Ledger.Subscription s = fabric.subscribe(backing.height(), got::add)) {
            Commit commit = c.submit(c.batteryMaker, Transactions.REGISTER_UNITS,
                    c.registerRequest(Map.of(c.code(c.batteryMaker, 'P', 5), List.of())));
            await().atMost(WAIT).until(() -> !got.isEmpty());

            assertThat(got.get(0).events()).extracting(ChaincodeEvent::txId).containsExactly(commit.txId());
        }
    }

    @Test
    void whileThePeerIsDownWritesAndReadsFailRetryably() throws Exception {
        peer.stop();

        assertThatThrownBy(() -> c.submit(c.batteryMaker, Transactions.SHIP,
                c.request("code", c.code(c.batteryMaker, 'P', 6))))
                .cause()
                .isInstanceOfSatisfying(LedgerUnavailableException.class, e -> assertThat(e.isMvccConflict()).isFalse());
        assertThatThrownBy(() -> fabric.evaluate(c.regulator.user(), Transactions.GET_UNIT, "x"))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("UNAVAILABLE");
    }

    @Test
    void theEventStreamReconnectsAfterThePeerRestartsWithoutGapsOrRepeats() throws Exception {
        List<BlockEvents> got = new CopyOnWriteArrayList<>();
        try (Ledger.Subscription s = fabric.subscribe(0, got::add)) {
            await().atMost(WAIT).until(() -> got.size() == blocksWithEvents(backing).size());
            int streams = peer.eventStreamsOpened();

            peer.stop();
            Thread.sleep(300); // a few reconnection attempts fail meanwhile
            peer.start();
            await().atMost(WAIT).ignoreExceptions().until(() -> fabric.height() > 0);
            c.submit(c.batteryMaker, Transactions.REGISTER_UNITS,
                    c.registerRequest(Map.of(c.code(c.batteryMaker, 'P', 7), List.of())));
            List<BlockEvents> expected = blocksWithEvents(backing);
            await().atMost(WAIT).until(() -> got.size() >= expected.size());

            assertThat(peer.eventStreamsOpened()).isGreaterThan(streams);
            assertThat(got).extracting(BlockEvents::blockNumber)
                    .containsExactlyElementsOf(expected.stream().map(BlockEvents::blockNumber).toList());
        }
    }

    @Test
    void scansQueuedWhileThePeerIsDownAreCommittedExactlyOnceWhenItReturns() throws Exception {
        try (TestDb db = new TestDb(dir, "app")) {
            Outbox outbox = new Outbox(db.dataSource(), org.batteryledger.app.outbox.OutboxCipher.random());
            OutboxSender sender = new OutboxSender(outbox, fabric, c.users(), new OutboxSettings(8,
                    Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMinutes(1), Duration.ofMillis(100),
                    Duration.ofSeconds(2)));
            String pack = c.code(c.batteryMaker, 'P', 8);
            c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.registerRequest(Map.of(pack, List.of())));
            sender.start();
            try {
                peer.stop();
                List<OutboxEntry> queued = new ArrayList<>();
                queued.add(outbox.enqueue(c.batteryMaker.user().name(), c.batteryMaker.id(), Transactions.SHIP,
                        c.request("code", pack), null));
                queued.add(outbox.enqueue(c.batteryMaker.user().name(), c.batteryMaker.id(),
                        Transactions.OFFER_HANDOVER, c.request("codes", List.of(pack), "to", c.automaker.id()), null));
                Thread.sleep(500); // the sender tries and backs off
                assertThat(outbox.status(c.batteryMaker.id(), queued.get(0).clientEventId()).orElseThrow().status())
                        .isEqualTo(OutboxStatus.PENDING);

                peer.start();
                List<OutboxEntry> done = queued.stream()
                        .map(q -> outbox.awaitSettled(c.batteryMaker.id(), q.clientEventId(), WAIT))
                        .toList();

                assertThat(done).extracting(OutboxEntry::status)
                        .containsOnly(OutboxStatus.COMMITTED);
                assertThat(done.get(0).attempts()).isGreaterThan(1);
                // Registered, shipped, offered: one version each, however often the sender tried.
                JsonNode history = Json.tree(fabric.evaluate(c.regulator.user(), Transactions.GET_HISTORY, pack, "100",
                        ""));
                assertThat(history.toString()).contains("IN_STOCK");
                assertThat(history.get("count").asInt()).isEqualTo(3);
            } finally {
                sender.stop();
            }
        }
    }

    /** Every block of the backing ledger that has events, once its subscription has caught up. */
    static List<BlockEvents> blocksWithEvents(Ledger ledger) {
        List<BlockEvents> blocks = new CopyOnWriteArrayList<>();
        long height = ledger.height();
        try (Ledger.Subscription s = ledger.subscribe(0, blocks::add)) {
            await().atMost(WAIT).until(() -> blocks.size() >= height);
        }
        return blocks.stream().filter(b -> !b.events().isEmpty()).toList();
    }

    private static List<String> names(List<BlockEvents> blocks) {
        return blocks.stream().flatMap(b -> b.events().stream()).map(ChaincodeEvent::name).toList();
    }

    private static List<String> payloads(List<BlockEvents> blocks) {
        return blocks.stream().flatMap(b -> b.events().stream())
                .map(e -> new String(e.payload(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }
}
