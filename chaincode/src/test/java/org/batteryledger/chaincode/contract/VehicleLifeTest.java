package org.batteryledger.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.participant.Role;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A pack's life in a vehicle: Install, Sell, Repair, Replace, Swap, ScrapVehicle (domain.md §6.2, §6.4). */
class VehicleLifeTest {

    private final LedgerFixture f = LedgerFixture.withConsortium();

    private final String pack = f.code(f.batteryMaker, 'P', 1);
    private final String vin = LedgerFixture.vin(1);

    private JsonNode unit(String code) {
        return f.unit(f.regulator, code);
    }

    /** Registers and ships the packs, then hands them to {@code to}. */
    private void stock(Party to, String... packs) {
        f.registerUnits(f.batteryMaker, packs).expectOk();
        for (String p : packs) {
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", p)).expectOk();
        }
        f.handOver(f.batteryMaker, to, packs);
    }

    private Outcome install(Party automaker, String code, String vehicle, Integer maxPacks) {
        return f.submit(automaker, Transactions.INSTALL, maxPacks == null
                ? f.req("code", code, "vin", vehicle)
                : f.req("code", code, "vin", vehicle, "maxPacks", maxPacks));
    }

    private Outcome replace(Party by, String transaction, String old, String replacement) {
        return f.submit(by, transaction, replacement == null
                ? f.req("code", old)
                : f.req("code", old, "replacement", replacement));
    }

    private List<String> listByVin(String vehicle) {
        List<String> codes = new ArrayList<>();
        f.evaluate(f.regulator, Transactions.LIST_BY_VIN, vehicle, "100", "").json().get("items")
                .forEach(i -> codes.add(i.get("code").asText()));
        return codes;
    }

    @Nested
    class Install {
        @Test
        void binds_the_vin_and_makes_the_automaker_responsible() {
            stock(f.automaker, pack);

            Outcome out = install(f.automaker, pack, vin, null);

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.eventName()).isEqualTo("PackInstalled");
            JsonNode u = unit(pack);
            assertThat(u.get("status").asText()).isEqualTo("INSTALLED");
            assertThat(u.get("vin").asText()).isEqualTo(vin);
            JsonNode responsibility = f.evaluate(f.regulator, Transactions.GET_RESPONSIBILITY, pack).json();
            assertThat(responsibility.get("responsible").asText()).isEqualTo(f.automaker.id());
            assertThat(responsibility.get("basis").asText()).isEqualTo("AUTOMAKER");
            JsonNode vehicle = f.evaluate(f.regulator, Transactions.GET_VEHICLE, vin).json();
            assertThat(vehicle.get("automaker").asText()).isEqualTo(f.automaker.id());
            assertThat(vehicle.get("packs")).extracting(JsonNode::asText).containsExactly(pack);
        }

        @Test
        void rejects_a_vin_with_a_wrong_check_digit() {
            stock(f.automaker, pack);
            String badVin = vin.substring(0, 8) + (vin.charAt(8) == '1' ? '2' : '1') + vin.substring(9);

            Outcome out = install(f.automaker, pack, badVin, null);

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'vin'").contains("check digit (position 9)");
            assertThat(unit(pack).get("status").asText()).isEqualTo("IN_STOCK");
        }

        @Test
        void a_module_cannot_be_installed() {
            String module = f.code(f.batteryMaker, 'M', 1);
            stock(f.automaker, module);

            Outcome out = install(f.automaker, module, vin, null);

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("unit " + module + " is a MODULE; only packs are bound to vehicles");
        }

        @Test
        void needs_the_automaker_to_hold_the_pack() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();

            Outcome out = install(f.automaker, pack, vin, null);

            assertThat(out.error()).contains(LedgerError.NOT_CUSTODIAN);
            assertThat(out.message()).contains("is held by " + f.batteryMaker.id());
        }

        @Test
        void a_vehicle_takes_one_pack_unless_declared_otherwise() {
            String pack2 = f.code(f.batteryMaker, 'P', 2);
            stock(f.automaker, pack, pack2);
            install(f.automaker, pack, vin, null).expectOk();

            Outcome out = install(f.automaker, pack2, vin, null);

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("vehicle " + vin + " already holds 1 of 1 packs");
            assertThat(unit(pack2).get("status").asText()).isEqualTo("IN_STOCK");
        }

        @Test
        void respects_the_declared_number_of_packs() {
            String pack2 = f.code(f.batteryMaker, 'P', 2);
            String pack3 = f.code(f.batteryMaker, 'P', 3);
            stock(f.automaker, pack, pack2, pack3);
            install(f.automaker, pack, vin, 2).expectOk();
            install(f.automaker, pack2, vin, null).expectOk();

            Outcome out = install(f.automaker, pack3, vin, null);

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("already holds 2 of 2 packs");
            assertThat(f.evaluate(f.regulator, Transactions.GET_VEHICLE, vin).json().get("packs"))
                    .extracting(JsonNode::asText).containsExactlyInAnyOrder(pack, pack2);
        }

        @Test
        void rejects_a_declared_number_of_packs_outside_one_to_eight() {
            stock(f.automaker, pack);

            Outcome out = install(f.automaker, pack, vin, 9);

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'maxPacks': a vehicle takes 1 to 8 packs");
        }

        @Test
        void another_automaker_cannot_install_into_a_vin_it_does_not_own() {
            Party rival = Calls.registerParty(f, "000000000000401", "Rival Motors", "RivalMSP",
                    List.of(Role.AUTOMAKER));
            String pack2 = f.code(f.batteryMaker, 'P', 2);
            stock(f.automaker, pack);
            stock(rival, pack2);
            install(f.automaker, pack, vin, 2).expectOk();

            Outcome out = install(rival, pack2, vin, null);

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("vehicle " + vin + " belongs to automaker " + f.automaker.id());
            assertThat(unit(pack2).get("status").asText()).isEqualTo("IN_STOCK");
        }

        @Test
        void is_forbidden_to_a_battery_maker() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();

            Outcome out = install(f.batteryMaker, pack, vin, null);

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("role BATTERY_MAKER may not INSTALL");
        }

        @Test
        void refuses_a_pack_that_is_offered_to_another_party() {
            stock(f.automaker, pack);
            f.submit(f.automaker, Transactions.OFFER_HANDOVER, f.req("codes", List.of(pack), "to", f.repairer.id()))
                    .expectOk();

            Outcome out = install(f.automaker, pack, vin, null);

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("pending handover");
        }
    }

    @Nested
    class Sell {
        @Test
        void takes_every_pack_of_the_vehicle_in_use() {
            String pack2 = f.code(f.batteryMaker, 'P', 2);
            stock(f.automaker, pack, pack2);
            install(f.automaker, pack, vin, 2).expectOk();
            install(f.automaker, pack2, vin, null).expectOk();

            Outcome out = f.submit(f.automaker, Transactions.SELL, f.req("vin", vin));

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.json().get("codes")).extracting(JsonNode::asText).containsExactlyInAnyOrder(pack, pack2);
            assertThat(unit(pack).get("status").asText()).isEqualTo("IN_USE");
            assertThat(unit(pack2).get("status").asText()).isEqualTo("IN_USE");
            assertThat(f.evaluate(f.regulator, Transactions.GET_VEHICLE, vin).json().has("soldAt")).isTrue();
        }

        @Test
        void selling_twice_is_an_illegal_transition() {
            f.packInUse(pack, 1);

            Outcome out = f.submit(f.automaker, Transactions.SELL, f.req("vin", vin));

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("cannot SELL unit " + pack + " in state IN_USE");
        }

        @Test
        void only_the_vehicles_automaker_sells_it() {
            Party rival = Calls.registerParty(f, "000000000000402", "Rival Motors", "RivalMSP",
                    List.of(Role.AUTOMAKER));
            stock(f.automaker, pack);
            install(f.automaker, pack, vin, null).expectOk();

            Outcome out = f.submit(rival, Transactions.SELL, f.req("vin", vin));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("belongs to automaker " + f.automaker.id());
            assertThat(unit(pack).get("status").asText()).isEqualTo("INSTALLED");
        }

        @Test
        void an_unknown_vehicle_is_not_found() {
            Outcome out = f.submit(f.automaker, Transactions.SELL, f.req("vin", vin));

            assertThat(out.error()).contains(LedgerError.NOT_FOUND);
        }
    }

    @Nested
    class Repair {
        @Test
        void keeps_the_pack_in_use_and_records_the_repairer() {
            f.packInUse(pack, 1);

            Outcome out = f.submit(f.repairer, Transactions.REPAIR, f.req("code", pack, "note", "cooling pump"));

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.eventName()).isEqualTo("PackRepaired");
            JsonNode u = unit(pack);
            assertThat(u.get("status").asText()).isEqualTo("IN_USE");
            assertThat(u.get("holder").asText()).isEqualTo(f.automaker.id());
            assertThat(u.get("lastEvent").get("action").asText()).isEqualTo("REPAIR");
            assertThat(u.get("lastEvent").get("participant").asText()).isEqualTo(f.repairer.id());
            assertThat(u.get("lastEvent").get("role").asText()).isEqualTo("REPAIRER");
            assertThat(out.event().get("transitions")).isEmpty();
        }

        @Test
        void a_pack_not_in_use_cannot_be_repaired() {
            stock(f.automaker, pack);

            Outcome out = f.submit(f.repairer, Transactions.REPAIR, f.req("code", pack));

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("cannot REPAIR unit " + pack + " in state IN_STOCK");
        }

        @Test
        void is_forbidden_to_a_swap_operator() {
            f.packInUse(pack, 1);

            Outcome out = f.submit(f.swapOperator, Transactions.REPAIR, f.req("code", pack));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("role SWAP_OPERATOR may not REPAIR");
        }
    }

    @Nested
    class Replace {
        private final String fresh = f.code(f.batteryMaker, 'P', 2);

        @Test
        void removes_the_old_pack_to_the_repairer_and_installs_the_replacement() {
            f.packInUse(pack, 1);
            stock(f.repairer, fresh);

            Outcome out = replace(f.repairer, Transactions.REPLACE, pack, fresh);

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.eventName()).isEqualTo("PackReplaced");
            JsonNode old = unit(pack);
            assertThat(old.get("status").asText()).isEqualTo("REMOVED");
            assertThat(old.get("holder").asText()).isEqualTo(f.repairer.id());
            assertThat(old.has("vin")).isFalse();
            JsonNode replacement = unit(fresh);
            assertThat(replacement.get("status").asText()).isEqualTo("IN_USE");
            assertThat(replacement.get("vin").asText()).isEqualTo(vin);
            assertThat(replacement.get("holder").asText()).isEqualTo(f.automaker.id());
            assertThat(replacement.get("responsible").asText()).isEqualTo(f.automaker.id());
            assertThat(replacement.get("euStatus").asText()).isEqualTo("ORIGINAL");
            assertThat(f.evaluate(f.regulator, Transactions.GET_VEHICLE, vin).json().get("packs"))
                    .extracting(JsonNode::asText).containsExactly(fresh);
        }

        @Test
        void a_replacement_that_was_removed_before_is_reused() {
            String otherVin = LedgerFixture.vin(2);
            f.packInUse(pack, 1);
            f.packInUse(fresh, 2);
            replace(f.repairer, Transactions.REPLACE, pack, null).expectOk();

            Outcome out = replace(f.repairer, Transactions.REPLACE, fresh, pack);

            assertThat(out.ok()).as(out.message()).isTrue();
            JsonNode reused = unit(pack);
            assertThat(reused.get("status").asText()).isEqualTo("IN_USE");
            assertThat(reused.get("vin").asText()).isEqualTo(otherVin);
            assertThat(reused.get("euStatus").asText()).isEqualTo("REUSED");
        }

        @Test
        void a_reused_pack_in_another_automakers_vehicle_makes_that_automaker_responsible() {
            Party rival = Calls.registerParty(f, "000000000000403", "Rival Motors", "RivalMSP",
                    List.of(Role.AUTOMAKER));
            String rivalPack = f.code(f.batteryMaker, 'P', 3);
            String rivalVin = LedgerFixture.vin(3);
            f.packInUse(pack, 1);
            stock(rival, rivalPack);
            f.submit(rival, Transactions.INSTALL, f.req("code", rivalPack, "vin", rivalVin)).expectOk();
            f.submit(rival, Transactions.SELL, f.req("vin", rivalVin)).expectOk();
            replace(f.repairer, Transactions.REPLACE, pack, null).expectOk();

            Outcome out = replace(f.repairer, Transactions.REPLACE, rivalPack, pack);

            assertThat(out.ok()).as(out.message()).isTrue();
            JsonNode reused = unit(pack);
            assertThat(reused.get("holder").asText()).isEqualTo(rival.id());
            assertThat(reused.get("responsible").asText()).isEqualTo(rival.id());
        }

        @Test
        void the_replacement_must_be_held_by_the_repairer() {
            f.packInUse(pack, 1);
            f.registerUnits(f.batteryMaker, fresh).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", fresh)).expectOk();
            Map<String, String> before = Calls.state(f);

            Outcome out = replace(f.repairer, Transactions.REPLACE, pack, fresh);

            assertThat(out.error()).contains(LedgerError.NOT_CUSTODIAN);
            assertThat(out.message()).contains("unit " + fresh + " is held by " + f.batteryMaker.id());
            assertThat(Calls.state(f)).isEqualTo(before);
        }

        @Test
        void a_pack_that_is_not_in_a_vehicle_cannot_be_replaced() {
            stock(f.repairer, fresh);

            Outcome out = replace(f.repairer, Transactions.REPLACE, fresh, null);

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("cannot REPLACE unit " + fresh + " in state IN_STOCK");
        }

        @Test
        void keeps_the_replaced_pack_in_the_vin_history() {
            f.packInUse(pack, 1);
            stock(f.repairer, fresh);

            replace(f.repairer, Transactions.REPLACE, pack, fresh).expectOk();

            assertThat(listByVin(vin)).containsExactlyInAnyOrder(pack, fresh);
        }
    }

    @Nested
    class Swap {
        private final String fresh = f.code(f.batteryMaker, 'P', 2);

        @Test
        void a_swap_operator_swaps_a_pack() {
            f.packInUse(pack, 1);
            stock(f.swapOperator, fresh);

            Outcome out = replace(f.swapOperator, Transactions.SWAP, pack, fresh);

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.eventName()).isEqualTo("PackSwapped");
            assertThat(unit(pack).get("status").asText()).isEqualTo("REMOVED");
            assertThat(unit(pack).get("holder").asText()).isEqualTo(f.swapOperator.id());
            assertThat(unit(fresh).get("status").asText()).isEqualTo("IN_USE");
            assertThat(unit(fresh).get("vin").asText()).isEqualTo(vin);
        }

        @Test
        void a_repairer_may_not_swap() {
            f.packInUse(pack, 1);
            stock(f.repairer, fresh);
            Map<String, String> before = Calls.state(f);

            Outcome out = replace(f.repairer, Transactions.SWAP, pack, fresh);

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("role REPAIRER may not SWAP");
            assertThat(Calls.state(f)).isEqualTo(before);
        }
    }

    @Nested
    class ScrapVehicle {
        private Outcome scrap(List<String> present) {
            return f.submit(f.dismantler, Transactions.SCRAP_VEHICLE,
                    f.req("vin", vin, "presentCodes", present, "certificateNumber", "CERT-1"));
        }

        @Test
        void without_the_bound_pack_is_battery_missing_and_changes_nothing() {
            f.packInUse(pack, 1);
            Map<String, String> before = Calls.state(f);
            List<String> eventsBefore = Calls.events(f);

            Outcome out = scrap(List.of());

            assertThat(out.error()).contains(LedgerError.BATTERY_MISSING);
            assertThat(out.message()).contains("vehicle " + vin + " is scrapped without its bound pack(s) [" + pack
                    + "]");
            assertThat(Calls.state(f)).isEqualTo(before);
            assertThat(Calls.events(f)).isEqualTo(eventsBefore);
        }

        @Test
        void with_the_pack_present_makes_the_dismantler_its_holder() {
            f.packInUse(pack, 1);

            Outcome out = scrap(List.of(pack));

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.eventName()).isEqualTo("VehicleScrapped");
            JsonNode u = unit(pack);
            assertThat(u.get("holder").asText()).isEqualTo(f.dismantler.id());
            assertThat(u.get("status").asText()).isEqualTo("IN_USE");
            JsonNode vehicle = f.evaluate(f.regulator, Transactions.GET_VEHICLE, vin).json();
            assertThat(vehicle.get("scrappedBy").asText()).isEqualTo(f.dismantler.id());
            assertThat(vehicle.get("scrapCertificate").asText()).isEqualTo("CERT-1");
        }

        @Test
        void presenting_a_pack_not_bound_to_the_vehicle_is_invalid() {
            f.packInUse(pack, 1);
            String stranger = f.code(f.batteryMaker, 'P', 9);

            Outcome out = scrap(List.of(pack, stranger));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'presentCodes': " + stranger + " is not bound to vehicle " + vin);
        }

        @Test
        void a_scrapped_vehicle_cannot_be_scrapped_again() {
            f.packInUse(pack, 1);
            scrap(List.of(pack)).expectOk();

            Outcome out = scrap(List.of(pack));

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("vehicle " + vin + " was scrapped on");
        }

        @Test
        void the_dismantler_then_removes_the_pack_from_the_vehicle() {
            f.packInUse(pack, 1);
            scrap(List.of(pack)).expectOk();

            Outcome out = f.submit(f.dismantler, Transactions.REMOVE, f.req("code", pack));

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(unit(pack).get("status").asText()).isEqualTo("REMOVED");
            assertThat(unit(pack).has("vin")).isFalse();
            assertThat(f.evaluate(f.regulator, Transactions.GET_VEHICLE, vin).json().get("packs")).isEmpty();
            assertThat(listByVin(vin)).containsExactly(pack);
        }

        @Test
        void removing_a_pack_from_a_vehicle_that_is_not_scrapped_is_an_illegal_transition() {
            Party group = Calls.registerParty(f, "000000000000404", "Integrated Group", "GroupMSP",
                    List.of(Role.AUTOMAKER, Role.DISMANTLER));
            stock(group, pack);
            install(group, pack, vin, null).expectOk();
            f.submit(group, Transactions.SELL, f.req("vin", vin)).expectOk();

            Outcome out = f.submit(group.as(Role.DISMANTLER), Transactions.REMOVE, f.req("code", pack));

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("pack " + pack + " is in vehicle " + vin
                    + ", which is not scrapped; use Replace or Swap");
            assertThat(unit(pack).get("status").asText()).isEqualTo("IN_USE");
        }

        @Test
        void is_forbidden_to_a_repairer() {
            f.packInUse(pack, 1);

            Outcome out = f.submit(f.repairer, Transactions.SCRAP_VEHICLE,
                    f.req("vin", vin, "presentCodes", List.of(pack), "certificateNumber", "CERT-1"));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("role REPAIRER may not SCRAP_VEHICLE");
        }
    }
}
