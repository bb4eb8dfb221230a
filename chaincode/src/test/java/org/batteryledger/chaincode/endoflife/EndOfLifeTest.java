package org.batteryledger.chaincode.endoflife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.batteryledger.chaincode.endoflife.EolSteps.holder;
import static org.batteryledger.chaincode.endoflife.EolSteps.sohResult;
import static org.batteryledger.chaincode.endoflife.EolSteps.status;
import static org.batteryledger.chaincode.endoflife.EolSteps.unit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Retirement (domain.md §6.2): removal from a scrapped vehicle, collection (回收入库), declaring
 * waste, state-of-health tests and dismantling a pack into its modules.
 */
class EndOfLifeTest {

    private LedgerFixture f;

    @BeforeEach
    void consortium() {
        f = LedgerFixture.withConsortium();
    }

    private static void assertRefused(Outcome out, LedgerError code, String... ruleWords) {
        assertThat(out.ok()).as("refused: %s", out.message()).isFalse();
        assertThat(out.error()).as(out.message()).contains(code);
        assertThat(out.message()).contains(ruleWords);
    }

    private LocalDate chinaToday() {
        return LocalDate.ofInstant(f.runner.now(), ZoneOffset.ofHours(8));
    }

    @Nested
    class Remove {

        @Test
        void the_dismantler_cannot_remove_a_pack_before_the_vehicle_is_scrapped() {
            String pack = f.code(f.batteryMaker, 'P', 1);
            f.packInUse(pack, 1);

            Outcome out = f.submit(f.dismantler, Transactions.REMOVE, f.req("code", pack));

            assertRefused(out, LedgerError.NOT_CUSTODIAN, "held by " + f.automaker.id());
            assertThat(status(f, pack)).isEqualTo("IN_USE");
        }

        @Test
        void after_scrapping_the_dismantler_removes_the_pack_from_the_vehicle() {
            String pack = f.code(f.batteryMaker, 'P', 1);
            String vin = f.packInUse(pack, 1);
            f.submit(f.dismantler, Transactions.SCRAP_VEHICLE,
                    f.req("vin", vin, "presentCodes", List.of(pack), "certificateNumber", "SCRAP-1")).expectOk();

            Outcome out = f.submit(f.dismantler, Transactions.REMOVE, f.req("code", pack)).expectOk();

            JsonNode u = unit(f, pack);
            assertThat(u.get("status").asText()).isEqualTo("REMOVED");
            assertThat(u.hasNonNull("vin")).isFalse();
            assertThat(u.get("holder").asText()).isEqualTo(f.dismantler.id());
            assertThat(out.event().get("details").get("vin").asText()).isEqualTo(vin);
            JsonNode vehicle = f.evaluate(f.regulator, Transactions.GET_VEHICLE, vin).json();
            assertThat(vehicle.get("packs")).isEmpty();
        }

        @Test
        void the_automaker_may_not_remove_a_pack_at_end_of_life() {
            String pack = f.code(f.batteryMaker, 'P', 1);
            f.packInUse(pack, 1);

            Outcome out = f.submit(f.automaker, Transactions.REMOVE, f.req("code", pack));

            assertRefused(out, LedgerError.FORBIDDEN, "role AUTOMAKER may not REMOVE");
        }

        @Test
        void a_removed_pack_cannot_be_removed_again() {
            String pack = EolSteps.removedAtDismantler(f, 1);

            Outcome out = f.submit(f.dismantler, Transactions.REMOVE, f.req("code", pack));

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "REMOVED");
        }
    }

    @Nested
    class Collect {

        @Test
        void the_holder_collects_a_removed_pack() {
            String pack = EolSteps.removedAtDismantler(f, 1);

            Outcome out = f.submit(f.dismantler, Transactions.COLLECT, f.req("code", pack)).expectOk();

            assertThat(status(f, pack)).isEqualTo("COLLECTED");
            assertThat(out.eventName()).isEqualTo("UnitCollected");
            assertThat(out.event().get("transitions").get(0).get("to").asText()).isEqualTo("COLLECTED");
        }

        @Test
        void only_the_holder_collects() {
            String pack = EolSteps.removedAtDismantler(f, 1);

            Outcome out = f.submit(f.collectionPoint, Transactions.COLLECT, f.req("code", pack));

            assertRefused(out, LedgerError.NOT_CUSTODIAN, "held by " + f.dismantler.id());
            assertThat(status(f, pack)).isEqualTo("REMOVED");
        }

        @Test
        void a_pack_in_use_cannot_be_collected() {
            String pack = f.code(f.batteryMaker, 'P', 1);
            f.packInUse(pack, 1);

            Outcome out = f.submit(f.automaker, Transactions.COLLECT, f.req("code", pack));

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "COLLECT", "IN_USE");
        }

        /** A repair shop that is also a collection point takes a pack out; it needs a filing to collect it. */
        private Party repairShopAndCollectionPoint(List<org.batteryledger.chaincode.participant.Certification> certs) {
            return EolSteps.register(f, 2, "Repair shop and collection point", "ShopMSP",
                    List.of(Role.REPAIRER, Role.COLLECTION_POINT), List.of(), certs);
        }

        private String replacedBy(Party shopAsRepairer) {
            String pack = f.code(f.batteryMaker, 'P', 1);
            f.packInUse(pack, 1);
            f.submit(shopAsRepairer, Transactions.REPLACE, f.req("code", pack, "note", "failed module")).expectOk();
            assertThat(status(f, pack)).isEqualTo("REMOVED");
            assertThat(holder(f, pack)).isEqualTo(shopAsRepairer.id());
            return pack;
        }

        @Test
        void a_collection_point_without_a_valid_filing_cannot_collect() {
            Party shop = repairShopAndCollectionPoint(List.of());
            String pack = replacedBy(shop);

            Outcome out = f.submit(shop.as(Role.COLLECTION_POINT), Transactions.COLLECT, f.req("code", pack));

            assertRefused(out, LedgerError.NOT_CERTIFIED, "COLLECTION_POINT", "COLLECTION_POINT_FILING");
            assertThat(status(f, pack)).isEqualTo("REMOVED");
        }

        @Test
        void a_collection_point_with_a_valid_filing_collects() {
            Party shop = repairShopAndCollectionPoint(EolSteps.certifications(Role.COLLECTION_POINT,
                    "shop", LedgerFixture.CERT_UNTIL));
            String pack = replacedBy(shop);

            f.submit(shop.as(Role.COLLECTION_POINT), Transactions.COLLECT, f.req("code", pack)).expectOk();

            assertThat(status(f, pack)).isEqualTo("COLLECTED");
        }

        @Test
        void a_collection_point_whose_filing_lapsed_cannot_collect() {
            Party shop = repairShopAndCollectionPoint(EolSteps.certifications(Role.COLLECTION_POINT,
                    "shop", LedgerFixture.CERT_UNTIL));
            String pack = replacedBy(shop);
            f.runner.setTime(java.time.Instant.parse("2031-01-01T00:00:00Z"));

            Outcome out = f.submit(shop.as(Role.COLLECTION_POINT), Transactions.COLLECT, f.req("code", pack));

            assertRefused(out, LedgerError.NOT_CERTIFIED, "COLLECTION_POINT_FILING", "2031-01-01");
        }
    }

    @Nested
    class DeclareWaste {

        private Outcome declare(Party who, String code) {
            return f.submit(who, Transactions.DECLARE_WASTE, f.req("code", code, "reason", "thermal event"));
        }

        @Test
        void a_removed_pack_declared_waste_is_waste_with_eu_status_waste() {
            String pack = EolSteps.removedAtDismantler(f, 1);

            declare(f.dismantler, pack).expectOk();

            assertThat(status(f, pack)).isEqualTo("WASTE");
            assertThat(unit(f, pack).get("euStatus").asText()).isEqualTo("WASTE");
        }

        @Test
        void a_collected_pack_declared_waste_is_waste_with_eu_status_waste() {
            String pack = EolSteps.collectedAtDismantler(f, 1);

            Outcome out = declare(f.dismantler, pack).expectOk();

            assertThat(status(f, pack)).isEqualTo("WASTE");
            assertThat(unit(f, pack).get("euStatus").asText()).isEqualTo("WASTE");
            assertThat(out.event().get("details").get("reason").asText()).isEqualTo("thermal event");
        }

        @Test
        void a_tested_pack_not_suitable_for_second_life_is_declared_waste() {
            String pack = EolSteps.tested(f, 1);

            declare(f.cascadeOperator, pack).expectOk();

            assertThat(status(f, pack)).isEqualTo("WASTE");
            assertThat(unit(f, pack).get("euStatus").asText()).isEqualTo("WASTE");
        }

        @Test
        void a_pack_in_use_cannot_be_declared_waste() {
            String pack = f.code(f.batteryMaker, 'P', 1);
            f.packInUse(pack, 1);

            Outcome out = declare(f.automaker, pack);

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "DECLARE_WASTE", "IN_USE");
            assertThat(unit(f, pack).get("euStatus").asText()).isEqualTo("ORIGINAL");
        }

        @Test
        void a_reason_is_required() {
            String pack = EolSteps.collectedAtDismantler(f, 1);

            Outcome out = f.submit(f.dismantler, Transactions.DECLARE_WASTE, f.req("code", pack));

            assertRefused(out, LedgerError.INVALID_ARGUMENT, "field 'reason'");
        }
    }

    @Nested
    class StateOfHealthTests {

        @Test
        void a_certified_cascade_operator_records_state_of_health_and_the_unit_is_tested() {
            String pack = EolSteps.atCascadeOperator(f, 1);

            f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", pack, "result",
                    Map.of("sohPermille", 812, "standard", EolSteps.SOH_STANDARD, "cycleCount", 1450,
                            "remainingEnergyWh", 48_000))).expectOk();

            JsonNode u = unit(f, pack);
            assertThat(u.get("status").asText()).isEqualTo("TESTED");
            assertThat(u.get("stateOfHealth").get("sohPermille").asInt()).isEqualTo(812);
            assertThat(u.get("stateOfHealth").get("cycleCount").asInt()).isEqualTo(1450);
            assertThat(u.get("stateOfHealth").get("remainingEnergyWh").asLong()).isEqualTo(48_000L);
            assertThat(u.get("stateOfHealth").get("standard").asText()).isEqualTo(EolSteps.SOH_STANDARD);
        }

        @Test
        void a_cascade_operator_without_a_valid_white_list_entry_cannot_test() {
            String pack = EolSteps.atCascadeOperator(f, 1);
            EolSteps.recertify(f, f.cascadeOperator, CertificationType.WHITELIST, chinaToday().minusDays(1))
                    .expectOk();

            Outcome out = f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", pack, "result",
                    sohResult(780)));

            assertRefused(out, LedgerError.NOT_CERTIFIED, f.cascadeOperator.id(), "CASCADE_OPERATOR", "WHITELIST");
            assertThat(status(f, pack)).isEqualTo("AT_CASCADE_OPERATOR");
            assertThat(unit(f, pack).hasNonNull("stateOfHealth")).isFalse();
        }

        @Test
        void a_state_of_health_above_1000_per_mille_is_an_invalid_argument() {
            String pack = EolSteps.atCascadeOperator(f, 1);

            Outcome out = f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", pack, "result",
                    sohResult(1001)));

            assertRefused(out, LedgerError.INVALID_ARGUMENT, "result.sohPermille", "between 0 and 1000");
            assertThat(status(f, pack)).isEqualTo("AT_CASCADE_OPERATOR");
        }

        @Test
        void a_state_of_health_of_exactly_1000_per_mille_is_accepted() {
            String pack = EolSteps.atCascadeOperator(f, 1);

            f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", pack, "result", sohResult(1000)))
                    .expectOk();

            assertThat(unit(f, pack).get("stateOfHealth").get("sohPermille").asInt()).isEqualTo(1000);
        }

        @Test
        void a_tested_unit_can_be_tested_again_and_keeps_the_latest_result() {
            String pack = EolSteps.tested(f, 1);

            f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", pack, "result", sohResult(640)))
                    .expectOk();

            assertThat(status(f, pack)).isEqualTo("TESTED");
            assertThat(unit(f, pack).get("stateOfHealth").get("sohPermille").asInt()).isEqualTo(640);
        }

        @Test
        void a_collected_pack_still_at_the_dismantler_cannot_be_tested() {
            String pack = EolSteps.collectedAtDismantler(f, 1);

            Outcome out = f.submit(f.dismantler, Transactions.TEST, f.req("code", pack, "result", sohResult(700)));

            assertRefused(out, LedgerError.FORBIDDEN, "role DISMANTLER may not TEST");
        }
    }

    @Nested
    class Dismantle {

        private Outcome dismantle(Party who, String pack) {
            return f.submit(who, Transactions.DISMANTLE, f.req("code", pack));
        }

        @Test
        void modules_registered_with_their_pack_are_bound_to_it() {
            List<String> codes = EolSteps.registerPackWithModules(f, 1);

            assertThat(unit(f, codes.get(0)).get("children")).extracting(JsonNode::asText)
                    .containsExactly(codes.get(1), codes.get(2));
            assertThat(unit(f, codes.get(1)).get("parent").asText()).isEqualTo(codes.get(0));
        }

        @Test
        void dismantling_at_the_cascade_operator_detaches_the_modules_into_the_parents_custody_and_state() {
            List<String> codes = EolSteps.packWithModulesCollected(f, 1);
            String pack = codes.get(0);
            f.handOver(f.dismantler, f.cascadeOperator, pack);

            Outcome out = dismantle(f.cascadeOperator, pack).expectOk();

            assertThat(unit(f, pack).get("children")).isEmpty();
            for (String module : codes.subList(1, 3)) {
                JsonNode m = unit(f, module);
                assertThat(m.hasNonNull("parent")).as(module).isFalse();
                assertThat(m.get("holder").asText()).as(module).isEqualTo(f.cascadeOperator.id());
                assertThat(m.get("responsible").asText()).as(module).isEqualTo(f.automaker.id());
                assertThat(m.get("responsibleBasis").asText()).as(module).isEqualTo("AUTOMAKER");
                assertThat(m.get("status").asText()).as(module).isEqualTo("AT_CASCADE_OPERATOR");
            }
            assertThat(out.event().get("codes")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(codes);
        }

        @Test
        void dismantling_at_the_recycler_leaves_modules_at_the_recycler_as_waste() {
            List<String> codes = EolSteps.packWithModulesCollected(f, 1);
            String pack = codes.get(0);
            f.handOver(f.dismantler, f.recycler, pack);

            dismantle(f.recycler, pack).expectOk();

            for (String module : codes.subList(1, 3)) {
                JsonNode m = unit(f, module);
                assertThat(m.hasNonNull("parent")).as(module).isFalse();
                assertThat(m.get("holder").asText()).as(module).isEqualTo(f.recycler.id());
                assertThat(m.get("status").asText()).as(module).isEqualTo("AT_RECYCLER");
                assertThat(m.get("euStatus").asText()).as(module).isEqualTo("WASTE");
            }
        }

        @Test
        void a_detached_module_moves_on_its_own() {
            List<String> codes = EolSteps.packWithModulesCollected(f, 1);
            String pack = codes.get(0);
            String module = codes.get(1);
            f.handOver(f.dismantler, f.cascadeOperator, pack);
            dismantle(f.cascadeOperator, pack).expectOk();

            f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", module, "result", sohResult(850)))
                    .expectOk();
            f.handOver(f.cascadeOperator, f.recycler, codes.get(2));

            assertThat(status(f, module)).isEqualTo("TESTED");
            assertThat(status(f, codes.get(2))).isEqualTo("AT_RECYCLER");
            assertThat(holder(f, codes.get(2))).isEqualTo(f.recycler.id());
            assertThat(status(f, pack)).isEqualTo("AT_CASCADE_OPERATOR");
        }

        @Test
        void dismantling_only_the_listed_children_keeps_the_others_bound() {
            List<String> codes = EolSteps.packWithModulesCollected(f, 1);
            String pack = codes.get(0);
            f.handOver(f.dismantler, f.recycler, pack);

            f.submit(f.recycler, Transactions.DISMANTLE, f.req("code", pack, "children", List.of(codes.get(1))))
                    .expectOk();

            assertThat(unit(f, pack).get("children")).extracting(JsonNode::asText).containsExactly(codes.get(2));
            assertThat(unit(f, codes.get(1)).hasNonNull("parent")).isFalse();
            assertThat(unit(f, codes.get(2)).get("parent").asText()).isEqualTo(pack);
        }

        @Test
        void the_dismantler_dismantles_a_collected_pack_it_holds() {
            List<String> codes = EolSteps.packWithModulesCollected(f, 1);

            dismantle(f.dismantler, codes.get(0)).expectOk();

            assertThat(status(f, codes.get(1))).isEqualTo("COLLECTED");
            assertThat(holder(f, codes.get(1))).isEqualTo(f.dismantler.id());
        }

        @Test
        void a_collection_point_may_not_dismantle() {
            List<String> codes = EolSteps.packWithModulesCollected(f, 1);
            String pack = codes.get(0);
            f.handOver(f.dismantler, f.collectionPoint, pack);

            Outcome out = dismantle(f.collectionPoint, pack);

            assertRefused(out, LedgerError.FORBIDDEN, "role COLLECTION_POINT may not DISMANTLE");
            assertThat(unit(f, pack).get("children")).hasSize(2);
        }

        @Test
        void a_pack_without_children_cannot_be_dismantled() {
            String pack = EolSteps.atRecycler(f, 1);

            Outcome out = dismantle(f.recycler, pack);

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "no children to detach");
        }

        @Test
        void a_pack_with_a_pending_handover_cannot_be_dismantled() {
            List<String> codes = EolSteps.packWithModulesCollected(f, 1);
            String pack = codes.get(0);
            f.submit(f.dismantler, Transactions.OFFER_HANDOVER, f.req("codes", List.of(pack), "to", f.recycler.id()))
                    .expectOk();

            Outcome out = dismantle(f.dismantler, pack);

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "pending handover");
        }

        @Test
        void a_bound_module_cannot_be_shipped_alone_by_its_maker() {
            List<String> codes = EolSteps.registerPackWithModules(f, 1);

            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", codes.get(1)));

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "inside " + codes.get(0), "dismantle " + codes.get(0));
        }

        @Test
        void a_bound_module_cannot_be_offered_alone_by_its_maker() {
            List<String> codes = EolSteps.registerPackWithModules(f, 1);

            Outcome out = f.submit(f.batteryMaker, Transactions.OFFER_HANDOVER,
                    f.req("codes", List.of(codes.get(1)), "to", f.automaker.id()));

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "inside " + codes.get(0));
        }

        @Test
        void a_bound_module_cannot_be_tested_alone_before_dismantling() {
            List<String> codes = EolSteps.packWithModulesCollected(f, 1);
            f.handOver(f.dismantler, f.cascadeOperator, codes.get(0));

            Outcome out = f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", codes.get(1), "result",
                    sohResult(800)));

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "inside " + codes.get(0));
        }

        @Test
        void a_bound_modules_holder_follows_its_pack() {
            List<String> codes = EolSteps.packWithModulesCollected(f, 1);
            f.handOver(f.dismantler, f.cascadeOperator, codes.get(0));

            assertThat(holder(f, codes.get(1))).isEqualTo(f.cascadeOperator.id());
        }
    }
}
