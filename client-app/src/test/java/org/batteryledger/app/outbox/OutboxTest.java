package org.batteryledger.app.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import org.batteryledger.chaincode.Transactions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox as a store: enqueue, idempotency, conflicts, status. No ledger involved. */
class OutboxTest {
    private static final OutboxCipher CIPHER = OutboxCipher.random();
    private static final String MAKER = "91100000000000000X";
    private static final String PACK = "A1BPEA1TRACE01Q1F0000001";

    @TempDir
    Path dir;
    TestDb db;
    Outbox outbox;

    @BeforeEach
    void setUp() {
        db = new TestDb(dir, "app");
        outbox = new Outbox(db.dataSource(), CIPHER);
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void enqueueStoresAPendingEntryKeyedByParticipantAndClientEventId() {
        OutboxEntry e = outbox.enqueue("maker", MAKER, Transactions.SHIP, ship("scan-1"),
                Map.of("commercial", "{\"priceMinor\":1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(e.clientEventId()).isEqualTo("scan-1");
        assertThat(e.attempts()).isZero();
        assertThat(outbox.status(MAKER, "scan-1")).get().satisfies(looked -> assertThat(looked.transientData()).isEmpty());
        assertThat(outbox.find(new EntryKey(MAKER, "scan-1"))).get().satisfies(stored -> {
            assertThat(stored.transaction()).isEqualTo(Transactions.SHIP);
            assertThat(stored.requestJson()).isEqualTo(ship("scan-1"));
            assertThat(new String(stored.transientData().get("commercial"), StandardCharsets.UTF_8))
                    .isEqualTo("{\"priceMinor\":1}");
        });
        assertThat(outbox.depth()).isEqualTo(1);
    }

    @Test
    void aDuplicateEnqueueReturnsTheSameEntry() {
        OutboxEntry first = outbox.enqueue("maker", MAKER, Transactions.SHIP, ship("scan-1"), null);

        OutboxEntry again = outbox.enqueue("maker-2", MAKER, Transactions.SHIP,
                "{ \"code\" : \"" + PACK + "\", \"clientEventId\" : \"scan-1\" }", null);

        assertThat(again.sequence()).isEqualTo(first.sequence());
        assertThat(again.username()).isEqualTo("maker");
        assertThat(outbox.depth()).isEqualTo(1);
    }

    @Test
    void theSameClientEventIdWithAnotherRequestIsAConflict() {
        outbox.enqueue("maker", MAKER, Transactions.SHIP, ship("scan-1"), null);

        assertThatThrownBy(() -> outbox.enqueue("maker", MAKER, Transactions.SHIP,
                "{\"clientEventId\":\"scan-1\",\"code\":\"A1BPEA1TRACE01Q1F0000002\"}", null))
                .isInstanceOf(OutboxConflictException.class).hasMessageContaining("scan-1");
        assertThatThrownBy(() -> outbox.enqueue("maker", MAKER, Transactions.REMOVE, ship("scan-1"), null))
                .isInstanceOf(OutboxConflictException.class);
    }

    @Test
    void theSameClientEventIdOfAnotherParticipantIsAnotherEntry() {
        outbox.enqueue("maker", MAKER, Transactions.SHIP, ship("scan-1"), null);

        outbox.enqueue("other", "91100000000000001Y", Transactions.SHIP, ship("scan-1"), null);

        assertThat(outbox.depth()).isEqualTo(2);
    }

    @Test
    void aRequestWithoutClientEventIdIsRefused() {
        assertThatThrownBy(() -> outbox.enqueue("maker", MAKER, Transactions.SHIP, "{\"code\":\"X\"}", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientEventId");
        assertThatThrownBy(() -> outbox.enqueue("maker", MAKER, Transactions.SHIP, "not json", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.enqueue("maker", MAKER, Transactions.SHIP, null, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("requestJson");
    }

    @Test
    void statusOfAnUnknownWriteIsEmptyAndWaitingForItFails() {
        assertThat(outbox.status(MAKER, "nope")).isEmpty();
        assertThatThrownBy(() -> outbox.awaitSettled(MAKER, "nope", Duration.ofMillis(10)))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void awaitSettledReturnsThePendingEntryWhenNothingAnswersInTime() {
        outbox.enqueue("maker", MAKER, Transactions.SHIP, ship("scan-1"), null);

        OutboxEntry e = outbox.awaitSettled(MAKER, "scan-1", Duration.ofMillis(50));

        assertThat(e.status()).isEqualTo(OutboxStatus.PENDING);
    }

    @Test
    void entriesSurviveANewOutboxOverTheSameFile() {
        outbox.enqueue("maker", MAKER, Transactions.SHIP, ship("scan-1"), null);

        Outbox reopened = new Outbox(db.dataSource(), CIPHER);

        assertThat(reopened.status(MAKER, "scan-1")).get().extracting(OutboxEntry::status)
                .isEqualTo(OutboxStatus.PENDING);
    }

    @Test
    void orderingKeysAreTheIdentifiersARequestNames() {
        var keys = OrderingKeys.of(org.batteryledger.chaincode.json.Json.tree("{\"clientEventId\":\"ABCDEFGHIJKLMNOPQRSTU\","
                + "\"codes\":[\"" + PACK + "\"],\"to\":\"" + MAKER + "\",\"note\":\"short\",\"spec\":{\"chemistry\":\"NCM\"}}"));

        assertThat(keys).containsExactly(MAKER, PACK);
    }

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheCap() {
        OutboxSettings s = OutboxSettings.defaults();

        assertThat(s.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(s.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(s.backoff(9)).isEqualTo(Duration.ofMillis(25_600));
        assertThat(s.backoff(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.backoff(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    private static String ship(String clientEventId) {
        return "{\"clientEventId\":\"" + clientEventId + "\",\"code\":\"" + PACK + "\"}";
    }
}
