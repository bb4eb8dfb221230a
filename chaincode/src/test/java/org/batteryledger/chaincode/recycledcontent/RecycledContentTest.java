package org.batteryledger.chaincode.recycledcontent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.participant.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Recycled-content declarations (EU 2023/1542 Art. 8(1); domain.md §4.6) through the contract
 * router: who may declare, what is refused with which code, one current declaration per
 * (maker, model, plant, year) with its history, the event and the query.
 */
class RecycledContentTest {
    private static final String HASH = "ab".repeat(32);
    private static final String HASH2 = "cd".repeat(32);

    private LedgerFixture f;

    @BeforeEach
    void consortium() {
        f = LedgerFixture.withConsortium();
    }

    private Map<String, Object> declaration(String model, String plant, int year, Map<String, Object> shares,
            String hash) {
        return f.req("model", model, "plant", plant, "year", year, "shares", shares, "documentHash", hash,
                "documentRef", "dms://rc/" + model + "/" + year);
    }

    private static Map<String, Object> share(int pre, int post) {
        return Map.of("preConsumerBasisPoints", pre, "postConsumerBasisPoints", post);
    }

    private Map<String, Object> cobaltAndLead(int coPre, int coPost) {
        Map<String, Object> shares = new LinkedHashMap<>();
        shares.put("CO", share(coPre, coPost));
        shares.put("PB", share(1_000, 7_600));
        return shares;
    }

    private Outcome declare(Party who, Map<String, Object> request) {
        return f.submit(who, Transactions.DECLARE_RECYCLED_CONTENT, request);
    }

    private JsonNode list(Party reader, Party maker, String model) {
        return f.evaluate(reader, Transactions.LIST_RECYCLED_CONTENT, maker.id(), model, "0", "").json();
    }

    private static void assertRefused(Outcome out, LedgerError code, String... words) {
        assertThat(out.ok()).as("refused: %s", out.message()).isFalse();
        assertThat(out.error()).as(out.message()).contains(code);
        assertThat(out.message()).contains(words);
    }

    @Nested
    class Declaring {
        @Test
        void a_declaration_is_stored_under_the_caller_with_the_totals_computed_by_the_contract() {
            Outcome out = declare(f.batteryMaker, declaration("NCM-1", "Ningde plant 1", 2026, cobaltAndLead(500, 1_200),
                    HASH)).expectOk();

            JsonNode d = out.event().get("recycledContent");
            assertThat(d.get("maker").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(d.get("model").asText()).isEqualTo("NCM-1");
            assertThat(d.get("plant").asText()).isEqualTo("Ningde plant 1");
            assertThat(d.get("year").asInt()).isEqualTo(2026);
            assertThat(d.get("shares").get("CO").get("totalBasisPoints").asInt()).isEqualTo(1_700);
            assertThat(d.get("shares").get("PB").get("totalBasisPoints").asInt()).isEqualTo(8_600);
            assertThat(d.get("revision").asInt()).isEqualTo(1);
            assertThat(d.has("supersedesTxId")).isFalse();
            assertThat(d.get("documentHash").asText()).isEqualTo(HASH);
            assertThat(d.get("txId").asText()).isEqualTo(out.txId());
        }

        @Test
        void the_write_emits_its_event_with_the_key_in_the_details() {
            Outcome out = declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2025, cobaltAndLead(0, 1_600), HASH))
                    .expectOk();

            assertThat(out.eventName()).isEqualTo("RecycledContentDeclared");
            JsonNode e = out.event();
            assertThat(e.get("type").asText()).isEqualTo("DECLARE_RECYCLED_CONTENT");
            assertThat(e.get("participant").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(e.get("codes")).isEmpty();
            assertThat(e.get("details").get("model").asText()).isEqualTo("NCM-1");
            assertThat(e.get("details").get("year").asText()).isEqualTo("2025");
        }

        @Test
        void a_later_declaration_for_the_same_model_plant_and_year_supersedes_the_earlier() {
            Outcome first = declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2026, cobaltAndLead(500, 1_200),
                    HASH)).expectOk();

            Outcome second = declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2026,
                    Map.of("CO", share(800, 1_200)), HASH2)).expectOk();

            JsonNode d = second.event().get("recycledContent");
            assertThat(d.get("revision").asInt()).isEqualTo(2);
            assertThat(d.get("supersedesTxId").asText()).isEqualTo(first.txId());
            JsonNode items = list(f.regulator, f.batteryMaker, "NCM-1").get("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("shares").get("CO").get("totalBasisPoints").asInt()).isEqualTo(2_000);
            assertThat(items.get(0).get("shares").has("PB")).as("the new declaration replaces, not merges").isFalse();
            assertThat(items.get(0).get("documentHash").asText()).isEqualTo(HASH2);
        }

        @Test
        void other_plants_and_years_are_separate_declarations() {
            declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2025, cobaltAndLead(1, 1), HASH)).expectOk();
            declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2026, cobaltAndLead(2, 2), HASH)).expectOk();
            declare(f.batteryMaker, declaration("NCM-1", "Plant B", 2026, cobaltAndLead(3, 3), HASH)).expectOk();
            declare(f.batteryMaker, declaration("NCM-2", "Plant A", 2026, cobaltAndLead(4, 4), HASH)).expectOk();

            JsonNode items = list(f.automaker, f.batteryMaker, "NCM-1").get("items");

            assertThat(items).hasSize(3);
            assertThat(items.get(0).get("plant").asText() + items.get(0).get("year").asInt()).isEqualTo("Plant A2025");
            assertThat(items.get(1).get("plant").asText() + items.get(1).get("year").asInt()).isEqualTo("Plant A2026");
            assertThat(items.get(2).get("plant").asText()).isEqualTo("Plant B");
        }

        @Test
        void two_makers_may_use_the_same_model_name_without_touching_each_other() {
            declare(f.batteryMaker, declaration("X1", "Plant A", 2026, cobaltAndLead(1, 1), HASH)).expectOk();
            Outcome other = declare(f.otherMaker, declaration("X1", "Plant A", 2026, cobaltAndLead(2, 2), HASH))
                    .expectOk();

            assertThat(other.event().get("recycledContent").get("revision").asInt()).isEqualTo(1);
            assertThat(list(f.regulator, f.batteryMaker, "X1").get("items")).hasSize(1);
        }

        @Test
        void a_repeated_client_event_id_returns_the_first_result_and_changes_nothing() {
            Map<String, Object> req = declaration("NCM-1", "Plant A", 2026, cobaltAndLead(1, 1), HASH);
            Outcome first = declare(f.batteryMaker, req).expectOk();

            Outcome again = declare(f.batteryMaker, req).expectOk();

            assertThat(again.payload()).isEqualTo(first.payload());
            assertThat(again.eventName()).isEqualTo("Replayed");
            assertThat(list(f.regulator, f.batteryMaker, "NCM-1").get("items").get(0).get("revision").asInt())
                    .isEqualTo(1);
        }

        @Test
        void anyone_may_read_the_declarations_they_are_public_passport_information() {
            declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2026, cobaltAndLead(1, 1), HASH)).expectOk();

            assertThat(list(f.recycler, f.batteryMaker, "NCM-1").get("items")).hasSize(1);
            assertThat(list(f.batteryMaker, f.batteryMaker, "NONE").get("items")).isEmpty();
        }
    }

    @Nested
    class Refusals {
        @Test
        void another_role_is_forbidden() {
            assertRefused(declare(f.automaker, declaration("NCM-1", "Plant A", 2026, cobaltAndLead(1, 1), HASH)),
                    LedgerError.FORBIDDEN, "role AUTOMAKER may not DECLARE_RECYCLED_CONTENT");
        }

        @Test
        void a_battery_maker_acting_in_another_role_is_forbidden() {
            Party asRecycler = f.batteryMaker.as(Role.RECYCLER);
            Outcome out = declare(asRecycler, declaration("NCM-1", "Plant A", 2026, cobaltAndLead(1, 1), HASH));
            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
        }

        @Test
        void a_suspended_battery_maker_is_forbidden() {
            f.submit(f.regulator, Transactions.SUSPEND_PARTICIPANT,
                    f.req("participantId", f.batteryMaker.id(), "reason", "audit")).expectOk();

            assertRefused(declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2026, cobaltAndLead(1, 1), HASH)),
                    LedgerError.FORBIDDEN, "SUSPENDED");
        }

        @Test
        void shares_above_100_percent_are_an_invalid_argument_naming_the_material() {
            assertRefused(declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2026,
                    Map.of("LI", share(5_000, 5_001)), HASH)), LedgerError.INVALID_ARGUMENT, "field 'shares.LI'");
        }

        @Test
        void an_unknown_material_is_an_invalid_argument() {
            assertRefused(declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2026, Map.of("CU", share(1, 1)),
                    HASH)), LedgerError.INVALID_ARGUMENT, "field 'shares.CU'");
        }

        @Test
        void a_year_after_the_transaction_year_is_an_invalid_argument() {
            f.runner.setTime(Instant.parse("2026-06-01T08:00:00Z"));
            assertRefused(declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2027, cobaltAndLead(1, 1), HASH)),
                    LedgerError.INVALID_ARGUMENT, "field 'year'", "2027");
        }

        @Test
        void the_year_is_counted_on_china_time() {
            // 2026-12-31T17:00Z is already 2027-01-01 in China.
            f.runner.setTime(Instant.parse("2026-12-31T17:00:00Z"));
            declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2027, cobaltAndLead(1, 1), HASH)).expectOk();
        }

        @Test
        void a_missing_document_hash_is_an_invalid_argument() {
            Map<String, Object> req = declaration("NCM-1", "Plant A", 2026, cobaltAndLead(1, 1), HASH);
            req.remove("documentHash");
            assertRefused(declare(f.batteryMaker, req), LedgerError.INVALID_ARGUMENT, "field 'documentHash'");
        }

        @Test
        void a_listing_page_above_the_bound_is_limit_exceeded() {
            Outcome out = f.evaluate(f.regulator, Transactions.LIST_RECYCLED_CONTENT, f.batteryMaker.id(), "NCM-1",
                    "1001", "");
            assertRefused(out, LedgerError.LIMIT_EXCEEDED, "at most 1000");
        }

        @Test
        void a_refused_declaration_writes_nothing() {
            declare(f.batteryMaker, declaration("NCM-1", "Plant A", 2026, Map.of("LI", share(9_000, 9_000)), HASH));

            assertThat(list(f.regulator, f.batteryMaker, "NCM-1").get("items")).isEmpty();
        }
    }
}
