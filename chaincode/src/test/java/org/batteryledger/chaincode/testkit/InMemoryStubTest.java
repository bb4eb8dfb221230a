package org.batteryledger.chaincode.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.Test;

class InMemoryStubTest {

    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final AtomicInteger seconds = new AtomicInteger();

    private InMemoryStub tx() {
        return new InMemoryStub(ledger, ledger.nextTxId(), T0.plusSeconds(seconds.getAndIncrement()), null, "Fn");
    }

    private InMemoryStub txOnPeer(String peerMsp) {
        return new InMemoryStub(ledger, ledger.nextTxId(), T0, null, peerMsp, List.of(), Map.of());
    }

    private void commitPut(String key, String value) {
        InMemoryStub s = tx();
        s.putStringState(key, value);
        s.commit();
    }

    private static List<String> keys(Iterable<? extends KeyValue> results) {
        List<String> out = new ArrayList<>();
        results.forEach(kv -> out.add(kv.getKey()));
        return out;
    }

    // ------------------------------------------------------------ reads and writes

    @Test
    void missing_key_reads_as_empty_bytes() {
        byte[] v = tx().getState("nope");
        assertThat(v).isNotNull().isEmpty();
        assertThat(tx().getStringState("nope")).isEmpty();
    }

    @Test
    void reads_do_not_see_the_transactions_own_writes() {
        commitPut("k", "old");
        InMemoryStub s = tx();
        s.putStringState("k", "new");
        s.putStringState("fresh", "x");
        s.delState("k");

        assertThat(s.getStringState("k")).isEqualTo("old");
        assertThat(s.getState("fresh")).isEmpty();
        assertThat(keys(s.getStateByRange("", ""))).containsExactly("k");
    }

    @Test
    void committed_writes_are_visible_to_the_next_transaction() {
        commitPut("k", "v1");
        assertThat(tx().getStringState("k")).isEqualTo("v1");
        assertThat(ledger.getState("k")).isEqualTo("v1".getBytes(UTF_8));
    }

    @Test
    void last_write_of_a_key_in_a_transaction_wins() {
        InMemoryStub s = tx();
        s.putStringState("k", "a");
        s.putStringState("k", "b");
        s.commit();
        assertThat(tx().getStringState("k")).isEqualTo("b");
        assertThat(ledger.history("k")).hasSize(1);
    }

    @Test
    void put_state_with_empty_value_is_rejected() {
        InMemoryStub s = tx();
        assertThatThrownBy(() -> s.putState("k", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.putState("", "v".getBytes(UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.putState("k", null)).isInstanceOf(NullPointerException.class);
        assertThat(s.readOnly()).isTrue();
    }

    @Test
    void value_is_copied_when_written() {
        byte[] value = "abc".getBytes(UTF_8);
        InMemoryStub s = tx();
        s.putState("k", value);
        value[0] = 'X';
        s.commit();
        assertThat(tx().getStringState("k")).isEqualTo("abc");
    }

    @Test
    void delete_removes_the_key_at_commit() {
        commitPut("k", "v");
        InMemoryStub s = tx();
        s.delState("k");
        assertThat(s.getStringState("k")).isEqualTo("v");
        s.commit();
        assertThat(tx().getState("k")).isEmpty();
        assertThat(ledger.getState("k")).isNull();
    }

    @Test
    void write_set_records_puts_and_deletes_and_read_only_flag() {
        InMemoryStub s = tx();
        assertThat(s.readOnly()).isTrue();
        s.putStringState("b", "1");
        s.delState("a");
        assertThat(s.readOnly()).isFalse();
        Map<String, byte[]> writes = s.writes();
        assertThat(writes).containsOnlyKeys("a", "b");
        assertThat(writes.get("a")).isNull();
        assertThat(writes.get("b")).isEqualTo("1".getBytes(UTF_8));
    }

    // ------------------------------------------------------------ lifecycle

    @Test
    void discarded_transaction_changes_nothing() {
        commitPut("k", "v");
        long height = ledger.blockHeight();
        InMemoryStub s = tx();
        s.putStringState("k", "changed");
        s.putStringState("other", "x");
        s.putPrivateData("coll", "p", "secret".getBytes(UTF_8));
        s.setEvent("E", "x".getBytes(UTF_8));
        s.discard();

        assertThat(tx().getStringState("k")).isEqualTo("v");
        assertThat(ledger.getState("other")).isNull();
        assertThat(ledger.getPrivateData("coll", "p")).isNull();
        assertThat(ledger.events()).isEmpty();
        assertThat(ledger.blockHeight()).isEqualTo(height);
        assertThat(ledger.history("k")).hasSize(1);
        assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void committing_twice_is_illegal() {
        InMemoryStub s = tx();
        s.putStringState("k", "v");
        s.commit();
        assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.putStringState("k", "w")).isInstanceOf(IllegalStateException.class);
        assertThat(ledger.committedTxCount()).isEqualTo(1);
    }

    @Test
    void a_transaction_id_commits_only_once() {
        InMemoryStub first = new InMemoryStub(ledger, "dup", T0, null, "Fn");
        first.putStringState("k", "1");
        first.commit();
        InMemoryStub second = new InMemoryStub(ledger, "dup", T0, null, "Fn");
        second.putStringState("k", "2");
        assertThatThrownBy(second::commit).isInstanceOf(IllegalStateException.class).hasMessageContaining("dup");
        assertThat(tx().getStringState("k")).isEqualTo("1");
    }

    // ------------------------------------------------------------ composite keys and ranges

    @Test
    void composite_key_uses_the_shim_wire_format() {
        CompositeKey key = tx().createCompositeKey("battery", "B1", "v2");
        assertThat(key.toString()).isEqualTo("\u0000battery\u0000B1\u0000v2\u0000");
        CompositeKey split = tx().splitCompositeKey(key.toString());
        assertThat(split.getObjectType()).isEqualTo("battery");
        assertThat(split.getAttributes()).containsExactly("B1", "v2");
        assertThatThrownBy(() -> tx().createCompositeKey("bad\u0000type"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void range_with_empty_start_sees_only_simple_keys() {
        InMemoryStub w = tx();
        w.putStringState("a", "1");
        w.putStringState("b", "2");
        w.putStringState(w.createCompositeKey("battery", "B1").toString(), "c");
        w.commit();

        assertThat(keys(tx().getStateByRange("", ""))).containsExactly("a", "b");
        assertThat(keys(tx().getStateByRange(null, null))).containsExactly("a", "b");
        assertThatThrownBy(() -> tx().getStateByRange("\u0000battery", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void range_end_is_exclusive() {
        InMemoryStub w = tx();
        for (String k : List.of("a", "b", "c", "d")) {
            w.putStringState(k, k);
        }
        w.commit();
        assertThat(keys(tx().getStateByRange("b", "d"))).containsExactly("b", "c");
        assertThat(keys(tx().getStateByRange("c", ""))).containsExactly("c", "d");
        assertThat(keys(tx().getStateByRange("d", "b"))).isEmpty();
    }

    @Test
    void keys_are_ordered_by_code_point_like_leveldb() {
        String supplementary = "k" + new String(Character.toChars(0x1F50B)); // battery emoji, above U+FFFF
        String bmpHigh = "k\uFFFD";
        InMemoryStub w = tx();
        w.putStringState(supplementary, "s");
        w.putStringState(bmpHigh, "b");
        w.commit();
        // UTF-16 order would put the surrogate pair (0xD83D...) first; UTF-8 byte order does not.
        assertThat(keys(tx().getStateByRange("", ""))).containsExactly(bmpHigh, supplementary);
    }

    @Test
    void partial_composite_key_scan_matches_whole_attributes_only() {
        InMemoryStub w = tx();
        w.putStringState(w.createCompositeKey("battery", "B1", "x").toString(), "1");
        w.putStringState(w.createCompositeKey("battery", "B1", "y").toString(), "2");
        w.putStringState(w.createCompositeKey("battery", "B10", "x").toString(), "3");
        w.putStringState(w.createCompositeKey("batteryType", "T").toString(), "4");
        w.putStringState("plain", "5");
        w.commit();

        InMemoryStub r = tx();
        List<String> viaVarargs = keys(r.getStateByPartialCompositeKey("battery", "B1"));
        assertThat(viaVarargs).containsExactly(
                new CompositeKey("battery", "B1", "x").toString(), new CompositeKey("battery", "B1", "y").toString());
        assertThat(keys(r.getStateByPartialCompositeKey(new CompositeKey("battery", "B1")))).isEqualTo(viaVarargs);
        assertThat(keys(r.getStateByPartialCompositeKey(new CompositeKey("battery", "B1").toString())))
                .isEqualTo(viaVarargs);
        assertThat(keys(r.getStateByPartialCompositeKey("battery"))).hasSize(3);
        assertThat(keys(r.getStateByPartialCompositeKey("battery", new String[0]))).hasSize(3);
    }

    // ------------------------------------------------------------ pagination

    private void commitKeys(String... keys) {
        InMemoryStub w = tx();
        for (String k : keys) {
            w.putStringState(k, k);
        }
        w.commit();
    }

    @Test
    void pagination_bookmark_resumes_after_last_key() throws Exception {
        commitKeys("a", "b", "c", "d", "e");
        InMemoryStub r = tx();

        QueryResultsIteratorWithMetadata<KeyValue> page1 = r.getStateByRangeWithPagination("", "", 2, "");
        QueryResponseMetadata meta1 = page1.getMetadata();
        assertThat(keys(page1)).containsExactly("a", "b");
        assertThat(meta1.getFetchedRecordsCount()).isEqualTo(2);
        assertThat(meta1.getBookmark()).isEqualTo("c");

        QueryResultsIteratorWithMetadata<KeyValue> page2 =
                r.getStateByRangeWithPagination("", "", 2, meta1.getBookmark());
        assertThat(keys(page2)).containsExactly("c", "d");

        QueryResultsIteratorWithMetadata<KeyValue> page3 =
                r.getStateByRangeWithPagination("", "", 2, page2.getMetadata().getBookmark());
        assertThat(keys(page3)).containsExactly("e");
        assertThat(page3.getMetadata().getFetchedRecordsCount()).isEqualTo(1);
        assertThat(page3.getMetadata().getBookmark()).isEmpty();
        page3.close();
    }

    @Test
    void pagination_bookmark_is_empty_when_the_page_ends_exactly_at_the_range_end() {
        commitKeys("a", "b", "c", "z");
        QueryResultsIteratorWithMetadata<KeyValue> page = tx().getStateByRangeWithPagination("a", "c", 2, "");
        assertThat(keys(page)).containsExactly("a", "b");
        assertThat(page.getMetadata().getBookmark()).isEmpty();
    }

    @Test
    void paginated_partial_composite_key_scan() {
        InMemoryStub w = tx();
        for (String id : List.of("B1", "B2", "B3")) {
            w.putStringState(w.createCompositeKey("battery", id).toString(), id);
        }
        w.putStringState(w.createCompositeKey("cell", "C1").toString(), "c");
        w.commit();

        InMemoryStub r = tx();
        QueryResultsIteratorWithMetadata<KeyValue> p1 =
                r.getStateByPartialCompositeKeyWithPagination(new CompositeKey("battery"), 2, "");
        assertThat(keys(p1)).hasSize(2);
        assertThat(p1.getMetadata().getBookmark()).isEqualTo(new CompositeKey("battery", "B3").toString());
        QueryResultsIteratorWithMetadata<KeyValue> p2 = r.getStateByPartialCompositeKeyWithPagination(
                new CompositeKey("battery"), 2, p1.getMetadata().getBookmark());
        assertThat(keys(p2)).containsExactly(new CompositeKey("battery", "B3").toString());
        assertThat(p2.getMetadata().getBookmark()).isEmpty();
    }

    @Test
    void pagination_is_refused_after_a_write() {
        commitKeys("a");
        InMemoryStub s = tx();
        s.putStringState("b", "b");
        assertThatThrownBy(() -> s.getStateByRangeWithPagination("", "", 10, ""))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("pagination is only supported in read-only transactions");
        assertThatThrownBy(() -> s.getStateByPartialCompositeKeyWithPagination(new CompositeKey("x"), 10, ""))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void writes_are_refused_after_a_paginated_query() {
        commitKeys("a");
        InMemoryStub s = tx();
        s.getStateByRangeWithPagination("", "", 10, "");
        assertThatThrownBy(() -> s.putStringState("b", "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(s.readOnly()).isTrue();
    }

    // ------------------------------------------------------------ history

    @Test
    void history_is_newest_first() {
        InMemoryStub t1 = tx();
        t1.putStringState("k", "v1");
        t1.commit();
        InMemoryStub t2 = tx();
        t2.putStringState("k", "v2");
        t2.commit();
        InMemoryStub t3 = tx();
        t3.delState("k");
        t3.commit();

        List<KeyModification> history = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> it = tx().getHistoryForKey("k")) {
            it.forEach(history::add);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(history).extracting(KeyModification::getTxId)
                .containsExactly(t3.getTxId(), t2.getTxId(), t1.getTxId());
        assertThat(history.get(0).isDeleted()).isTrue();
        assertThat(history.get(0).getValue()).isEmpty();
        assertThat(history.get(1).getStringValue()).isEqualTo("v2");
        assertThat(history.get(1).isDeleted()).isFalse();
        assertThat(history.get(1).getTimestamp()).isEqualTo(t2.getTxTimestamp());
        assertThat(history.get(2).getTimestamp()).isEqualTo(t1.getTxTimestamp());
    }

    @Test
    void history_does_not_include_uncommitted_writes() {
        InMemoryStub s = tx();
        s.putStringState("k", "v");
        assertThat(s.getHistoryForKey("k")).isEmpty();
    }

    // ------------------------------------------------------------ events

    @Test
    void only_the_last_event_of_a_transaction_is_kept() {
        InMemoryStub s = tx();
        s.setEvent("First", "1".getBytes(UTF_8));
        s.setEvent("Second", "2".getBytes(UTF_8));
        assertThat(s.getEvent().getEventName()).isEqualTo("Second");
        InMemoryStub.CommittedTx committed = s.commit();

        assertThat(committed.eventName()).isEqualTo("Second");
        assertThat(committed.eventPayload()).isEqualTo("2".getBytes(UTF_8));
        assertThat(ledger.events()).singleElement().satisfies(e -> {
            assertThat(e.txId()).isEqualTo(s.getTxId());
            assertThat(e.eventName()).isEqualTo("Second");
            assertThat(e.payloadUtf8()).isEqualTo("2");
        });
    }

    @Test
    void blank_event_name_is_rejected() {
        assertThatThrownBy(() -> tx().setEvent(" ", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setting_an_event_is_not_a_write() {
        InMemoryStub s = tx();
        s.setEvent("E", null);
        assertThat(s.readOnly()).isTrue();
        assertThat(s.commit().eventPayload()).isEmpty();
    }

    // ------------------------------------------------------------ private data

    @Test
    void private_data_hash_is_sha256_of_value() throws Exception {
        InMemoryStub w = tx();
        w.putPrivateData("coll", "k", "secret");
        assertThat(w.getPrivateDataHash("coll", "k")).isEmpty();
        w.commit();

        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest("secret".getBytes(UTF_8));
        assertThat(tx().getPrivateDataHash("coll", "k")).isEqualTo(expected);
        assertThat(tx().getPrivateDataHash("coll", "missing")).isEmpty();
    }

    @Test
    void private_data_is_kept_apart_from_state_and_other_collections() {
        InMemoryStub w = tx();
        w.putPrivateData("collA", "k", "a");
        w.putPrivateData("collB", "k", "b");
        w.commit();

        InMemoryStub r = tx();
        assertThat(r.getPrivateDataUTF8("collA", "k")).isEqualTo("a");
        assertThat(r.getPrivateDataUTF8("collB", "k")).isEqualTo("b");
        assertThat(r.getState("k")).isEmpty();
        assertThat(r.getPrivateData("collC", "k")).isEmpty();
    }

    @Test
    void private_reads_do_not_see_own_writes_and_delete_removes_value_and_hash() {
        InMemoryStub w = tx();
        w.putPrivateData("coll", "k", "v");
        assertThat(w.getPrivateData("coll", "k")).isEmpty();
        w.commit();

        InMemoryStub d = tx();
        d.delPrivateData("coll", "k");
        assertThat(d.getPrivateDataUTF8("coll", "k")).isEqualTo("v");
        d.commit();
        assertThat(tx().getPrivateData("coll", "k")).isEmpty();
        assertThat(tx().getPrivateDataHash("coll", "k")).isEmpty();

        InMemoryStub again = tx();
        again.putPrivateData("coll", "k2", "v");
        again.commit();
        InMemoryStub p = tx();
        p.purgePrivateData("coll", "k2");
        p.commit();
        assertThat(ledger.getPrivateData("coll", "k2")).isNull();
        assertThat(ledger.getPrivateDataHash("coll", "k2")).isNull();
    }

    @Test
    void peer_outside_an_implicit_collection_sees_only_the_hash() {
        String coll = InMemoryLedger.IMPLICIT_COLLECTION_PREFIX + "Org1MSP";
        InMemoryStub w = txOnPeer("Org2MSP");
        w.putPrivateData(coll, "k", "v");
        w.commit();

        assertThat(txOnPeer("Org1MSP").getPrivateDataUTF8(coll, "k")).isEqualTo("v");
        InMemoryStub outsider = txOnPeer("Org2MSP");
        assertThat(outsider.getPrivateData(coll, "k")).isEmpty();
        assertThat(outsider.getPrivateDataHash(coll, "k")).isEqualTo(InMemoryLedger.sha256("v".getBytes(UTF_8)));
        assertThat(txOnPeer("Org2MSP").getPrivateDataByRange(coll, "", "")).isEmpty();
    }

    @Test
    void declared_collection_is_held_by_its_members_only() {
        ledger.defineCollection("deals", "Org1MSP", "Org3MSP");
        InMemoryStub w = txOnPeer("Org1MSP");
        w.putPrivateData("deals", "k", "v");
        w.commit();
        assertThat(txOnPeer("Org3MSP").getPrivateDataUTF8("deals", "k")).isEqualTo("v");
        assertThat(txOnPeer("Org2MSP").getPrivateData("deals", "k")).isEmpty();
    }

    @Test
    void private_range_queries_scan_one_collection_and_are_refused_after_a_write() {
        InMemoryStub w = tx();
        w.putPrivateData("coll", "a", "1");
        w.putPrivateData("coll", "b", "2");
        w.putPrivateData("coll", new CompositeKey("offer", "O1").toString(), "3");
        w.putPrivateData("other", "c", "3");
        w.commit();

        assertThat(keys(tx().getPrivateDataByRange("coll", "", ""))).containsExactly("a", "b");
        assertThat(keys(tx().getPrivateDataByPartialCompositeKey("coll", "offer")))
                .containsExactly(new CompositeKey("offer", "O1").toString());
        assertThat(keys(tx().getPrivateDataByPartialCompositeKey("coll", new CompositeKey("offer", "O1"))))
                .hasSize(1);
        assertThat(keys(tx().getPrivateDataByPartialCompositeKey("coll", "offer", "O1"))).hasSize(1);

        InMemoryStub s = tx();
        s.putStringState("x", "y");
        assertThatThrownBy(() -> s.getPrivateDataByRange("coll", "", ""))
                .isInstanceOf(UnsupportedOperationException.class);
        InMemoryStub q = tx();
        q.getPrivateDataByRange("coll", "", "");
        assertThatThrownBy(() -> q.putStringState("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void empty_collection_name_is_rejected() {
        assertThatThrownBy(() -> tx().getPrivateData("", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tx().putPrivateData("", "k", "v".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------ unsupported and endorsement

    @Test
    void rich_queries_need_couchdb() {
        InMemoryStub s = tx();
        assertThatThrownBy(() -> s.getQueryResult("{}")).hasMessage("rich queries need CouchDB");
        assertThatThrownBy(() -> s.getQueryResultWithPagination("{}", 1, ""))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.getPrivateDataQueryResult("coll", "{}"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.invokeChaincodeWithStringArgs("other", "f"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void state_validation_parameter_is_stored_with_the_key_and_dropped_on_delete() {
        byte[] policy = {1, 2, 3};
        InMemoryStub w = tx();
        w.putStringState("k", "v");
        w.setStateValidationParameter("k", policy);
        w.setStateValidationParameter("ghost", policy); // key never exists: ignored, as by the peer
        assertThat(w.getStateValidationParameter("k")).isNull();
        assertThat(w.readOnly()).isFalse();
        w.commit();
        assertThat(tx().getStateValidationParameter("k")).isEqualTo(policy);
        assertThat(tx().getStateValidationParameter("ghost")).isNull();

        InMemoryStub pw = tx();
        pw.putPrivateData("coll", "pk", "v");
        pw.setPrivateDataValidationParameter("coll", "pk", policy);
        pw.commit();
        assertThat(tx().getPrivateDataValidationParameter("coll", "pk")).isEqualTo(policy);

        InMemoryStub d = tx();
        d.delState("k");
        d.commit();
        assertThat(tx().getStateValidationParameter("k")).isNull();
    }

    // ------------------------------------------------------------ proposal data

    @Test
    void proposal_data_is_exposed_like_the_shim() throws Exception {
        byte[] creator = {9, 8, 7};
        InMemoryStub s = new InMemoryStub(
                ledger,
                "tx-1",
                T0,
                creator,
                "Org1MSP",
                InMemoryStub.toArgs("Contract:Tx", "a", "b"),
                Map.of("secret", "s".getBytes(UTF_8)));

        assertThat(s.getTxId()).isEqualTo("tx-1");
        assertThat(s.getTxTimestamp()).isEqualTo(T0);
        assertThat(s.getCreator()).isEqualTo(creator);
        assertThat(s.getMspId()).isEqualTo("Org1MSP");
        assertThat(s.getChannelId()).isEqualTo("batterychannel");
        assertThat(s.getFunction()).isEqualTo("Contract:Tx");
        assertThat(s.getParameters()).containsExactly("a", "b");
        assertThat(s.getStringArgs()).containsExactly("Contract:Tx", "a", "b");
        assertThat(s.getArgs()).hasSize(3);
        assertThat(s.getTransient()).containsOnlyKeys("secret");
        assertThat(s.getTransient().get("secret")).isEqualTo("s".getBytes(UTF_8));
        assertThat(s.getBinding()).isEmpty();

        Proposal proposal = Proposal.parseFrom(s.getSignedProposal().getProposalBytes());
        ChannelHeader ch = ChannelHeader.parseFrom(Header.parseFrom(proposal.getHeader()).getChannelHeader());
        assertThat(ch.getTxId()).isEqualTo("tx-1");
        assertThat(ch.getChannelId()).isEqualTo("batterychannel");
        assertThat(ch.getTimestamp().getSeconds()).isEqualTo(T0.getEpochSecond());
    }

    @Test
    void default_peer_msp_is_peer_msp() {
        assertThat(tx().getMspId()).isEqualTo("PeerMSP");
        assertThat(new InMemoryStub(ledger, "x", T0, null, null).getFunction()).isNull();
    }

    // ------------------------------------------------------------ concurrency

    @Test
    void concurrent_transactions_commit_atomically() throws Exception {
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        InMemoryStub s = new InMemoryStub(ledger, ledger.nextTxId(), T0, null, "Fn");
                        // A range scan while others commit must not fail or see half a commit.
                        int a = 0;
                        int b = 0;
                        for (KeyValue kv : s.getStateByRange("", "")) {
                            if (kv.getKey().endsWith("-a")) {
                                a++;
                            } else {
                                b++;
                            }
                        }
                        assertThat(a).isEqualTo(b);
                        s.putStringState(thread + "-" + i + "-a", "x");
                        s.putStringState(thread + "-" + i + "-b", "x");
                        s.commit();
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
        assertThat(ledger.committedTxCount()).isEqualTo(threads * perThread);
        assertThat(ledger.blockHeight()).isEqualTo(threads * perThread);
        assertThat(ledger.stateSnapshot()).hasSize(threads * perThread * 2);
    }
}
