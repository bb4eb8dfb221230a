package org.batteryledger.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.testkit.TestIdentities;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Reads in the caller's tier (EU 2023/1542 Art. 77(2); domain.md §6.3) and paginated listings. */
class ReadTiersTest {

    private static final String DISMANTLING_HASH = "ab".repeat(32);
    private static final String REPORT_HASH = "cd".repeat(32);
    /** Every field a public reader may see (UnitView's public allow-list plus the tier). */
    private static final Set<String> PUBLIC_FIELDS = Set.of("code", "level", "form", "manufacturerCode",
            "batteryType", "specification", "traceability", "productionDate", "serial", "spec", "euUniqueId", "status",
            "euStatus", "origins", "successors", "registeredAt", "updatedAt", "version", "tier");
    private static final List<String> RESTRICTED_FIELDS = List.of("holder", "responsible", "vin", "children",
            "parent", "stateOfHealth", "lastEvent", "pendingHandover", "registeredBy");

    private final LedgerFixture f = LedgerFixture.withConsortium();
    /** A company the registry does not know: reads in the public tier. */
    private final Party passerBy = new Party(Calls.uscc("000000000000500"), "Passer-by", "PublicMSP", Role.RECYCLER,
            List.of());

    private final String pack = f.code(f.batteryMaker, 'P', 1);
    private final String module = f.code(f.batteryMaker, 'M', 1);
    private final String vin = LedgerFixture.vin(1);
    private final String testedPack = f.code(f.batteryMaker, 'P', 2);

    /** A sold pack with a module inside and a dismantling document reference. */
    private void installedPackWithModule() {
        f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, f.req("units", List.of(
                Map.of("code", pack, "children", List.of(module),
                        "spec", Map.of("model", "NX-75", "dismantlingInfoHash", DISMANTLING_HASH)),
                Map.of("code", module)))).expectOk();
        f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();
        f.handOver(f.batteryMaker, f.automaker, pack);
        f.submit(f.automaker, Transactions.INSTALL, f.req("code", pack, "vin", vin)).expectOk();
        f.submit(f.automaker, Transactions.SELL, f.req("vin", vin)).expectOk();
    }

    /** A retired pack tested at the cascade operator and offered, with commercial terms, to the recycler. */
    private void testedPackOfferedToRecycler() {
        String testedVin = f.packInUse(testedPack, 2);
        f.scrapAndCollect(testedPack, testedVin);
        f.handOver(f.dismantler, f.cascadeOperator, testedPack);
        f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", testedPack, "result",
                Map.of("sohPermille", 640, "standard", "GB/T 34015-2017", "reportHash", REPORT_HASH))).expectOk();
        byte[] terms = "{\"priceMinor\":120000,\"currency\":\"CNY\",\"contractRef\":\"C-7\"}"
                .getBytes(StandardCharsets.UTF_8);
        f.submit(f.cascadeOperator, Map.of("commercial", terms), Transactions.OFFER_HANDOVER,
                f.req("codes", List.of(testedPack), "to", f.recycler.id())).expectOk();
    }

    private List<JsonNode> pages(Party reader, String transaction, String attribute, int pageSize) {
        List<JsonNode> pages = new ArrayList<>();
        String bookmark = "";
        do {
            JsonNode page = f.evaluate(reader, transaction, attribute, Integer.toString(pageSize), bookmark).json();
            pages.add(page);
            bookmark = page.get("bookmark").asText();
        } while (!bookmark.isEmpty() && pages.size() < 20);
        return pages;
    }

    private List<String> sevenUnits() {
        List<String> codes = new ArrayList<>();
        for (int serial = 1; serial <= 7; serial++) {
            codes.add(f.code(f.batteryMaker, 'P', 100 + serial));
        }
        f.registerUnits(f.batteryMaker, codes.toArray(String[]::new)).expectOk();
        return codes;
    }

    @Nested
    class GetUnit {
        @Test
        void a_public_reader_sees_no_custody_responsibility_vehicle_or_composition_of_a_pack() {
            installedPackWithModule();
            JsonNode full = f.unit(f.regulator, pack);

            JsonNode shown = f.unit(passerBy, pack);

            assertThat(List.of("holder", "responsible", "vin", "lastEvent", "registeredBy")).allMatch(full::has);
            assertThat(full.get("children")).hasSize(1);
            assertThat(shown.get("tier").asText()).isEqualTo("PUBLIC");
            assertThat(shown.get("code").asText()).isEqualTo(pack);
            assertThat(shown.get("status").asText()).isEqualTo("IN_USE");
            assertThat(shown.has("holder")).isFalse();
            assertThat(shown.has("responsible")).isFalse();
            assertThat(shown.has("vin")).isFalse();
            assertThat(shown.has("children")).isFalse();
            assertThat(shown.has("lastEvent")).isFalse();
            assertThat(shown.has("registeredBy")).isFalse();
        }

        @Test
        void a_public_reader_sees_the_model_but_not_the_dismantling_document() {
            installedPackWithModule();

            JsonNode spec = f.unit(passerBy, pack).get("spec");

            assertThat(f.unit(f.regulator, pack).get("spec").get("dismantlingInfoHash").asText())
                    .isEqualTo(DISMANTLING_HASH);
            assertThat(spec.get("model").asText()).isEqualTo("NX-75");
            assertThat(spec.has("dismantlingInfoHash")).isFalse();
        }

        @Test
        void a_public_reader_does_not_see_the_parent_of_a_module() {
            installedPackWithModule();

            JsonNode shown = f.unit(passerBy, module);

            assertThat(f.unit(f.regulator, module).get("parent").asText()).isEqualTo(pack);
            assertThat(shown.get("tier").asText()).isEqualTo("PUBLIC");
            assertThat(shown.has("parent")).isFalse();
        }

        @Test
        void a_public_reader_sees_neither_state_of_health_nor_a_pending_handover() {
            testedPackOfferedToRecycler();

            JsonNode shown = f.unit(passerBy, testedPack);

            assertThat(f.unit(f.regulator, testedPack).has("stateOfHealth")).isTrue();
            assertThat(f.unit(f.regulator, testedPack).has("pendingHandover")).isTrue();
            assertThat(shown.get("status").asText()).isEqualTo("TESTED");
            assertThat(shown.has("stateOfHealth")).isFalse();
            assertThat(shown.has("pendingHandover")).isFalse();
        }

        @Test
        void a_certificate_without_attributes_reads_only_public_fields() {
            installedPackWithModule();

            JsonNode shown = Calls.evaluateAs(f, TestIdentities.withoutAttributes("AutoMSP", "cryptogen-user"),
                    Transactions.GET_UNIT, pack).json();

            assertThat(shown.get("tier").asText()).isEqualTo("PUBLIC");
            assertThat(shown.fieldNames()).toIterable().isSubsetOf(PUBLIC_FIELDS);
            assertThat(RESTRICTED_FIELDS).noneMatch(shown::has);
        }

        @Test
        void a_recycler_has_a_legitimate_interest_in_custody_and_vehicle() {
            installedPackWithModule();

            JsonNode shown = f.unit(f.recycler, pack);

            assertThat(shown.get("tier").asText()).isEqualTo("LEGITIMATE_INTEREST");
            assertThat(shown.get("holder").asText()).isEqualTo(f.automaker.id());
            assertThat(shown.get("vin").asText()).isEqualTo(vin);
            assertThat(shown.get("children")).extracting(JsonNode::asText).containsExactly(module);
            assertThat(shown.get("spec").get("dismantlingInfoHash").asText()).isEqualTo(DISMANTLING_HASH);
        }

        @Test
        void a_recycler_sees_state_of_health_without_the_report_hash() {
            testedPackOfferedToRecycler();

            JsonNode soh = f.unit(f.recycler, testedPack).get("stateOfHealth");

            assertThat(soh.get("sohPermille").asInt()).isEqualTo(640);
            assertThat(soh.has("reportHash")).isFalse();
        }

        @Test
        void a_recycler_sees_a_pending_handover_without_the_commercial_hash() {
            testedPackOfferedToRecycler();

            JsonNode pending = f.unit(f.recycler, testedPack).get("pendingHandover");

            assertThat(pending.get("to").asText()).isEqualTo(f.recycler.id());
            assertThat(pending.get("from").asText()).isEqualTo(f.cascadeOperator.id());
            assertThat(pending.has("commercialHash")).isFalse();
        }

        @Test
        void the_regulator_sees_everything_in_the_authority_tier() {
            testedPackOfferedToRecycler();

            JsonNode shown = f.unit(f.regulator, testedPack);

            assertThat(shown.get("tier").asText()).isEqualTo("AUTHORITY");
            assertThat(shown.get("stateOfHealth").get("reportHash").asText()).isEqualTo(REPORT_HASH);
            assertThat(shown.get("pendingHandover").get("commercialHash").asText()).matches("[0-9a-f]{64}");
            assertThat(shown.get("holder").asText()).isEqualTo(f.cascadeOperator.id());
            assertThat(shown.get("registeredBy").asText()).isEqualTo(f.batteryMaker.id());
        }

        @Test
        void the_units_own_automaker_is_an_involved_party_with_legitimate_interest() {
            installedPackWithModule();

            JsonNode shown = f.unit(f.automaker, pack);

            assertThat(shown.get("tier").asText()).isEqualTo("LEGITIMATE_INTEREST");
            assertThat(shown.get("vin").asText()).isEqualTo(vin);
        }

        @Test
        void an_uninvolved_battery_maker_reads_in_the_public_tier() {
            installedPackWithModule();

            JsonNode shown = f.unit(f.otherMaker, pack);

            assertThat(shown.get("tier").asText()).isEqualTo("PUBLIC");
            assertThat(shown.has("holder")).isFalse();
            assertThat(shown.has("vin")).isFalse();
        }

        @Test
        void the_receiver_named_in_an_offer_is_involved_before_it_accepts() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();
            f.submit(f.batteryMaker, Transactions.OFFER_HANDOVER,
                    f.req("codes", List.of(pack), "to", f.automaker.id())).expectOk();

            JsonNode shown = f.unit(f.automaker, pack);

            assertThat(shown.get("tier").asText()).isEqualTo("LEGITIMATE_INTEREST");
            assertThat(shown.get("pendingHandover").get("to").asText()).isEqualTo(f.automaker.id());
        }

        @Test
        void an_unknown_unit_is_not_found() {
            Outcome out = f.evaluate(passerBy, Transactions.GET_UNIT, pack);

            assertThat(out.error()).contains(LedgerError.NOT_FOUND);
            assertThat(out.message()).contains("unit " + pack + " is not registered");
        }
    }

    @Nested
    class GetHistory {
        private List<JsonNode> items(Party reader, String code, String pageSize, String bookmark) {
            List<JsonNode> out = new ArrayList<>();
            f.evaluate(reader, Transactions.GET_HISTORY, code, pageSize, bookmark).json().get("items")
                    .forEach(out::add);
            return out;
        }

        @Test
        void lists_every_version_newest_first() {
            installedPackWithModule();

            List<JsonNode> versions = items(f.regulator, pack, "100", "");

            List<Long> numbers = versions.stream().map(v -> v.get("unit").get("version").asLong()).toList();
            assertThat(numbers).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
            assertThat(versions.get(0).get("unit").get("status").asText()).isEqualTo("IN_USE");
            assertThat(versions.get(5).get("unit").get("status").asText()).isEqualTo("PRODUCED");
        }

        @Test
        void paginates_with_bookmarks_without_gaps_or_repeats() {
            installedPackWithModule();
            List<String> all = items(f.regulator, pack, "100", "").stream().map(v -> v.get("txId").asText()).toList();
            List<String> paged = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            String bookmark = "";

            do {
                JsonNode page = f.evaluate(f.regulator, Transactions.GET_HISTORY, pack, "4", bookmark).json();
                counts.add(page.get("count").asInt());
                page.get("items").forEach(i -> paged.add(i.get("txId").asText()));
                bookmark = page.get("bookmark").asText();
            } while (!bookmark.isEmpty() && counts.size() < 10);

            assertThat(counts).containsExactly(4, 2);
            assertThat(paged).containsExactlyElementsOf(all);
            assertThat(paged).doesNotHaveDuplicates();
        }

        @Test
        void a_public_reader_sees_only_public_fields_in_every_version() {
            installedPackWithModule();

            List<JsonNode> versions = items(passerBy, pack, "100", "");

            assertThat(versions).hasSize(6);
            assertThat(versions).allSatisfy(v -> {
                JsonNode unit = v.get("unit");
                assertThat(unit.get("tier").asText()).isEqualTo("PUBLIC");
                assertThat(unit.fieldNames()).toIterable().isSubsetOf(PUBLIC_FIELDS);
                assertThat(unit.get("spec").has("dismantlingInfoHash")).isFalse();
            });
        }

        @Test
        void rejects_a_bookmark_that_is_not_in_the_history() {
            f.registerUnits(f.batteryMaker, pack).expectOk();

            Outcome out = f.evaluate(f.regulator, Transactions.GET_HISTORY, pack, "10", "no-such-tx");

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("bookmark no-such-tx is not in the history of " + pack);
        }
    }

    @Nested
    class Listings {
        @Test
        void list_by_holder_pages_three_three_one_and_ends_with_an_empty_bookmark() {
            List<String> codes = sevenUnits();

            List<JsonNode> pages = pages(f.regulator, Transactions.LIST_BY_HOLDER, f.batteryMaker.id(), 3);

            assertThat(pages).extracting(p -> p.get("count").asInt()).containsExactly(3, 3, 1);
            assertThat(pages.get(2).get("bookmark").asText()).isEmpty();
            assertThat(pages.stream().flatMap(p -> toCodes(p).stream()).toList())
                    .containsExactlyInAnyOrderElementsOf(codes);
        }

        @Test
        void list_by_status_pages_three_three_one_and_ends_with_an_empty_bookmark() {
            List<String> codes = sevenUnits();

            List<JsonNode> pages = pages(f.regulator, Transactions.LIST_BY_STATUS, "PRODUCED", 3);

            assertThat(pages).extracting(p -> p.get("count").asInt()).containsExactly(3, 3, 1);
            assertThat(pages.get(2).get("bookmark").asText()).isEmpty();
            assertThat(pages.stream().flatMap(p -> toCodes(p).stream()).toList())
                    .containsExactlyInAnyOrderElementsOf(codes);
        }

        @Test
        void list_by_responsible_pages_three_three_one_and_ends_with_an_empty_bookmark() {
            List<String> codes = sevenUnits();

            List<JsonNode> pages = pages(f.regulator, Transactions.LIST_BY_RESPONSIBLE, f.batteryMaker.id(), 3);

            assertThat(pages).extracting(p -> p.get("count").asInt()).containsExactly(3, 3, 1);
            assertThat(pages.get(2).get("bookmark").asText()).isEmpty();
            assertThat(pages.stream().flatMap(p -> toCodes(p).stream()).toList())
                    .containsExactlyInAnyOrderElementsOf(codes);
        }

        @Test
        void listed_units_are_shown_in_the_callers_tier() {
            sevenUnits();

            JsonNode page = f.evaluate(passerBy, Transactions.LIST_BY_STATUS, "PRODUCED", "10", "").json();

            assertThat(page.get("items")).hasSize(7);
            assertThat(page.get("items")).allSatisfy(u -> {
                assertThat(u.get("tier").asText()).isEqualTo("PUBLIC");
                assertThat(u.has("holder")).isFalse();
            });
        }

        @Test
        void listing_another_companys_holdings_is_forbidden_to_all_but_authorities() {
            sevenUnits();

            Outcome out = f.evaluate(f.otherMaker, Transactions.LIST_BY_HOLDER, f.batteryMaker.id(), "10", "");
            Outcome own = f.evaluate(f.batteryMaker, Transactions.LIST_BY_HOLDER, f.batteryMaker.id(), "10", "");

            assertThat(out.error()).contains(org.batteryledger.chaincode.error.LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("itself and for authorities");
            assertThat(own.json().get("items")).hasSize(7);
        }

        @Test
        void a_unit_that_changed_status_moves_to_the_other_status_listing() {
            List<String> codes = sevenUnits();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", codes.get(0))).expectOk();

            JsonNode inStock = f.evaluate(f.regulator, Transactions.LIST_BY_STATUS, "IN_STOCK", "10", "").json();
            JsonNode produced = f.evaluate(f.regulator, Transactions.LIST_BY_STATUS, "PRODUCED", "10", "").json();

            assertThat(toCodes(inStock)).containsExactly(codes.get(0));
            assertThat(toCodes(produced)).hasSize(6).doesNotContain(codes.get(0));
        }

        @Test
        void an_unknown_status_is_an_invalid_argument() {
            Outcome out = f.evaluate(f.regulator, Transactions.LIST_BY_STATUS, "LOST", "10", "");

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("'LOST' is not a status");
        }

        @Test
        void a_page_of_more_than_a_thousand_is_refused() {
            Outcome out = f.evaluate(f.regulator, Transactions.LIST_BY_HOLDER, f.batteryMaker.id(), "1001", "");

            assertThat(out.error()).contains(LedgerError.LIMIT_EXCEEDED);
            assertThat(out.message()).contains("a page holds at most 1000 entries, not 1001");
        }

        @Test
        void a_history_page_of_more_than_a_thousand_is_refused() {
            f.registerUnits(f.batteryMaker, pack).expectOk();

            Outcome out = f.evaluate(f.regulator, Transactions.GET_HISTORY, pack, "1001", "");

            assertThat(out.error()).contains(LedgerError.LIMIT_EXCEEDED);
            assertThat(out.message()).contains("at most 1000");
        }

        private List<String> toCodes(JsonNode page) {
            List<String> out = new ArrayList<>();
            page.get("items").forEach(i -> out.add(i.get("code").asText()));
            return out;
        }
    }

    @Nested
    class OtherReads {
        @Test
        void get_relations_hides_parent_and_children_from_the_public() {
            installedPackWithModule();

            JsonNode ofPack = f.evaluate(passerBy, Transactions.GET_RELATIONS, pack).json();
            JsonNode ofModule = f.evaluate(passerBy, Transactions.GET_RELATIONS, module).json();

            assertThat(ofPack.get("code").asText()).isEqualTo(pack);
            assertThat(ofPack.has("children")).isFalse();
            assertThat(ofPack.has("origins")).isTrue();
            assertThat(ofModule.has("parent")).isFalse();
        }

        @Test
        void get_relations_shows_parent_and_children_to_a_legitimate_interest() {
            installedPackWithModule();

            JsonNode ofPack = f.evaluate(f.recycler, Transactions.GET_RELATIONS, pack).json();
            JsonNode ofModule = f.evaluate(f.recycler, Transactions.GET_RELATIONS, module).json();

            assertThat(ofPack.get("children")).extracting(JsonNode::asText).containsExactly(module);
            assertThat(ofModule.get("parent").asText()).isEqualTo(pack);
        }

        @Test
        void decode_code_returns_the_decoded_fields() {
            JsonNode decoded = f.evaluate(passerBy, Transactions.DECODE_CODE, pack).json();

            assertThat(decoded.get("value").asText()).isEqualTo(pack);
            assertThat(decoded.get("form").asText()).isEqualTo("STANDARD");
            assertThat(decoded.get("manufacturer").asText()).isEqualTo("A1B");
            assertThat(decoded.get("level").asText()).isEqualTo("PACK");
            assertThat(decoded.get("batteryType").get("key").asText()).isEqualTo("NCM");
            assertThat(decoded.get("specification").asText()).isEqualTo("A1");
            assertThat(decoded.get("traceability").asText()).isEqualTo("TRACE01");
            assertThat(decoded.get("productionDate").asText()).isEqualTo("2026-01-15");
            assertThat(decoded.get("serial").asText()).isEqualTo("0000001");
        }

        @Test
        void decode_code_names_the_broken_rule_of_a_bad_code() {
            String badMonth = pack.substring(0, 15) + "D" + pack.substring(16);

            Outcome out = f.evaluate(passerBy, Transactions.DECODE_CODE, badMonth);

            assertThat(out.error()).contains(LedgerError.INVALID_CODE);
            assertThat(out.message()).contains("position 16 (production month)");
        }

        @Test
        void get_vehicle_is_forbidden_to_an_uninvolved_battery_maker() {
            installedPackWithModule();

            Outcome out = f.evaluate(f.otherMaker, Transactions.GET_VEHICLE, vin);

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("vehicle records are for authorities");
        }

        @Test
        void get_vehicle_is_open_to_the_vehicles_automaker_and_the_trade() {
            installedPackWithModule();

            JsonNode byAutomaker = f.evaluate(f.automaker, Transactions.GET_VEHICLE, vin).json();
            JsonNode byRecycler = f.evaluate(f.recycler, Transactions.GET_VEHICLE, vin).json();

            assertThat(byAutomaker.get("packs")).extracting(JsonNode::asText).containsExactly(pack);
            assertThat(byRecycler.get("vin").asText()).isEqualTo(vin);
        }

        @Test
        void a_public_reader_cannot_list_the_packs_of_a_vin() {
            installedPackWithModule();

            Outcome out = f.evaluate(passerBy, Transactions.LIST_BY_VIN, vin, "10", "");

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("vehicle records are for authorities");
        }

        @Test
        void get_vehicle_is_forbidden_to_the_public() {
            installedPackWithModule();

            Outcome out = f.evaluate(passerBy, Transactions.GET_VEHICLE, vin);

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
        }
    }
}
