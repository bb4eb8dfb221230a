package org.batteryledger.app.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.ChaincodeEvent;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chaincode events: replay of committed blocks from the stored transactions, then live delivery. */
class EmbeddedEventsTest {

    @TempDir
    Path dir;

    private EmbeddedLedger ledger;
    private Consortium c;
    private final BlockingQueue<BlockEvents> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void open() {
        ledger = EmbeddedLedger.open(dir, Settings.defaults());
        c = Consortium.registeredOn(ledger);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    /** Takes blocks from the subscription until block {@code last} has arrived. */
    private List<BlockEvents> blocksUpTo(long last) throws InterruptedException {
        List<BlockEvents> out = new ArrayList<>();
        while (out.isEmpty() || out.get(out.size() - 1).blockNumber() < last) {
            BlockEvents b = received.poll(10, TimeUnit.SECONDS);
            assertThat(b).as("block %d within 10 s", out.isEmpty() ? -1 : out.get(out.size() - 1).blockNumber() + 1)
                    .isNotNull();
            out.add(b);
        }
        return out;
    }

    private static List<String> names(List<BlockEvents> blocks) {
        return blocks.stream().flatMap(b -> b.events().stream()).map(ChaincodeEvent::name).toList();
    }

    @Test
    void a_subscription_from_block_zero_replays_every_block_in_order_then_follows_new_ones() throws Exception {
        String pack = c.code(c.batteryMaker, 'P', 1);
        List<Commit> commits = c.packInUse(pack, Consortium.vin(1));
        long height = ledger.height();

        Ledger.Subscription s = ledger.subscribe(0, received::add);
        try {
            List<BlockEvents> replayed = blocksUpTo(height - 1);

            assertThat(replayed).extracting(BlockEvents::blockNumber)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, height).boxed().toList());
            assertThat(replayed.get(0).events()).as("genesis").isEmpty();
            List<String> expected = new ArrayList<>();
            expected.add("RegistryBootstrapped");
            expected.addAll(java.util.Collections.nCopies(c.registrations(), "ParticipantRegistered"));
            expected.addAll(List.of("UnitsRegistered", "UnitShipped", "HandoverOffered", "HandoverAccepted",
                    "PackInstalled", "VehicleSold"));
            assertThat(names(replayed)).containsExactlyElementsOf(expected);
            List<ChaincodeEvent> lifecycle = replayed.stream().flatMap(b -> b.events().stream())
                    .skip(1 + c.registrations()).toList();
            assertThat(lifecycle).extracting(ChaincodeEvent::txId)
                    .containsExactlyElementsOf(commits.stream().map(Commit::txId).toList());
            assertThat(lifecycle).allSatisfy(e -> {
                assertThat(e.blockNumber()).isEqualTo(commits.stream().filter(x -> x.txId().equals(e.txId()))
                        .findFirst().orElseThrow().blockNumber());
                assertThat(Json.tree(new String(e.payload(), StandardCharsets.UTF_8)).get("codes").get(0).asText())
                        .isEqualTo(pack);
            });

            String repeat = Consortium.json(c.req("code", pack, "euUniqueId", "EU0001"));
            Commit first = ledger.submit(Consortium.user(c.automaker), Transactions.ATTACH_EU_ID, Map.of(), repeat)
                    .join();
            Commit again = ledger.submit(Consortium.user(c.automaker), Transactions.ATTACH_EU_ID, Map.of(), repeat)
                    .join();

            List<BlockEvents> live = blocksUpTo(again.blockNumber());
            List<ChaincodeEvent> events = live.stream().flatMap(b -> b.events().stream()).toList();
            assertThat(events).extracting(ChaincodeEvent::name).containsExactly("EuIdAttached", "Replayed");
            assertThat(events.get(0).txId()).isEqualTo(first.txId());
            assertThat(events.get(1).txId()).isEqualTo(again.txId());
            assertThat(Json.tree(new String(events.get(1).payload(), StandardCharsets.UTF_8))
                    .get("originalTxId").asText()).isEqualTo(first.txId());
        } finally {
            s.close();
        }
    }

    @Test
    void a_subscription_from_a_checkpoint_starts_at_that_block() throws Exception {
        c.packInUse(c.code(c.batteryMaker, 'P', 1), Consortium.vin(1));
        long height = ledger.height();

        Ledger.Subscription s = ledger.subscribe(height - 2, received::add);
        try {
            List<BlockEvents> blocks = blocksUpTo(height - 1);

            assertThat(blocks).extracting(BlockEvents::blockNumber).containsExactly(height - 2, height - 1);
            assertThat(names(blocks)).containsExactly("PackInstalled", "VehicleSold");
        } finally {
            s.close();
        }
    }

    @Test
    void a_replay_after_reopening_delivers_the_same_events() throws Exception {
        c.packInUse(c.code(c.batteryMaker, 'P', 1), Consortium.vin(1));
        long height = ledger.height();
        List<BlockEvents> before;
        Ledger.Subscription s = ledger.subscribe(0, received::add);
        try {
            before = blocksUpTo(height - 1);
        } finally {
            s.close();
        }
        received.clear();
        ledger.close();
        ledger = EmbeddedLedger.open(dir, Settings.defaults());

        Ledger.Subscription again = ledger.subscribe(0, received::add);
        try {
            List<BlockEvents> after = blocksUpTo(height - 1);

            assertThat(after).hasSameSizeAs(before);
            for (int i = 0; i < after.size(); i++) {
                assertThat(after.get(i).blockNumber()).isEqualTo(before.get(i).blockNumber());
                assertThat(after.get(i).events()).extracting(ChaincodeEvent::txId)
                        .containsExactlyElementsOf(before.get(i).events().stream().map(ChaincodeEvent::txId).toList());
            }
        } finally {
            again.close();
        }
    }

    @Test
    void a_listener_that_throws_stops_its_subscription_without_skipping_blocks() throws Exception {
        List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Ledger.BlockListener failing = b -> {
            seen.add(b.blockNumber());
            if (b.blockNumber() == 2) {
                throw new IllegalStateException("read model down");
            }
        };
        Ledger.Subscription s = ledger.subscribe(0, failing);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (seen.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100);

            assertThat(seen).containsExactly(0L, 1L, 2L);
        } finally {
            s.close();
        }
    }
}
