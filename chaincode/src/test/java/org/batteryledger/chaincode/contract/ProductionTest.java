package org.batteryledger.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Battery makers' writes: RegisterUnits, BindChildren, AttachEuId, Ship (domain.md §6.3, §6.4). */
class ProductionTest {

    private final LedgerFixture f = LedgerFixture.withConsortium();

    private final String pack = f.code(f.batteryMaker, 'P', 1);
    private final String module = f.code(f.batteryMaker, 'M', 1);
    private final String cell = f.code(f.batteryMaker, 'C', 1);

    private JsonNode unit(String code) {
        return f.unit(f.regulator, code);
    }

    private Outcome registerWithChildren(List<Map<String, Object>> units) {
        return f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, f.req("units", units));
    }

    private Outcome bind(String parent, String... children) {
        return f.submit(f.batteryMaker, Transactions.BIND_CHILDREN,
                f.req("parent", parent, "children", List.of(children)));
    }

    @Nested
    class RegisterUnits {
        @Test
        void registers_one_unit_as_produced_held_and_answered_for_by_its_maker() {
            Outcome out = f.registerUnits(f.batteryMaker, pack);

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.json().get("codes")).extracting(JsonNode::asText).containsExactly(pack);
            JsonNode u = unit(pack);
            assertThat(u.get("status").asText()).isEqualTo("PRODUCED");
            assertThat(u.get("level").asText()).isEqualTo("PACK");
            assertThat(u.get("euStatus").asText()).isEqualTo("ORIGINAL");
            assertThat(u.get("holder").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(u.get("registeredBy").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(u.get("responsible").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(u.get("responsibleBasis").asText()).isEqualTo("BATTERY_MAKER");
            assertThat(u.get("version").asLong()).isEqualTo(1);
        }

        @Test
        void registers_a_production_batch_in_one_transaction() {
            List<String> batch = new ArrayList<>();
            for (int serial = 1; serial <= 20; serial++) {
                batch.add(f.code(f.batteryMaker, 'C', serial));
            }

            Outcome out = f.registerUnits(f.batteryMaker, batch.toArray(String[]::new));

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.json().get("codes")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(batch);
            assertThat(out.event().get("details").get("count").asText()).isEqualTo("20");
            assertThat(batch).allSatisfy(c -> assertThat(unit(c).get("status").asText()).isEqualTo("PRODUCED"));
        }

        @Test
        void registers_under_any_prefix_the_maker_owns() {
            String second = "A1C" + pack.substring(3);

            Outcome out = f.registerUnits(f.batteryMaker, second);

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(unit(second).get("manufacturerCode").asText()).isEqualTo("A1C");
        }

        @Test
        void links_pack_module_and_cell_in_one_request() {
            Outcome out = registerWithChildren(List.of(
                    Map.of("code", pack, "children", List.of(module)),
                    Map.of("code", module, "children", List.of(cell)),
                    Map.of("code", cell)));

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(unit(pack).get("children")).extracting(JsonNode::asText).containsExactly(module);
            assertThat(unit(pack).has("parent")).isFalse();
            assertThat(unit(module).get("parent").asText()).isEqualTo(pack);
            assertThat(unit(module).get("children")).extracting(JsonNode::asText).containsExactly(cell);
            assertThat(unit(cell).get("parent").asText()).isEqualTo(module);
        }

        @Test
        void links_a_new_pack_to_a_module_already_on_the_ledger() {
            f.registerUnits(f.batteryMaker, module).expectOk();

            Outcome out = registerWithChildren(List.of(Map.of("code", pack, "children", List.of(module))));

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.json().get("codes")).extracting(JsonNode::asText).containsExactlyInAnyOrder(pack, module);
            assertThat(unit(module).get("parent").asText()).isEqualTo(pack);
        }

        @Test
        void a_cell_cannot_contain_anything() {
            String otherCell = f.code(f.batteryMaker, 'C', 2);

            Outcome out = registerWithChildren(List.of(
                    Map.of("code", cell, "children", List.of(otherCell)),
                    Map.of("code", otherCell)));

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("a CELL (" + cell + ") cannot contain a CELL");
            assertThat(f.evaluate(f.regulator, Transactions.GET_UNIT, cell).error()).contains(LedgerError.NOT_FOUND);
        }

        @Test
        void a_module_cannot_contain_a_pack() {
            Outcome out = registerWithChildren(List.of(
                    Map.of("code", module, "children", List.of(pack)),
                    Map.of("code", pack)));

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("a MODULE (" + module + ") cannot contain a PACK");
        }

        @Test
        void a_child_listed_under_two_parents_is_a_duplicate() {
            String secondPack = f.code(f.batteryMaker, 'P', 2);

            Outcome out = registerWithChildren(List.of(
                    Map.of("code", pack, "children", List.of(module)),
                    Map.of("code", secondPack, "children", List.of(module)),
                    Map.of("code", module)));

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("unit " + module + " is listed as a child of both");
            assertThat(f.evaluate(f.regulator, Transactions.GET_UNIT, pack).error()).contains(LedgerError.NOT_FOUND);
        }

        @Test
        void lists_every_bad_code_of_a_batch_with_its_position_and_registers_none() {
            String good = f.code(f.batteryMaker, 'P', 1);
            String tooShort = good.substring(0, 23);
            String badMonth = good.substring(0, 15) + "D" + good.substring(16);
            Map<String, String> before = Calls.state(f);

            Outcome out = f.registerUnits(f.batteryMaker, good, tooShort, f.code(f.batteryMaker, 'P', 2), badMonth);

            assertThat(out.error()).contains(LedgerError.INVALID_CODE);
            assertThat(out.message()).contains("units[1] " + tooShort + ": ").contains("units[3] " + badMonth + ": ")
                    .contains("position 16 (production month)");
            assertThat(out.message()).doesNotContain("units[0]").doesNotContain("units[2]");
            assertThat(Calls.state(f)).isEqualTo(before);
        }

        @Test
        void rejects_a_code_under_another_makers_prefix() {
            String foreign = f.code(f.otherMaker, 'P', 1);

            Outcome out = f.registerUnits(f.batteryMaker, foreign);

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("manufacturer code Z9Z (positions 1-3) is not assigned to "
                    + f.batteryMaker.id());
            assertThat(f.evaluate(f.regulator, Transactions.GET_UNIT, foreign).error()).contains(LedgerError.NOT_FOUND);
        }

        @Test
        void rejects_a_code_that_is_already_registered() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            Map<String, String> before = Calls.state(f);

            Outcome out = f.registerUnits(f.batteryMaker, f.code(f.batteryMaker, 'P', 2), pack);

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("unit " + pack + " is already registered");
            assertThat(Calls.state(f)).isEqualTo(before);
        }

        @Test
        void rejects_the_same_code_twice_in_one_request() {
            Outcome out = f.registerUnits(f.batteryMaker, pack, pack);

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("appears twice in the request");
        }

        @Test
        void refuses_the_nineteen_character_cascade_form_for_battery_makers() {
            String cascade = f.cascadeCode(f.batteryMaker, 'P', 1);

            Outcome out = f.registerUnits(f.batteryMaker, cascade);

            assertThat(out.error()).contains(LedgerError.INVALID_CODE);
            assertThat(out.message()).contains("19-character cascade form is given to repurposed successors only");
            assertThat(f.evaluate(f.regulator, Transactions.GET_UNIT, cascade).error()).contains(LedgerError.NOT_FOUND);
        }

        @Test
        void rejects_more_than_five_hundred_units_in_one_request() {
            String[] codes = new String[501];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = f.code(f.batteryMaker, 'C', i + 1);
            }

            Outcome out = f.registerUnits(f.batteryMaker, codes);

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'units': takes at most 500 entries");
        }

        @Test
        void accepts_exactly_five_hundred_units_in_one_request() {
            String[] codes = new String[500];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = f.code(f.batteryMaker, 'C', i + 1);
            }

            Outcome out = f.registerUnits(f.batteryMaker, codes);

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.json().get("codes")).hasSize(500);
        }

        @Test
        void rejects_a_production_date_after_the_transaction_time() {
            f.runner.setTime(Instant.parse("2026-01-10T00:00:00Z"));

            Outcome out = f.registerUnits(f.batteryMaker, pack);

            assertThat(out.error()).contains(LedgerError.INVALID_CODE);
            assertThat(out.message()).contains("units[0] " + pack).contains("production date")
                    .contains("2026-01-15 is after 2026-01-10");
        }

        @Test
        void accepts_a_unit_made_today_in_the_earliest_time_zone() {
            f.runner.setTime(Instant.parse("2026-01-14T10:00:00Z"));

            Outcome out = f.registerUnits(f.batteryMaker, pack);

            assertThat(out.ok()).as(out.message()).isTrue();
        }

        @Test
        void rejects_an_empty_batch() {
            Outcome out = f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, f.req("units", List.of()));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'units': needs at least one entry");
        }

        @Test
        void is_forbidden_to_roles_other_than_battery_maker() {
            Outcome out = f.submit(f.cascadeOperator, Transactions.REGISTER_UNITS,
                    f.req("units", List.of(Map.of("code", f.code(f.cascadeOperator, 'P', 1)))));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("role CASCADE_OPERATOR may not REGISTER_UNITS");
        }
    }

    @Nested
    class BindChildren {
        @Test
        void binds_existing_modules_to_a_pack_registered_by_the_caller() {
            String module2 = f.code(f.batteryMaker, 'M', 2);
            f.registerUnits(f.batteryMaker, pack, module, module2).expectOk();

            Outcome out = bind(pack, module, module2);

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.eventName()).isEqualTo("ChildrenBound");
            assertThat(unit(pack).get("children")).extracting(JsonNode::asText).containsExactly(module, module2);
            assertThat(unit(module).get("parent").asText()).isEqualTo(pack);
            assertThat(unit(module2).get("parent").asText()).isEqualTo(pack);
        }

        @Test
        void is_forbidden_to_a_maker_that_did_not_register_the_parent() {
            String foreignModule = f.code(f.otherMaker, 'M', 1);
            f.registerUnits(f.batteryMaker, pack).expectOk();
            f.registerUnits(f.otherMaker, foreignModule).expectOk();

            Outcome out = f.submit(f.otherMaker, Transactions.BIND_CHILDREN,
                    f.req("parent", pack, "children", List.of(foreignModule)));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("unit " + pack + " was registered by " + f.batteryMaker.id()
                    + ", not by " + f.otherMaker.id());
            assertThat(unit(pack).get("children")).isEmpty();
        }

        @Test
        void needs_the_caller_to_hold_each_child() {
            String foreignModule = f.code(f.otherMaker, 'M', 1);
            f.registerUnits(f.batteryMaker, pack).expectOk();
            f.registerUnits(f.otherMaker, foreignModule).expectOk();

            Outcome out = bind(pack, foreignModule);

            assertThat(out.error()).contains(LedgerError.NOT_CUSTODIAN);
            assertThat(out.message()).contains("unit " + foreignModule + " is held by " + f.otherMaker.id());
            assertThat(unit(foreignModule).has("parent")).isFalse();
        }

        @Test
        void works_while_both_units_are_in_stock() {
            f.registerUnits(f.batteryMaker, pack, module).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", module)).expectOk();

            Outcome out = bind(pack, module);

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(unit(module).get("parent").asText()).isEqualTo(pack);
        }

        @Test
        void is_an_illegal_transition_once_the_parent_left_the_maker() {
            f.registerUnits(f.batteryMaker, module).expectOk();
            f.packInUse(pack, 1);

            Outcome out = bind(pack, module);

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("cannot BIND_CHILDREN unit " + pack + " in state IN_USE");
            assertThat(unit(module).has("parent")).isFalse();
        }

        @Test
        void is_an_illegal_transition_for_a_child_already_in_another_parent() {
            String pack2 = f.code(f.batteryMaker, 'P', 2);
            f.registerUnits(f.batteryMaker, pack, pack2, module).expectOk();
            bind(pack, module).expectOk();

            Outcome out = bind(pack2, module);

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("unit " + module + " is already part of " + pack);
        }

        @Test
        void listing_the_same_child_twice_in_one_request_is_refused_as_malformed() {
            f.registerUnits(f.batteryMaker, pack, module).expectOk();

            Outcome out = bind(pack, module, module);

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'children': lists a unit twice");
        }

        @Test
        void a_module_cannot_take_a_pack_as_child() {
            f.registerUnits(f.batteryMaker, pack, module).expectOk();

            Outcome out = bind(module, pack);

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("a MODULE (" + module + ") cannot contain a PACK");
        }

        @Test
        void refuses_a_child_that_is_offered_to_another_party() {
            f.registerUnits(f.batteryMaker, pack, module).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", module)).expectOk();
            f.submit(f.batteryMaker, Transactions.OFFER_HANDOVER,
                    f.req("codes", List.of(module), "to", f.automaker.id())).expectOk();

            Outcome out = bind(pack, module);

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("pending handover");
        }
    }

    @Nested
    class AttachEuId {
        private Outcome attach(String code, String euId) {
            return f.submit(f.batteryMaker, Transactions.ATTACH_EU_ID, f.req("code", code, "euUniqueId", euId));
        }

        @Test
        void attaches_the_eu_identifier_to_a_unit() {
            f.registerUnits(f.batteryMaker, pack).expectOk();

            Outcome out = attach(pack, "EU.1234-ABC/0001");

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(unit(pack).get("euUniqueId").asText()).isEqualTo("EU.1234-ABC/0001");
        }

        @Test
        void attaches_an_identifier_only_once() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            attach(pack, "EU0001").expectOk();

            Outcome out = attach(pack, "EU0002");

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("already carries EU identifier EU0001")
                    .contains("attributed once");
            assertThat(unit(pack).get("euUniqueId").asText()).isEqualTo("EU0001");
        }

        @Test
        void an_identifier_identifies_one_unit_only() {
            String pack2 = f.code(f.batteryMaker, 'P', 2);
            f.registerUnits(f.batteryMaker, pack, pack2).expectOk();
            attach(pack, "EU0001").expectOk();

            Outcome out = attach(pack2, "EU0001");

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("EU identifier EU0001 already identifies " + pack);
            assertThat(unit(pack2).has("euUniqueId")).isFalse();
        }

        @Test
        void an_identifier_given_at_registration_is_unique_too() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            attach(pack, "EU0001").expectOk();
            String pack2 = f.code(f.batteryMaker, 'P', 2);

            Outcome out = registerWithChildren(List.of(Map.of("code", pack2, "euUniqueId", "EU0001")));

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("EU identifier EU0001 already identifies " + pack);
        }

        @Test
        void rejects_an_identifier_outside_the_iso_iec_15459_character_set() {
            f.registerUnits(f.batteryMaker, pack).expectOk();

            Outcome out = attach(pack, "eu-lower-case");

            assertThat(out.error()).contains(LedgerError.INVALID_CODE);
            assertThat(out.message()).contains("EU unique identifier eu-lower-case");
            assertThat(unit(pack).has("euUniqueId")).isFalse();
        }

        @Test
        void is_forbidden_to_a_party_neither_creator_nor_responsible() {
            f.registerUnits(f.batteryMaker, pack).expectOk();

            Outcome out = f.submit(f.otherMaker, Transactions.ATTACH_EU_ID,
                    f.req("code", pack, "euUniqueId", "EU0001"));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("(creator) or").contains("(responsible) may do this");
        }
    }

    @Nested
    class Ship {
        private Outcome ship(String code) {
            return f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", code));
        }

        @Test
        void moves_a_produced_unit_in_stock() {
            f.registerUnits(f.batteryMaker, pack).expectOk();

            Outcome out = ship(pack);

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.eventName()).isEqualTo("UnitShipped");
            assertThat(unit(pack).get("status").asText()).isEqualTo("IN_STOCK");
            assertThat(unit(pack).get("holder").asText()).isEqualTo(f.batteryMaker.id());
        }

        @Test
        void is_for_the_holder_only() {
            f.registerUnits(f.batteryMaker, pack).expectOk();

            Outcome out = f.submit(f.otherMaker, Transactions.SHIP, f.req("code", pack));

            assertThat(out.error()).contains(LedgerError.NOT_CUSTODIAN);
            assertThat(out.message()).contains("unit " + pack + " is held by " + f.batteryMaker.id() + ", not by "
                    + f.otherMaker.id());
            assertThat(unit(pack).get("status").asText()).isEqualTo("PRODUCED");
        }

        @Test
        void shipping_twice_is_an_illegal_transition() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            ship(pack).expectOk();

            Outcome out = ship(pack);

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("cannot SHIP unit " + pack + " in state IN_STOCK");
        }

        @Test
        void a_module_inside_a_pack_moves_only_with_it() {
            registerWithChildren(List.of(Map.of("code", pack, "children", List.of(module)), Map.of("code", module)))
                    .expectOk();

            Outcome out = ship(module);

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("unit " + module + " is inside " + pack + " and moves with it");
        }

        @Test
        void an_unknown_unit_is_not_found() {
            Outcome out = ship(pack);

            assertThat(out.error()).contains(LedgerError.NOT_FOUND);
            assertThat(out.message()).contains("unit " + pack + " is not registered");
        }
    }
}
