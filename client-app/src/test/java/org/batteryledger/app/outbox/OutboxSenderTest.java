package org.batteryledger.app.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.TestkitLedger;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.event.Replayed;
import org.batteryledger.chaincode.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox end to end: enqueue, send through the real contracts, record the answer. */
class OutboxSenderTest {
    private static final OutboxCipher CIPHER = OutboxCipher.random();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    TestDb db;
    TestkitLedger ledger;
    Consortium c;
    Outbox outbox;
    final List<OutboxSender> senders = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = new TestDb(dir, "app");
        ledger = new TestkitLedger();
        c = Consortium.on(ledger);
        outbox = new Outbox(db.dataSource(), CIPHER);
    }

    @AfterEach
    void tearDown() throws Exception {
        senders.forEach(OutboxSender::stop);
        db.close();
    }

    @Test
    void anEnqueuedWriteIsCommittedAndItsStatusNamesTheTransaction() {
        sender(outbox, ledger, fast(32)).start();
        String pack = c.code(c.batteryMaker, 'P', 1);

        OutboxEntry queued = enqueue(c.batteryMaker, Transactions.REGISTER_UNITS, c.registerRequest(Map.of(pack, List.of())));
        OutboxEntry done = outbox.awaitSettled(c.batteryMaker.id(), queued.clientEventId(), WAIT);

        assertThat(done.status()).isEqualTo(OutboxStatus.COMMITTED);
        assertThat(done.txId()).isNotBlank();
        assertThat(done.blockNumber()).isEqualTo(ledger.height() - 1);
        assertThat(done.resultJson()).contains(pack);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(outbox.status(c.batteryMaker.id(), queued.clientEventId())).get()
                .extracting(OutboxEntry::status, OutboxEntry::txId).containsExactly(OutboxStatus.COMMITTED, done.txId());
        assertThat(c.unitsHeldBy(c.batteryMaker).get("count").asInt()).isEqualTo(1);
        assertThat(outbox.depth()).isZero();
    }

    @Test
    void aContractRefusalBecomesRejectedWithItsCode() {
        sender(outbox, ledger, fast(32)).start();

        OutboxEntry queued = enqueue(c.batteryMaker, Transactions.SHIP,
                c.request("code", c.code(c.batteryMaker, 'P', 99)));
        OutboxEntry done = outbox.completion(c.batteryMaker.id(), queued.clientEventId()).join();

        assertThat(done.status()).isEqualTo(OutboxStatus.REJECTED);
        assertThat(done.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(done.ledgerError()).contains(LedgerError.NOT_FOUND);
        assertThat(done.lastError()).startsWith("NOT_FOUND:");
        assertThat(done.txId()).isNull();
        assertThat(done.attempts()).isEqualTo(1);
    }

    @Test
    void whileTheLedgerIsDownEntriesStayPendingAndAreCommittedOnceWhenItIsBack() {
        ledger.setDown(true);
        sender(outbox, ledger, fast(32)).start();
        String pack = c.code(c.batteryMaker, 'P', 1);
        OutboxEntry register = enqueue(c.batteryMaker, Transactions.REGISTER_UNITS,
                c.registerRequest(Map.of(pack, List.of())));
        OutboxEntry ship = enqueue(c.batteryMaker, Transactions.SHIP, c.request("code", pack));

        await().atMost(WAIT).until(() -> entry(c.batteryMaker, register).attempts() >= 3);
        OutboxEntry waiting = entry(c.batteryMaker, register);
        assertThat(waiting.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(waiting.lastError()).contains("ledger is down");
        assertThat(entry(c.batteryMaker, ship).status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(outbox.depth()).isEqualTo(2);
        int before = c.events().size();

        ledger.setDown(false);
        OutboxEntry shipped = outbox.awaitSettled(c.batteryMaker.id(), ship.clientEventId(), WAIT);

        assertThat(shipped.status()).isEqualTo(OutboxStatus.COMMITTED);
        assertThat(entry(c.batteryMaker, register).status()).isEqualTo(OutboxStatus.COMMITTED);
        assertThat(c.events().subList(before, c.events().size())).extracting(e -> e.name())
                .containsExactly("UnitsRegistered", "UnitShipped");
        assertThat(c.unitsHeldBy(c.batteryMaker).get("count").asInt()).isEqualTo(1);
        assertThat(outbox.depth()).isZero();
    }

    @Test
    void aNewSenderAfterACrashCompletesPendingEntriesExactlyOnce() throws Exception {
        // The first process sends everything; the ledger commits, but the answers never come back.
        BlackHoleLedger lost = new BlackHoleLedger(ledger);
        OutboxSender crashed = sender(outbox, lost, fast(32));
        crashed.start();
        List<String> packs = new ArrayList<>();
        List<OutboxEntry> queued = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            packs.add(c.code(c.batteryMaker, 'P', i));
            queued.add(enqueue(c.batteryMaker, Transactions.REGISTER_UNITS,
                    c.registerRequest(Map.of(packs.get(i - 1), List.of()))));
        }
        await().atMost(WAIT).until(() -> lost.forwarded.get() == 5);
        lost.forwardMore = false;
        for (int i = 6; i <= 7; i++) { // accepted, never sent before the crash
            packs.add(c.code(c.batteryMaker, 'P', i));
            queued.add(enqueue(c.batteryMaker, Transactions.REGISTER_UNITS,
                    c.registerRequest(Map.of(packs.get(i - 1), List.of()))));
        }
        assertThat(outbox.depth()).isEqualTo(7);
        assertThat(c.unitsHeldBy(c.batteryMaker).get("count").asInt()).isEqualTo(5);

        // "Restart": new objects over the same database file; the old ones are simply dropped.
        Outbox restarted = new Outbox(db.dataSource(), CIPHER);
        sender(restarted, ledger, fast(32)).start();
        for (OutboxEntry q : queued) {
            assertThat(restarted.awaitSettled(q.participantId(), q.clientEventId(), WAIT).status())
                    .isEqualTo(OutboxStatus.COMMITTED);
        }

        assertThat(c.unitsHeldBy(c.batteryMaker).get("count").asInt()).isEqualTo(7);
        assertThat(c.events()).filteredOn(e -> e.name().equals("UnitsRegistered")).hasSize(7);
        assertThat(c.events()).filteredOn(e -> e.name().equals(Replayed.NAME)).hasSize(5);
        for (OutboxEntry q : queued.subList(0, 5)) { // the original transaction, not the replay
            assertThat(restarted.status(q.participantId(), q.clientEventId()).orElseThrow().txId())
                    .isEqualTo(lost.txIds.get(q.clientEventId()));
        }
        assertThat(restarted.depth()).isZero();
    }

    @Test
    void dependentWritesAreSentInOrderAndIndependentOnesInParallel() {
        SlowLedger slow = new SlowLedger(ledger);
        sender(outbox, slow, fast(32)).start();
        Map<String, OutboxEntry> queued = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            String pack = c.code(c.batteryMaker, 'P', i);
            queued.put(pack + "/register", enqueue(c.batteryMaker, Transactions.REGISTER_UNITS,
                    c.registerRequest(Map.of(pack, List.of()))));
            queued.put(pack + "/ship", enqueue(c.batteryMaker, Transactions.SHIP, c.request("code", pack)));
            queued.put(pack + "/offer", enqueue(c.batteryMaker, Transactions.OFFER_HANDOVER,
                    c.request("codes", List.of(pack), "to", c.automaker.id())));
        }

        for (OutboxEntry q : queued.values()) {
            assertThat(outbox.awaitSettled(q.participantId(), q.clientEventId(), WAIT))
                    .extracting(OutboxEntry::status, OutboxEntry::lastError)
                    .containsExactly(OutboxStatus.COMMITTED, null);
        }
        assertThat(slow.maxConcurrent.get()).isGreaterThan(1);
    }

    @Test
    void anUnknownUserIsRetriedNotDropped() {
        sender(outbox, ledger, fast(32)).start();

        OutboxEntry queued = outbox.enqueue("nobody", c.batteryMaker.id(), Transactions.SHIP,
                c.request("code", c.code(c.batteryMaker, 'P', 1)), null);

        await().atMost(WAIT).until(() -> entry(c.batteryMaker, queued).attempts() >= 2);
        assertThat(entry(c.batteryMaker, queued).status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(entry(c.batteryMaker, queued).lastError()).contains("no ledger user named nobody");
    }

    @Test
    void aStoppedSenderSendsNothingAndARestartedOneCarriesOn() {
        OutboxSender sender = sender(outbox, ledger, fast(4));
        sender.start();
        sender.stop();
        String pack = c.code(c.batteryMaker, 'P', 1);
        OutboxEntry queued = enqueue(c.batteryMaker, Transactions.REGISTER_UNITS,
                c.registerRequest(Map.of(pack, List.of())));

        assertThat(outbox.awaitSettled(c.batteryMaker.id(), queued.clientEventId(), Duration.ofMillis(200)).status())
                .isEqualTo(OutboxStatus.PENDING);
        assertThat(sender.isRunning()).isFalse();

        sender.start();

        assertThat(outbox.awaitSettled(c.batteryMaker.id(), queued.clientEventId(), WAIT).status())
                .isEqualTo(OutboxStatus.COMMITTED);
    }

    // ------------------------------------------------------------------ helpers

    private OutboxEntry enqueue(Consortium.Member who, String transaction, String request) {
        return outbox.enqueue(who.user().name(), who.id(), transaction, request, null);
    }

    private OutboxEntry entry(Consortium.Member who, OutboxEntry e) {
        return outbox.status(who.id(), e.clientEventId()).orElseThrow();
    }

    @Test
    void anEntryWhoseTransientDataDoesNotDecryptStaysPendingWithTheReason() {
        String pack = c.code(c.batteryMaker, 'P', 1);
        OutboxEntry queued = outbox.enqueue(c.batteryMaker.user().name(), c.batteryMaker.id(),
                Transactions.REGISTER_UNITS, c.registerRequest(Map.of(pack, List.of())),
                Map.of("commercial", "{\"priceMinor\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Outbox wrongKey = new Outbox(db.dataSource(), OutboxCipher.random());

        sender(wrongKey, ledger, fast(4)).start();
        OutboxEntry after = wrongKey.awaitSettled(queued.participantId(), queued.clientEventId(),
                Duration.ofMillis(500));

        assertThat(after.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(after.lastError()).contains("does not decrypt with the outbox key");
        assertThat(c.unitsHeldBy(c.batteryMaker).get("count").asInt()).isZero();
    }

    private OutboxSender sender(Outbox box, Ledger l, OutboxSettings settings) {
        OutboxSender s = new OutboxSender(box, l, c.users(), settings);
        senders.add(s);
        return s;
    }

    private static OutboxSettings fast(int maxInFlight) {
        return new OutboxSettings(maxInFlight, Duration.ofMillis(10), Duration.ofMillis(80), Duration.ofMinutes(5),
                Duration.ofMillis(200), Duration.ofMillis(200));
    }

    /** Forwards submissions to the ledger but never answers: a process that dies after sending. */
    static final class BlackHoleLedger extends ForwardingLedger {
        final AtomicInteger forwarded = new AtomicInteger();
        volatile boolean forwardMore = true;
        final Map<String, String> txIds = new java.util.concurrent.ConcurrentHashMap<>();

        BlackHoleLedger(Ledger inner) {
            super(inner);
        }

        @Override
        public CompletableFuture<Commit> submit(LedgerUser user, String transaction, Map<String, byte[]> transientData,
                String... args) {
            if (forwardMore) {
                Commit commit = inner.submit(user, transaction, transientData, args).join();
                txIds.put(Json.tree(args[0]).get("clientEventId").asText(), commit.txId());
                forwarded.incrementAndGet();
            }
            return new CompletableFuture<>();
        }
    }

    /** Answers each submission later, on another thread, so concurrent ones could overtake each other. */
    static final class SlowLedger extends ForwardingLedger {
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();

        SlowLedger(Ledger inner) {
            super(inner);
        }

        @Override
        public CompletableFuture<Commit> submit(LedgerUser user, String transaction, Map<String, byte[]> transientData,
                String... args) {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            // Registrations are slowest: a SHIP sent alongside would reach the ledger first.
            long delay = transaction.equals(Transactions.REGISTER_UNITS) ? 150 : 20;
            Executor later = CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return inner.submit(user, transaction, transientData, args).join();
                } finally {
                    concurrent.decrementAndGet();
                }
            }, later);
        }
    }

    /** A ledger that passes everything to another. */
    abstract static class ForwardingLedger implements Ledger {
        final Ledger inner;

        ForwardingLedger(Ledger inner) {
            this.inner = inner;
        }

        @Override
        public String evaluate(LedgerUser user, String transaction, String... args) {
            return inner.evaluate(user, transaction, args);
        }

        @Override
        public Subscription subscribe(long fromBlock, BlockListener listener) {
            return inner.subscribe(fromBlock, listener);
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
