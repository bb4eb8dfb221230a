package org.batteryledger.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.testkit.InMemoryLedger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The write pipeline (tx/WriteTx): client event ids make writes idempotent; every accepted write
 * emits exactly one event with the full after-state; a rejected write leaves no trace.
 */
class IdempotencyAndEventsTest {

    private final LedgerFixture f = LedgerFixture.withConsortium();

    private final String pack = f.code(f.batteryMaker, 'P', 1);

    private Map<String, Object> registration(String clientEventId, String... codes) {
        List<Map<String, Object>> units = new ArrayList<>();
        for (String c : codes) {
            units.add(Map.of("code", c));
        }
        return Calls.raw("clientEventId", clientEventId, "units", units);
    }

    @Nested
    class Idempotency {
        @Test
        void a_repeated_write_returns_the_byte_identical_first_result() {
            Map<String, Object> request = registration("batch-42", pack);
            Outcome first = f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, request).expectOk();

            Outcome again = f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, request);

            assertThat(again.ok()).as(again.message()).isTrue();
            assertThat(again.payload()).isEqualTo(first.payload());
            assertThat(again.json().get("txId").asText()).isEqualTo(first.txId());
        }

        @Test
        void a_repeated_write_changes_no_world_state() {
            Map<String, Object> request = registration("batch-42", pack);
            f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, request).expectOk();
            Map<String, String> before = Calls.state(f);
            List<String> history = Calls.history(f, Keys.unit(pack));

            f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, request).expectOk();

            assertThat(Calls.state(f)).isEqualTo(before);
            assertThat(Calls.history(f, Keys.unit(pack))).isEqualTo(history);
        }

        @Test
        void a_repeated_write_emits_a_replayed_event_naming_the_first_transaction() {
            Map<String, Object> request = registration("batch-42", pack);
            Outcome first = f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, request).expectOk();
            int eventsBefore = f.runner.ledger().events().size();

            Outcome again = f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, request);

            assertThat(again.eventName()).isEqualTo("Replayed");
            assertThat(again.event().get("clientEventId").asText()).isEqualTo("batch-42");
            assertThat(again.event().get("participant").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(again.event().get("originalTxId").asText()).isEqualTo(first.txId());
            assertThat(f.runner.ledger().events()).hasSize(eventsBefore + 1);
        }

        @Test
        void a_replay_answers_even_after_the_state_moved_on() {
            Map<String, Object> ship = Calls.raw("clientEventId", "ship-1", "code", pack);
            f.registerUnits(f.batteryMaker, pack).expectOk();
            Outcome first = f.submit(f.batteryMaker, Transactions.SHIP, ship).expectOk();

            Outcome again = f.submit(f.batteryMaker, Transactions.SHIP, ship);

            assertThat(again.ok()).as(again.message()).isTrue();
            assertThat(again.payload()).isEqualTo(first.payload());
        }

        @Test
        void the_same_id_with_a_different_request_is_a_duplicate() {
            f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, registration("batch-42", pack)).expectOk();
            String other = f.code(f.batteryMaker, 'P', 2);
            Map<String, String> before = Calls.state(f);

            Outcome out = f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, registration("batch-42", other));

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("client event id batch-42 was already used by " + f.batteryMaker.id()
                    + " for another request");
            assertThat(Calls.state(f)).isEqualTo(before);
        }

        @Test
        void the_same_id_for_another_transaction_is_a_duplicate() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, Calls.raw("clientEventId", "op-1", "code", pack)).expectOk();

            Outcome out = f.submit(f.batteryMaker, Transactions.ATTACH_EU_ID,
                    Calls.raw("clientEventId", "op-1", "code", pack, "euUniqueId", "EU1"));

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("client event id op-1 was already used");
        }

        @Test
        void the_same_id_used_by_two_participants_is_independent() {
            String foreign = f.code(f.otherMaker, 'P', 1);
            f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, registration("shared-1", pack)).expectOk();

            Outcome out = f.submit(f.otherMaker, Transactions.REGISTER_UNITS, registration("shared-1", foreign));

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.eventName()).isEqualTo("UnitsRegistered");
            assertThat(out.json().get("codes")).extracting(JsonNode::asText).containsExactly(foreign);
            assertThat(f.unit(f.regulator, foreign).get("holder").asText()).isEqualTo(f.otherMaker.id());
        }

        @Test
        void a_rejected_write_does_not_use_up_its_client_event_id() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            Map<String, Object> early = Calls.raw("clientEventId", "retry-1", "code", f.code(f.batteryMaker, 'P', 2));
            f.submit(f.batteryMaker, Transactions.SHIP, early);
            f.registerUnits(f.batteryMaker, f.code(f.batteryMaker, 'P', 2)).expectOk();

            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP, early);

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.eventName()).isEqualTo("UnitShipped");
        }
    }

    @Nested
    class Events {
        @Test
        void a_successful_write_emits_exactly_one_event_named_after_its_action() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            int before = f.runner.ledger().events().size();

            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack));

            List<InMemoryLedger.CommittedEvent> events = f.runner.ledger().events();
            assertThat(events).hasSize(before + 1);
            assertThat(events.get(events.size() - 1).eventName()).isEqualTo(Action.SHIP.eventName());
            assertThat(events.get(events.size() - 1).txId()).isEqualTo(out.txId());
            assertThat(out.json().get("event").asText()).isEqualTo(Action.SHIP.eventName());
        }

        @Test
        void every_step_of_a_packs_life_emits_one_event_named_after_its_action() {
            int before = f.runner.ledger().events().size();

            String vin = f.packInUse(pack, 1);
            f.scrapAndCollect(pack, vin);

            List<String> names = f.runner.ledger().events().stream().skip(before)
                    .map(InMemoryLedger.CommittedEvent::eventName).toList();
            assertThat(names).containsExactly(Action.REGISTER_UNITS.eventName(), Action.SHIP.eventName(),
                    Action.OFFER_HANDOVER.eventName(), Action.ACCEPT_HANDOVER.eventName(),
                    Action.INSTALL.eventName(), Action.SELL.eventName(), Action.SCRAP_VEHICLE.eventName(),
                    Action.REMOVE.eventName(), Action.COLLECT.eventName());
        }

        @Test
        void the_event_carries_codes_transitions_and_the_full_after_state() {
            f.registerUnits(f.batteryMaker, pack).expectOk();

            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack));

            JsonNode event = out.event();
            assertThat(event.get("type").asText()).isEqualTo("SHIP");
            assertThat(event.get("participant").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(event.get("codes")).extracting(JsonNode::asText).containsExactly(pack);
            assertThat(event.get("transitions")).singleElement().satisfies(t -> {
                assertThat(t.get("code").asText()).isEqualTo(pack);
                assertThat(t.get("from").asText()).isEqualTo("PRODUCED");
                assertThat(t.get("to").asText()).isEqualTo("IN_STOCK");
            });
            JsonNode stored = Json.tree(new String(f.runner.ledger().getState(Keys.unit(pack)),
                    StandardCharsets.UTF_8));
            assertThat(event.get("units")).singleElement().isEqualTo(stored);
        }

        @Test
        void a_new_unit_has_a_transition_without_a_from_state() {
            Outcome out = f.registerUnits(f.batteryMaker, pack);

            assertThat(out.event().get("transitions")).singleElement().satisfies(t -> {
                assertThat(t.has("from")).isFalse();
                assertThat(t.get("to").asText()).isEqualTo("PRODUCED");
            });
        }

        @Test
        void a_sale_carries_a_transition_and_a_unit_for_every_pack_of_the_vehicle() {
            String pack2 = f.code(f.batteryMaker, 'P', 2);
            String vin = LedgerFixture.vin(1);
            f.registerUnits(f.batteryMaker, pack, pack2).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack2)).expectOk();
            f.handOver(f.batteryMaker, f.automaker, pack, pack2);
            f.submit(f.automaker, Transactions.INSTALL, f.req("code", pack, "vin", vin, "maxPacks", 2)).expectOk();
            f.submit(f.automaker, Transactions.INSTALL, f.req("code", pack2, "vin", vin)).expectOk();

            Outcome out = f.submit(f.automaker, Transactions.SELL, f.req("vin", vin));

            JsonNode event = out.event();
            assertThat(event.get("codes")).extracting(JsonNode::asText).containsExactly(pack, pack2);
            assertThat(event.get("transitions")).extracting(t -> t.get("from").asText() + ">" + t.get("to").asText())
                    .containsExactly("INSTALLED>IN_USE", "INSTALLED>IN_USE");
            assertThat(event.get("units")).extracting(u -> u.get("status").asText())
                    .containsExactly("IN_USE", "IN_USE");
            assertThat(event.get("vehicle").get("vin").asText()).isEqualTo(vin);
        }

        @Test
        void a_write_that_changes_no_status_has_no_transitions_but_carries_the_unit() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();

            Outcome out = f.submit(f.batteryMaker, Transactions.OFFER_HANDOVER,
                    f.req("codes", List.of(pack), "to", f.automaker.id()));

            assertThat(out.event().get("transitions")).isEmpty();
            assertThat(out.event().get("units")).singleElement()
                    .satisfies(u -> assertThat(u.get("pendingHandover").get("to").asText())
                            .isEqualTo(f.automaker.id()));
        }

        @Test
        void a_rejected_write_leaves_state_history_and_events_exactly_as_they_were() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();
            Map<String, String> state = Calls.state(f);
            List<String> history = Calls.history(f, Keys.unit(pack));
            List<String> events = Calls.events(f);

            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack));

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.eventName()).isNull();
            assertThat(Calls.state(f)).isEqualTo(state);
            assertThat(Calls.history(f, Keys.unit(pack))).isEqualTo(history);
            assertThat(Calls.events(f)).isEqualTo(events);
        }
    }

    @Nested
    class RequestValidation {
        @Test
        void a_missing_client_event_id_is_an_invalid_argument_naming_the_field() {
            f.registerUnits(f.batteryMaker, pack).expectOk();

            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP, Calls.raw("code", pack));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'clientEventId'");
        }

        @Test
        void a_client_event_id_with_forbidden_characters_is_an_invalid_argument() {
            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP,
                    Calls.raw("clientEventId", "has space", "code", pack));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'clientEventId': must be 1-128 characters");
        }

        @Test
        void an_unknown_json_field_is_an_invalid_argument_naming_the_field() {
            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack, "colour", "red"));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'colour' is not part of");
        }

        @Test
        void a_field_of_the_wrong_type_is_an_invalid_argument_naming_the_field() {
            Outcome out = f.submit(f.automaker, Transactions.INSTALL,
                    f.req("code", pack, "vin", LedgerFixture.vin(1), "maxPacks", "two"));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'maxPacks'");
        }

        @Test
        void a_body_that_is_not_json_is_an_invalid_argument() {
            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP, "{not json");

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("not valid JSON");
        }

        @Test
        void an_occurred_at_in_the_future_is_an_invalid_argument() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            Instant future = f.runner.now().plusSeconds(3600);

            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP,
                    f.req("code", pack, "occurredAt", future.toString()));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'occurredAt'").contains("is after the transaction time");
            assertThat(f.unit(f.regulator, pack).get("status").asText()).isEqualTo("PRODUCED");
        }

        @Test
        void an_occurred_at_before_2011_is_an_invalid_argument() {
            f.registerUnits(f.batteryMaker, pack).expectOk();

            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP,
                    f.req("code", pack, "occurredAt", "2010-12-31T00:00:00Z"));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'occurredAt'").contains("before 2011");
        }

        @Test
        void an_occurred_at_in_the_past_is_recorded_apart_from_the_transaction_time() {
            f.registerUnits(f.batteryMaker, pack).expectOk();
            Instant yesterday = f.runner.now().minusSeconds(86_400);

            Outcome out = f.submit(f.batteryMaker, Transactions.SHIP,
                    f.req("code", pack, "occurredAt", yesterday.toString()));

            JsonNode lastEvent = f.unit(f.regulator, pack).get("lastEvent");
            assertThat(Instant.parse(lastEvent.get("occurredAt").asText())).isEqualTo(yesterday);
            assertThat(Instant.parse(lastEvent.get("recordedAt").asText())).isAfter(yesterday);
            assertThat(Instant.parse(out.event().get("occurredAt").asText())).isEqualTo(yesterday);
        }
    }

    @Nested
    class StoredJson {
        @Test
        void a_stored_unit_has_alphabetically_sorted_keys_at_every_level() {
            f.packInUse(pack, 1);
            byte[] raw = f.runner.ledger().stateSnapshot().get(Keys.unit(pack));

            JsonNode stored = Json.tree(new String(raw, StandardCharsets.UTF_8));

            assertThat(stored.size()).isGreaterThan(10);
            assertSortedKeys(stored, "unit");
        }

        @Test
        void a_stored_participant_and_vehicle_have_alphabetically_sorted_keys() {
            String vin = f.packInUse(pack, 1);
            var snapshot = f.runner.ledger().stateSnapshot();

            JsonNode participant = Json.tree(new String(snapshot.get(Keys.participant(f.recycler.id())),
                    StandardCharsets.UTF_8));
            JsonNode vehicle = Json.tree(new String(snapshot.get(Keys.vehicle(vin)), StandardCharsets.UTF_8));

            assertSortedKeys(participant, "participant");
            assertSortedKeys(vehicle, "vehicle");
            assertThat(participant.get("certifications")).isNotEmpty();
        }

        private void assertSortedKeys(JsonNode node, String path) {
            if (node.isObject()) {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                assertThat(names).as("keys of %s", path).isSorted();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    assertSortedKeys(e.getValue(), path + "." + e.getKey());
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    assertSortedKeys(node.get(i), path + "[" + i + "]");
                }
            }
        }
    }
}
