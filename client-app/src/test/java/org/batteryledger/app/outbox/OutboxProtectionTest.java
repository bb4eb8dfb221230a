package org.batteryledger.app.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.chaincode.Transactions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention and protection of the outbox: settled entries become tombstones after the retention
 * period, transient data is encrypted at rest and erased once the write is settled, and the wrong
 * key is refused clearly.
 */
class OutboxProtectionTest {
    private static final String MAKER = "91100000000000000X";
    private static final String PACK = "A1BPEA1TRACE01Q1F0000001";
    private static final String TERMS = "{\"contractRef\":\"FRAME-CONTRACT-7731\",\"priceMinor\":4200000}";
    private static final Duration RETENTION = Duration.ofDays(30);

    @TempDir
    Path dir;
    TestDb db;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final OutboxCipher cipher = OutboxCipher.random();
    Outbox outbox;

    @BeforeEach
    void setUp() {
        db = new TestDb(dir, "app");
        outbox = new Outbox(db.dataSource(), clock, cipher);
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void purgeReducesOnlyEntriesSettledLongerAgoThanTheRetention() {
        enqueue("old-commit");
        enqueue("old-reject");
        enqueue("still-pending");
        outbox.committed(key("old-commit"), new Commit("tx-1", 7, "{\"ok\":true}"), "tx-1");
        outbox.rejected(key("old-reject"), "NOT_CUSTODIAN", "NOT_CUSTODIAN: unit is held by another company");
        clock.advance(Duration.ofDays(10));
        enqueue("recent-commit");
        outbox.committed(key("recent-commit"), new Commit("tx-2", 8, "{\"ok\":true}"), "tx-2");

        clock.advance(Duration.ofDays(29)); // old ones settled 39 days ago, the recent one 29
        int purged = outbox.purgeSettled(RETENTION);

        assertThat(purged).isEqualTo(2);
        assertThat(outbox.status(MAKER, "old-commit")).get().satisfies(e -> {
            assertThat(e.isPurged()).isTrue();
            assertThat(e.status()).isEqualTo(OutboxStatus.COMMITTED);
            assertThat(e.txId()).isEqualTo("tx-1");
            assertThat(e.blockNumber()).isEqualTo(7L);
            assertThat(e.requestJson()).isEmpty();
            assertThat(e.resultJson()).isNull();
        });
        assertThat(outbox.status(MAKER, "old-reject")).get().satisfies(e -> {
            assertThat(e.isPurged()).isTrue();
            assertThat(e.errorCode()).isEqualTo("NOT_CUSTODIAN");
        });
        assertThat(outbox.status(MAKER, "recent-commit")).get().satisfies(e -> {
            assertThat(e.isPurged()).isFalse();
            assertThat(e.resultJson()).isEqualTo("{\"ok\":true}");
        });
        assertThat(outbox.status(MAKER, "still-pending")).get().satisfies(e -> {
            assertThat(e.isPurged()).isFalse();
            assertThat(e.status()).isEqualTo(OutboxStatus.PENDING);
        });
        assertThat(outbox.purgeSettled(RETENTION)).isZero();
    }

    @Test
    void aRepeatOfAPurgedWriteIsAnsweredFromItsTombstoneAndAChangedOneIsStillAConflict() {
        enqueue("scan-1");
        outbox.committed(key("scan-1"), new Commit("tx-1", 7, "{}"), "tx-1");
        clock.advance(RETENTION.plusDays(1));
        outbox.purgeSettled(RETENTION);

        OutboxEntry again = outbox.enqueue("maker", MAKER, Transactions.SHIP,
                "{ \"code\": \"" + PACK + "\", \"clientEventId\": \"scan-1\" }", null);

        assertThat(again.status()).isEqualTo(OutboxStatus.COMMITTED);
        assertThat(again.txId()).isEqualTo("tx-1");
        assertThat(outbox.depth()).isZero();
        assertThatThrownBy(() -> outbox.enqueue("maker", MAKER, Transactions.SHIP,
                "{\"clientEventId\":\"scan-1\",\"code\":\"" + PACK.replace('1', '2') + "\"}", null))
                .isInstanceOf(OutboxConflictException.class);
    }

    @Test
    void theStoredBytesDoNotContainThePlaintextTerms() throws Exception {
        outbox.enqueue("maker", MAKER, Transactions.OFFER_HANDOVER, request("offer-1", "REQUEST-MARKER-5521"),
                Map.of("commercial", TERMS.getBytes(StandardCharsets.UTF_8)));
        db.jdbc().execute("CHECKPOINT SYNC");

        String column = db.jdbc().queryForObject("SELECT transient_json FROM outbox_entry", String.class);
        byte[] file = Files.readAllBytes(dir.resolve("app.mv.db"));

        assertThat(column).startsWith(OutboxCipher.PREFIX).doesNotContain("FRAME-CONTRACT-7731");
        assertThat(contains(file, "REQUEST-MARKER-5521")).as("the request is stored in clear: the search works")
                .isTrue();
        assertThat(contains(file, "FRAME-CONTRACT-7731")).isFalse();
        assertThat(outbox.find(key("offer-1")).orElseThrow().transientData().get("commercial"))
                .asString(StandardCharsets.UTF_8).isEqualTo(TERMS);
    }

    @Test
    void transientDataIsErasedOnceTheWriteIsSettled() {
        outbox.enqueue("maker", MAKER, Transactions.OFFER_HANDOVER, request("offer-1", "x"),
                Map.of("commercial", TERMS.getBytes(StandardCharsets.UTF_8)));

        outbox.committed(key("offer-1"), new Commit("tx-1", 3, "{}"), "tx-1");

        assertThat(db.jdbc().queryForObject("SELECT transient_json FROM outbox_entry", String.class)).isNull();
        assertThat(outbox.find(key("offer-1")).orElseThrow().transientData()).isEmpty();
    }

    @Test
    void decryptingWithAnotherKeyFailsClearlyWhileStatusStillAnswers() {
        outbox.enqueue("maker", MAKER, Transactions.OFFER_HANDOVER, request("offer-1", "x"),
                Map.of("commercial", TERMS.getBytes(StandardCharsets.UTF_8)));

        Outbox wrongKey = new Outbox(db.dataSource(), clock, OutboxCipher.random());

        assertThatThrownBy(() -> wrongKey.find(key("offer-1"))).isInstanceOf(OutboxKeyException.class)
                .hasMessageContaining(MAKER + "/offer-1").hasMessageContaining("does not decrypt with the outbox key");
        assertThat(wrongKey.status(MAKER, "offer-1")).get().extracting(OutboxEntry::status)
                .isEqualTo(OutboxStatus.PENDING);
    }

    @Test
    void aCiphertextMovedToAnotherEntryDoesNotDecrypt() {
        outbox.enqueue("maker", MAKER, Transactions.OFFER_HANDOVER, request("offer-1", "x"),
                Map.of("commercial", TERMS.getBytes(StandardCharsets.UTF_8)));
        outbox.enqueue("maker", MAKER, Transactions.OFFER_HANDOVER, request("offer-2", "x"),
                Map.of("commercial", "{}".getBytes(StandardCharsets.UTF_8)));

        db.jdbc().update("UPDATE outbox_entry SET transient_json = (SELECT transient_json FROM outbox_entry"
                + " WHERE client_event_id = 'offer-1') WHERE client_event_id = 'offer-2'");

        assertThatThrownBy(() -> outbox.find(key("offer-2"))).isInstanceOf(OutboxKeyException.class);
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyOnFirstUseAndReusedAfter() throws Exception {
        Path file = dir.resolve("data/outbox.key");

        String sealed = OutboxCipher.fromFile(file).seal(TERMS, "a/b");
        String opened = OutboxCipher.fromFile(file).open(sealed, "a/b");

        assertThat(opened).isEqualTo(TERMS);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThatThrownBy(() -> OutboxCipher.fromBase64("c2hvcnQ=", "battery.outbox.key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be 32 bytes");
    }

    private void enqueue(String eventId) {
        outbox.enqueue("maker", MAKER, Transactions.SHIP,
                "{\"clientEventId\":\"" + eventId + "\",\"code\":\"" + PACK + "\"}", null);
    }

    private static String request(String eventId, String note) {
        return "{\"clientEventId\":\"" + eventId + "\",\"codes\":[\"" + PACK + "\"],\"note\":\"" + note + "\"}";
    }

    private static EntryKey key(String eventId) {
        return new EntryKey(MAKER, eventId);
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
