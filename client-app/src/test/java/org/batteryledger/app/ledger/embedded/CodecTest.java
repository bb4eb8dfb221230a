package org.batteryledger.app.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte layouts of the ledger's map keys and values. */
class CodecTest {
    private static final String ALPHABET = "\u0000\u0001aZ~\u00e9\u4e2d\uffff";

    private static String randomKey(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(10) == 0) {
                sb.appendCodePoint(0x1F600 + r.nextInt(10)); // a supplementary character
            } else {
                sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }

    @Test
    void history_keys_sort_by_state_key_in_leveldb_order_then_by_version() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            String a = randomKey(r);
            String b = r.nextInt(4) == 0 ? a : randomKey(r);
            long va = Version.of(r.nextInt(1_000), r.nextInt(3));
            long vb = Version.of(r.nextInt(1_000), r.nextInt(3));
            int expected = Bytes.KEY_ORDER.compare(a, b) != 0 ? Bytes.KEY_ORDER.compare(a, b) : Long.compare(va, vb);
            int actual = Arrays.compareUnsigned(Codec.historyKey(a, va), Codec.historyKey(b, vb));

            assertThat(Integer.signum(actual)).as("%s@%d vs %s@%d", a, va, b, vb).isEqualTo(Integer.signum(expected));
        }
    }

    @Test
    void a_keys_history_range_holds_its_versions_and_no_other_keys() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            String a = randomKey(r);
            String b = randomKey(r);
            byte[] from = Codec.historyFrom(a);
            byte[] to = Codec.historyTo(a);
            byte[] own = Codec.historyKey(a, Version.of(r.nextInt(1 << 30), r.nextInt(1 << 19)));
            byte[] other = Codec.historyKey(b, Version.of(r.nextInt(1 << 30), 0));

            assertThat(Arrays.compareUnsigned(own, from) >= 0 && Arrays.compareUnsigned(own, to) <= 0).isTrue();
            boolean inRange = Arrays.compareUnsigned(other, from) >= 0 && Arrays.compareUnsigned(other, to) <= 0;
            assertThat(inRange).as("%s in the range of %s", b, a).isEqualTo(a.equals(b));
        }
    }

    @Test
    void the_version_is_read_back_from_a_history_key() {
        long v = Version.of(123_456_789L, 4_321);

        assertThat(Codec.historyVersion(Codec.historyKey("\u0000unit\u0000X\u0000", v))).isEqualTo(v);
    }

    @Test
    void private_data_keys_of_a_collection_sort_in_key_order_and_stay_below_the_collection_bound() {
        SplittableRandom r = new SplittableRandom(3);
        byte[] bound = Bytes.successorPrefix(Codec.pvtDataKey("_implicit_org_A", new byte[0]));
        for (int i = 0; i < 10_000; i++) {
            String a = randomKey(r);
            String b = randomKey(r);
            byte[] ka = Codec.pvtDataKey("_implicit_org_A", Bytes.utf8(a));
            byte[] kb = Codec.pvtDataKey("_implicit_org_A", Bytes.utf8(b));

            assertThat(Integer.signum(Arrays.compareUnsigned(ka, kb))).isEqualTo(Integer.signum(Bytes.KEY_ORDER
                    .compare(a, b)));
            assertThat(Arrays.compareUnsigned(ka, bound)).isNegative();
            assertThat(Arrays.compareUnsigned(Codec.pvtDataKey("_implicit_org_B", Bytes.utf8(a)), bound))
                    .isPositive();
        }
    }

    @Test
    void stored_rows_read_back_as_written() {
        Store.HistoryRow deleted = new Store.HistoryRow("tx1", Instant.ofEpochSecond(5, 7), null, true);
        Store.HistoryRow written = new Store.HistoryRow("tx2", Instant.ofEpochSecond(9, 1), new byte[] {1, 2}, false);
        Store.TxRow tx = new Store.TxRow(3, 4, "tx3", 11, 8, 9, "Org1MSP", new byte[32], "A:B", null, null,
                new byte[] {5});

        assertThat(Store.HistoryRow.decode(deleted.encode())).isEqualTo(deleted);
        assertThat(Store.HistoryRow.decode(written.encode()).value()).containsExactly(1, 2);
        Store.TxRow back = Store.TxRow.decode(Version.of(3, 4), tx.encode());
        assertThat(back.txId()).isEqualTo("tx3");
        assertThat(back.eventName()).isNull();
        assertThat(back.eventPayload()).isNull();
        assertThat(back.rwset()).containsExactly(5);
        assertThat(back.validationCode()).isEqualTo(11);
    }
}
