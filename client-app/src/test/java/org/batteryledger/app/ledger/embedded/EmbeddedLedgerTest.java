package org.batteryledger.app.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.custody.Handovers;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaincode's rules through the embedded ledger: submit, evaluate, MVCC, listings, private data. */
class EmbeddedLedgerTest {

    @TempDir
    Path dir;

    private EmbeddedLedger ledger;
    private Consortium c;

    @BeforeEach
    void open() {
        ledger = EmbeddedLedger.open(dir, Settings.defaults());
        c = Consortium.registeredOn(ledger);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private JsonNode unit(String code) {
        return c.evaluate(c.regulator, Transactions.GET_UNIT, code);
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        Throwable t = catchThrowable(future::join);
        assertThat(t).isInstanceOf(CompletionException.class);
        return t.getCause();
    }

    @Nested
    class Lifecycle {
        @Test
        void a_pack_taken_into_use_reads_back_through_evaluate_as_the_chaincode_tests_expect() {
            String pack = c.code(c.batteryMaker, 'P', 1);
            String vin = Consortium.vin(1);

            List<Commit> commits = c.packInUse(pack, vin);

            JsonNode u = unit(pack);
            assertThat(u.get("status").asText()).isEqualTo("IN_USE");
            assertThat(u.get("holder").asText()).isEqualTo(c.automaker.id());
            assertThat(u.get("responsible").asText()).isEqualTo(c.automaker.id());
            assertThat(u.get("vin").asText()).isEqualTo(vin);

            JsonNode history = c.evaluate(c.regulator, Transactions.GET_HISTORY, pack, "100", "");
            List<String> txIds = new ArrayList<>();
            List<Long> versions = new ArrayList<>();
            history.get("items").forEach(i -> {
                txIds.add(i.get("txId").asText());
                versions.add(i.get("unit").get("version").asLong());
            });
            List<String> newestFirst = new ArrayList<>(commits.stream().map(Commit::txId).toList());
            java.util.Collections.reverse(newestFirst);
            assertThat(txIds).containsExactlyElementsOf(newestFirst);
            assertThat(versions).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
            assertThat(history.get("items").get(0).get("unit").get("status").asText()).isEqualTo("IN_USE");
            assertThat(history.get("items").get(5).get("unit").get("status").asText()).isEqualTo("PRODUCED");
        }

        @Test
        void each_commit_carries_its_txid_block_and_the_contracts_result() {
            String pack = c.code(c.batteryMaker, 'P', 1);

            List<Commit> commits = c.packInUse(pack, Consortium.vin(1));

            assertThat(commits).allSatisfy(commit -> {
                assertThat(commit.txId()).matches("[0-9a-f]{64}");
                assertThat(Json.tree(commit.result()).get("txId").asText()).isEqualTo(commit.txId());
            });
            assertThat(commits).extracting(Commit::blockNumber).isSorted().doesNotHaveDuplicates();
            assertThat(Json.tree(commits.get(1).result()).get("event").asText()).isEqualTo("UnitShipped");
        }

        @Test
        void the_chaincode_sees_the_callers_identity_and_org() {
            JsonNode me = c.evaluate(c.automaker, Transactions.WHO_AM_I);

            assertThat(me.toString()).contains(c.automaker.id()).contains("AUTOMAKER");
        }
    }

    @Nested
    class Rejections {
        @Test
        void a_rejected_transaction_fails_at_once_with_the_chaincode_code_and_changes_nothing() {
            String pack = c.code(c.batteryMaker, 'P', 1);
            c.packInUse(pack, Consortium.vin(1));
            long height = ledger.height();
            JsonNode before = unit(pack);

            CompletableFuture<Commit> out = ledger.submit(Consortium.user(c.automaker), Transactions.COLLECT, Map.of(),
                    Consortium.json(c.req("code", pack)));

            assertThat(out).isCompletedExceptionally();
            Throwable cause = failureOf(out);
            assertThat(cause).isInstanceOf(LedgerRejectedException.class);
            LedgerRejectedException rejected = (LedgerRejectedException) cause;
            assertThat(rejected.code()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(rejected.getMessage()).contains("COLLECT", "IN_USE");
            assertThat(rejected.txId()).matches("[0-9a-f]{64}");
            assertThat(unit(pack)).isEqualTo(before);
            assertThat(ledger.height()).isEqualTo(height);
            Commit next = c.submit(c.batteryMaker, Transactions.REGISTER_UNITS,
                    c.req("units", List.of(Map.of("code", c.code(c.batteryMaker, 'P', 2)))));
            assertThat(next.blockNumber()).as("no block was cut for the rejection").isEqualTo(height);
        }

        @Test
        void a_rejected_evaluation_throws_with_the_chaincode_code() {
            Throwable t = catchThrowable(() -> ledger.evaluate(Consortium.user(c.regulator), Transactions.GET_UNIT,
                    c.code(c.batteryMaker, 'P', 99)));

            assertThat(t).isInstanceOf(LedgerRejectedException.class);
            assertThat(((LedgerRejectedException) t).code()).contains(LedgerError.NOT_FOUND);
        }

        @Test
        void a_closed_ledger_is_unavailable() {
            ledger.close();

            CompletableFuture<Commit> out = ledger.submit(Consortium.user(c.regulator), Transactions.WHO_AM_I,
                    Map.of());

            assertThat(failureOf(out)).isInstanceOf(LedgerUnavailableException.class);
        }
    }

    @Nested
    class Mvcc {
        @Test
        void of_two_transactions_on_one_pack_in_one_block_the_second_fails_mvcc_and_its_retry_commits()
                throws Exception {
            String pack = c.code(c.batteryMaker, 'P', 1);
            c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.req("units", List.of(Map.of("code", pack))));
            String ship = Consortium.json(c.req("code", pack));
            String attach = Consortium.json(c.req("code", pack, "euUniqueId", "EU0001"));

            CompletableFuture<Commit> first;
            CompletableFuture<Commit> second;
            ledger.holdBlocks();
            try {
                first = ledger.submit(Consortium.user(c.batteryMaker), Transactions.SHIP, Map.of(), ship);
                second = ledger.submit(Consortium.user(c.batteryMaker), Transactions.ATTACH_EU_ID, Map.of(), attach);
            } finally {
                ledger.releaseBlocks();
            }

            Commit won = first.join();
            Throwable lost = failureOf(second);
            assertThat(lost).isInstanceOf(LedgerUnavailableException.class);
            assertThat(((LedgerUnavailableException) lost).isMvccConflict()).isTrue();
            assertThat(lost.getMessage()).contains("MVCC_READ_CONFLICT");
            assertThat(ledger.block(won.blockNumber()).orElseThrow().transactionCount()).isEqualTo(2);
            assertThat(unit(pack).get("status").asText()).isEqualTo("IN_STOCK");
            assertThat(unit(pack).hasNonNull("euUniqueId")).isFalse();

            Commit retried = ledger.submit(Consortium.user(c.batteryMaker), Transactions.ATTACH_EU_ID, Map.of(),
                    attach).join();

            assertThat(retried.blockNumber()).isGreaterThan(won.blockNumber());
            assertThat(unit(pack).get("euUniqueId").asText()).isEqualTo("EU0001");
            assertThat(unit(pack).get("status").asText()).isEqualTo("IN_STOCK");
        }

        @Test
        void the_same_request_sent_twice_at_once_commits_once_and_its_retry_answers_with_the_first_result()
                throws Exception {
            String pack = c.code(c.batteryMaker, 'P', 1);
            c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.req("units", List.of(Map.of("code", pack))));
            String ship = Consortium.json(c.req("code", pack));

            CompletableFuture<Commit> first;
            CompletableFuture<Commit> duplicate;
            ledger.holdBlocks();
            try {
                first = ledger.submit(Consortium.user(c.batteryMaker), Transactions.SHIP, Map.of(), ship);
                duplicate = ledger.submit(Consortium.user(c.batteryMaker), Transactions.SHIP, Map.of(), ship);
            } finally {
                ledger.releaseBlocks();
            }

            Commit committed = first.join();
            assertThat(((LedgerUnavailableException) failureOf(duplicate)).isMvccConflict()).isTrue();

            Commit retry = ledger.submit(Consortium.user(c.batteryMaker), Transactions.SHIP, Map.of(), ship).join();

            assertThat(retry.result()).isEqualTo(committed.result());
            assertThat(Json.tree(retry.result()).get("txId").asText()).isEqualTo(committed.txId());
            JsonNode history = c.evaluate(c.regulator, Transactions.GET_HISTORY, pack, "100", "");
            assertThat(history.get("count").asInt()).as("shipped once").isEqualTo(2);
        }

        @Test
        void many_concurrent_submitters_on_their_own_packs_all_commit_and_the_chain_verifies() throws Exception {
            int threads = 4;
            int packsEach = 8;
            List<Thread> workers = new ArrayList<>();
            List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int base = t * 100;
                Thread w = new Thread(() -> {
                    try {
                        List<CompletableFuture<Commit>> registered = new ArrayList<>();
                        for (int i = 1; i <= packsEach; i++) {
                            registered.add(ledger.submit(Consortium.user(c.batteryMaker), Transactions.REGISTER_UNITS,
                                    Map.of(), Consortium.json(c.req("units", List.of(Map.of("code",
                                            c.code(c.batteryMaker, 'P', base + i)))))));
                        }
                        registered.forEach(CompletableFuture::join);
                        List<CompletableFuture<Commit>> shipped = new ArrayList<>();
                        for (int i = 1; i <= packsEach; i++) {
                            shipped.add(ledger.submit(Consortium.user(c.batteryMaker), Transactions.SHIP, Map.of(),
                                    Consortium.json(c.req("code", c.code(c.batteryMaker, 'P', base + i)))));
                        }
                        shipped.forEach(CompletableFuture::join);
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) {
                w.join();
            }

            assertThat(errors).isEmpty();
            JsonNode inStock = c.evaluate(c.regulator, Transactions.LIST_BY_STATUS, "IN_STOCK", "1000", "");
            assertThat(inStock.get("count").asInt()).isEqualTo(threads * packsEach);
            assertThat(ledger.verify().ok()).isTrue();
        }

        @Test
        void transactions_on_different_packs_in_one_block_all_commit() throws Exception {
            List<String> packs = List.of(c.code(c.batteryMaker, 'P', 1), c.code(c.batteryMaker, 'P', 2),
                    c.code(c.batteryMaker, 'P', 3));
            c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.req("units",
                    packs.stream().map(p -> Map.of("code", p)).toList()));

            List<CompletableFuture<Commit>> ships = new ArrayList<>();
            ledger.holdBlocks();
            try {
                for (String p : packs) {
                    ships.add(ledger.submit(Consortium.user(c.batteryMaker), Transactions.SHIP, Map.of(),
                            Consortium.json(c.req("code", p))));
                }
            } finally {
                ledger.releaseBlocks();
            }

            List<Commit> commits = ships.stream().map(CompletableFuture::join).toList();
            assertThat(commits).extracting(Commit::blockNumber).containsOnly(commits.get(0).blockNumber());
            assertThat(packs).allSatisfy(p -> assertThat(unit(p).get("status").asText()).isEqualTo("IN_STOCK"));
        }
    }

    @Nested
    class Listings {
        @Test
        void a_status_listing_pages_by_two_with_bookmarks_without_gaps_or_repeats() {
            List<String> packs = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                packs.add(c.code(c.batteryMaker, 'P', i));
            }
            c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.req("units",
                    packs.stream().map(p -> Map.of("code", p)).toList()));

            List<Integer> counts = new ArrayList<>();
            List<String> listed = new ArrayList<>();
            List<String> bookmarks = new ArrayList<>();
            String bookmark = "";
            do {
                JsonNode page = c.evaluate(c.regulator, Transactions.LIST_BY_STATUS, "PRODUCED", "2", bookmark);
                counts.add(page.get("count").asInt());
                page.get("items").forEach(i -> listed.add(i.get("code").asText()));
                bookmark = page.get("bookmark").asText();
                bookmarks.add(bookmark);
            } while (!bookmark.isEmpty() && counts.size() < 10);

            assertThat(counts).containsExactly(2, 2, 1);
            assertThat(listed).containsExactlyElementsOf(packs);
            assertThat(bookmarks.get(0)).startsWith("\u0000idx~status\u0000PRODUCED\u0000").endsWith(packs.get(2)
                    + "\u0000");
            assertThat(bookmarks.get(2)).isEmpty();
        }
    }

    @Nested
    class PrivateData {
        private static final String TERMS = "{\"priceMinor\":125000,\"currency\":\"CNY\",\"contractRef\":\"C-1\"}";

        @Test
        void commercial_terms_of_an_offer_are_stored_apart_with_only_their_hash_on_the_ledger() throws Exception {
            String pack = c.code(c.batteryMaker, 'P', 1);
            c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.req("units", List.of(Map.of("code", pack))));
            c.submit(c.batteryMaker, Transactions.SHIP, c.req("code", pack));

            Commit offer = ledger.submit(Consortium.user(c.batteryMaker), Transactions.OFFER_HANDOVER,
                    Map.of(Handovers.COMMERCIAL, TERMS.getBytes(StandardCharsets.UTF_8)),
                    Consortium.json(c.req("codes", List.of(pack), "to", c.automaker.id()))).join();

            String hash = unit(pack).get("pendingHandover").get("commercialHash").asText();
            assertThat(hash).matches("[0-9a-f]{64}");
            for (var party : List.of(c.batteryMaker, c.automaker)) {
                JsonNode terms = c.evaluate(party, Transactions.GET_COMMERCIAL_TERMS, offer.txId());
                assertThat(terms.get("priceMinor").asLong()).isEqualTo(125000L);
                assertThat(terms.get("contractRef").asText()).isEqualTo("C-1");
            }
            Throwable third = catchThrowable(() -> ledger.evaluate(Consortium.user(c.repairer),
                    Transactions.GET_COMMERCIAL_TERMS, offer.txId()));
            assertThat(((LedgerRejectedException) third).code()).contains(LedgerError.NOT_FOUND);

            Store store = ledger.store();
            List<String> collections = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : store.pvtData.entrySet()) {
                String dk = Bytes.string(e.getKey());
                if (dk.endsWith("\u0000" + Handovers.commercialKey(offer.txId()))) {
                    collections.add(dk.substring(0, dk.indexOf('\u0000')));
                    assertThat(sha256Hex(Codec.value(e.getValue()))).isEqualTo(hash);
                }
            }
            assertThat(collections).containsExactlyInAnyOrder(Handovers.collectionOf(c.batteryMaker.mspId()),
                    Handovers.collectionOf(c.automaker.mspId()));
            assertThat(store.pvtHash.values()).hasSize(2)
                    .allSatisfy(v -> assertThat(HexFormat.of().formatHex(Codec.value(v))).isEqualTo(hash));
            // Nothing of the terms in world state, read-write sets or events.
            List<byte[]> shared = new ArrayList<>(store.state.values());
            for (byte[] tx : store.txs.values()) {
                shared.add(tx);
            }
            for (byte[] stored : shared) {
                assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("contractRef", "C-1",
                        "125000");
            }
            assertThat(ledger.verify().ok()).isTrue();
        }

        private static String sha256Hex(byte[] b) throws Exception {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        }
    }
}
