package org.batteryledger.app.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.function.Consumer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.state.Keys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks, the hash chain, tamper detection and durability of the embedded ledger. */
class EmbeddedChainTest {
    private static final String ZERO_HASH = "0".repeat(64);

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

    private void reopen() {
        ledger.close();
        ledger = EmbeddedLedger.open(dir, Settings.defaults());
        c = Consortium.alreadyOn(ledger);
    }

    /** Edits the closed ledger's file, as someone editing it behind the ledger's back would. */
    private void tamper(Consumer<Store> change) {
        ledger.close();
        LedgerFile.edit(dir, change);
        ledger = EmbeddedLedger.open(dir, Settings.defaults());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class Blocks {
        @Test
        void blocks_are_numbered_from_an_empty_genesis_block_and_each_links_to_the_hash_before_it() {
            long height = ledger.height();

            BlockHeader genesis = ledger.block(0).orElseThrow();
            assertThat(genesis.previousHash()).isEqualTo(ZERO_HASH);
            assertThat(genesis.transactionCount()).isZero();
            assertThat(height).isGreaterThanOrEqualTo(2 + c.registrations()); // genesis, bootstrap, registrations
            for (long n = 1; n < height; n++) {
                BlockHeader b = ledger.block(n).orElseThrow();
                assertThat(b.number()).isEqualTo(n);
                assertThat(b.previousHash()).isEqualTo(ledger.block(n - 1).orElseThrow().hash());
                assertThat(b.hash()).matches("[0-9a-f]{64}").isNotEqualTo(b.previousHash());
                assertThat(b.transactionCount()).isPositive();
            }
            assertThat(ledger.block(height)).isEmpty();

            Commit next = c.submit(c.batteryMaker, Transactions.REGISTER_UNITS,
                    c.req("units", List.of(Map.of("code", c.code(c.batteryMaker, 'P', 1)))));

            assertThat(next.blockNumber()).isEqualTo(height);
            assertThat(ledger.height()).isEqualTo(height + 1);
        }

        @Test
        void a_block_holds_up_to_the_configured_number_of_transactions() throws Exception {
            ledger.close();
            ledger = EmbeddedLedger.open(dir, Settings.defaults().withMaxBlockTransactions(2));
            c = Consortium.alreadyOn(ledger);
            List<CompletableFuture<Commit>> futures = new java.util.ArrayList<>();
            ledger.holdBlocks();
            try {
                for (int i = 1; i <= 5; i++) {
                    futures.add(ledger.submit(Consortium.user(c.batteryMaker), Transactions.REGISTER_UNITS, Map.of(),
                            Consortium.json(c.req("units", List.of(Map.of("code", c.code(c.batteryMaker, 'P', i)))))));
                }
            } finally {
                ledger.releaseBlocks();
            }

            List<Long> blocks = futures.stream().map(f -> f.join().blockNumber()).toList();

            long b = blocks.get(0);
            assertThat(blocks).containsExactly(b, b, b + 1, b + 1, b + 2);
        }
    }

    @Nested
    class Verify {
        @Test
        void verify_passes_on_an_untouched_chain() {
            c.packInUse(c.code(c.batteryMaker, 'P', 1), Consortium.vin(1));

            VerifyReport report = ledger.verify();

            assertThat(report.ok()).as(report.problem()).isTrue();
            assertThat(report.blocksChecked()).isEqualTo(ledger.height());
            assertThat(report.firstBadBlock()).isNull();
        }

        @Test
        void altering_a_stored_transaction_is_reported_at_its_block() throws Exception {
            List<Commit> commits = c.packInUse(c.code(c.batteryMaker, 'P', 1), Consortium.vin(1));
            long target = commits.get(2).blockNumber();

            ledger.close();
            assertThat(LedgerFile.replaceEventPayloads(dir, target, utf8("{}"))).isPositive();
            ledger = EmbeddedLedger.open(dir, Settings.defaults());
            VerifyReport report = ledger.verify();

            assertThat(report.ok()).isFalse();
            assertThat(report.firstBadBlock()).isEqualTo(target);
            assertThat(report.problem()).contains("block " + target, "data hash");
        }

        @Test
        void altering_a_value_in_a_keys_history_is_reported_at_the_block_that_wrote_it() throws Exception {
            String pack = c.code(c.batteryMaker, 'P', 1);
            List<Commit> commits = c.packInUse(pack, Consortium.vin(1));
            long target = commits.get(1).blockNumber();

            tamper(s -> {
                byte[] key = s.history.ceilingKey(Codec.historyKey(Keys.unit(pack), Version.of(target, 0)));
                assertThat(Version.block(Codec.historyVersion(key))).isEqualTo(target);
                Store.HistoryRow r = Store.HistoryRow.decode(s.history.get(key));
                s.history.put(key, new Store.HistoryRow(r.txId(), r.timestamp(), utf8("{}"), false).encode());
            });
            VerifyReport report = ledger.verify();

            assertThat(report.ok()).isFalse();
            assertThat(report.firstBadBlock()).isEqualTo(target);
            assertThat(report.problem()).contains("history", pack);
        }

        @Test
        void a_history_row_no_transaction_wrote_is_reported() throws Exception {
            String pack = c.code(c.batteryMaker, 'P', 1);
            c.packInUse(pack, Consortium.vin(1));

            tamper(s -> {
                byte[] last = s.history.floorKey(Codec.historyTo(Keys.unit(pack)));
                long v = Codec.historyVersion(last);
                s.history.put(Codec.historyKey(Keys.unit(pack), Version.of(Version.block(v), Version.tx(v) + 1000)),
                        s.history.get(last));
            });
            VerifyReport report = ledger.verify();

            assertThat(report.ok()).isFalse();
            assertThat(report.problem()).contains("history holds");
        }

        @Test
        void a_ledger_of_an_earlier_sql_layout_is_imported_on_open_with_its_chain_and_history_intact()
                throws Exception {
            String pack = c.code(c.batteryMaker, 'P', 1);
            c.packInUse(pack, Consortium.vin(1));
            String before = ledger.evaluate(Consortium.user(c.regulator), Transactions.GET_HISTORY, pack, "0", "");
            long height = ledger.height();
            String head = ledger.block(height - 1).orElseThrow().hash();
            ledger.close();
            for (int layout : new int[] {1, 2}) {
                SqlLedgerFixture.writeSqlLedger(dir, layout);
                Files.delete(dir.resolve(Store.FILE));

                ledger = EmbeddedLedger.open(dir, Settings.defaults());
                c = Consortium.alreadyOn(ledger);

                assertThat(ledger.height()).as("layout %d", layout).isEqualTo(height);
                assertThat(ledger.block(height - 1).orElseThrow().hash()).isEqualTo(head);
                assertThat(ledger.evaluate(Consortium.user(c.regulator), Transactions.GET_HISTORY, pack, "0", ""))
                        .isEqualTo(before);
                assertThat(ledger.verify().ok()).isTrue();
                assertThat(dir.resolve(SqlLedgerImport.SQL_FILE)).doesNotExist();
                assertThat(dir.resolve(SqlLedgerImport.SQL_FILE + SqlLedgerImport.IMPORTED_SUFFIX)).exists();
                ledger.close();
            }
            ledger = EmbeddedLedger.open(dir, Settings.defaults());
        }

        @Test
        void altering_a_blocks_header_is_reported_at_that_block() throws Exception {
            List<Commit> commits = c.packInUse(c.code(c.batteryMaker, 'P', 1), Consortium.vin(1));
            long target = commits.get(3).blockNumber();

            tamper(s -> {
                Store.BlockRow b = Store.BlockRow.decode(target, s.blocks.get(target));
                s.blocks.put(target, new Store.BlockRow(target, new byte[32], b.dataHash(), b.hash(), b.txCount(),
                        b.committedAt()).encode());
            });
            VerifyReport report = ledger.verify();

            assertThat(report.firstBadBlock()).isEqualTo(target);
        }

        @Test
        void rewriting_a_block_with_recomputed_hashes_is_caught_by_the_link_from_the_next_block() throws Exception {
            List<Commit> commits = c.packInUse(c.code(c.batteryMaker, 'P', 1), Consortium.vin(1));
            long target = commits.get(1).blockNumber();
            ledger.close();
            LedgerFile.replaceEventPayloads(dir, target, utf8("{}"));
            Chain.DataHash dh = new Chain.DataHash();
            for (Store.TxRow t : LedgerFile.transactions(dir, target)) {
                dh.add(t.index(), t.validationCode(), PendingTx.body(t.txId(), t.tsSeconds(), t.tsNanos(),
                        t.creatorMsp(), t.creatorHash(), t.function(), t.rwset(), t.eventName(), t.eventPayload()));
            }
            byte[] data = dh.finish();
            LedgerFile.edit(dir, s -> {
                Store.BlockRow b = Store.BlockRow.decode(target, s.blocks.get(target));
                s.blocks.put(target, new Store.BlockRow(target, b.previousHash(), data,
                        Chain.blockHash(target, b.previousHash(), data), b.txCount(), b.committedAt()).encode());
            });
            ledger = EmbeddedLedger.open(dir, Settings.defaults());

            VerifyReport report = ledger.verify();

            assertThat(report.ok()).isFalse();
            assertThat(report.firstBadBlock()).isEqualTo(target);
            assertThat(report.problem()).contains("block " + (target + 1) + " links to");
        }

        @Test
        void altering_a_world_state_row_is_reported_with_its_key_and_the_block_that_wrote_it() throws Exception {
            String pack = c.code(c.batteryMaker, 'P', 1);
            List<Commit> commits = c.packInUse(pack, Consortium.vin(1));

            ledger.close();
            assertThat(LedgerFile.replaceState(dir, Keys.unit(pack), utf8("{\"status\":\"RECYCLED\"}"))).isTrue();
            ledger = EmbeddedLedger.open(dir, Settings.defaults());
            VerifyReport report = ledger.verify();

            assertThat(report.ok()).isFalse();
            assertThat(report.firstBadBlock()).isEqualTo(commits.get(5).blockNumber());
            assertThat(report.problem()).contains("world state", pack);
        }

        @Test
        void a_deleted_world_state_row_is_reported_missing() throws Exception {
            String pack = c.code(c.batteryMaker, 'P', 1);
            Commit registered = c.submit(c.batteryMaker, Transactions.REGISTER_UNITS,
                    c.req("units", List.of(Map.of("code", pack))));
            ledger.close();
            assertThat(LedgerFile.deleteState(dir, Keys.unit(pack))).isTrue();
            ledger = EmbeddedLedger.open(dir, Settings.defaults());

            VerifyReport report = ledger.verify();

            assertThat(report.firstBadBlock()).isEqualTo(registered.blockNumber());
            assertThat(report.problem()).contains("missing", pack);
        }
    }

    @Nested
    class Durability {
        @Test
        void committed_state_height_and_history_survive_close_and_reopen() {
            String pack = c.code(c.batteryMaker, 'P', 1);
            c.packInUse(pack, Consortium.vin(1));
            long height = ledger.height();
            String lastHash = ledger.block(height - 1).orElseThrow().hash();
            JsonNode unit = c.evaluate(c.regulator, Transactions.GET_UNIT, pack);
            JsonNode history = c.evaluate(c.regulator, Transactions.GET_HISTORY, pack, "100", "");

            reopen();

            assertThat(ledger.height()).isEqualTo(height);
            assertThat(c.evaluate(c.regulator, Transactions.GET_UNIT, pack)).isEqualTo(unit);
            assertThat(c.evaluate(c.regulator, Transactions.GET_HISTORY, pack, "100", "")).isEqualTo(history);
            assertThat(ledger.verify().ok()).isTrue();
            Commit next = c.submit(c.automaker, Transactions.ATTACH_EU_ID, c.req("code", pack, "euUniqueId",
                    "EU0001"));
            assertThat(next.blockNumber()).isEqualTo(height);
            assertThat(ledger.block(height).orElseThrow().previousHash()).isEqualTo(lastHash);
        }

        @Test
        void writes_simulated_but_never_committed_are_not_there_after_a_crash_and_reopen() throws Exception {
            String pack = c.code(c.batteryMaker, 'P', 1);
            c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.req("units", List.of(Map.of("code", pack))));
            // An evaluation simulates the write and throws its writes away.
            String simulated = ledger.evaluate(Consortium.user(c.batteryMaker), Transactions.SHIP,
                    Consortium.json(c.req("code", pack)));
            assertThat(simulated).contains("UnitShipped");
            long height = ledger.height();
            ledger.holdBlocks();
            CompletableFuture<Commit> pending = ledger.submit(Consortium.user(c.batteryMaker), Transactions.SHIP,
                    Map.of(), Consortium.json(c.req("code", pack)));

            ledger.crash();

            Throwable t = catchThrowable(pending::join);
            assertThat(t).isInstanceOf(CompletionException.class).hasCauseInstanceOf(LedgerUnavailableException.class);
            ledger = EmbeddedLedger.open(dir, Settings.defaults());
            c = Consortium.alreadyOn(ledger);
            assertThat(ledger.height()).isEqualTo(height);
            assertThat(c.evaluate(c.regulator, Transactions.GET_UNIT, pack).get("status").asText())
                    .isEqualTo("PRODUCED");
            assertThat(ledger.verify().ok()).isTrue();
        }

        @Test
        void a_directory_in_use_cannot_be_opened_by_a_second_ledger() {
            Throwable t = catchThrowable(() -> EmbeddedLedger.open(dir, Settings.defaults()));

            assertThat(t).isInstanceOf(LedgerUnavailableException.class).hasMessageContaining("already open");
            assertThat(ledger.height()).isPositive();
        }
    }
}
