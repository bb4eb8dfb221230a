package org.batteryledger.chaincode.endoflife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.batteryledger.chaincode.endoflife.EolSteps.holder;
import static org.batteryledger.chaincode.endoflife.EolSteps.status;
import static org.batteryledger.chaincode.endoflife.EolSteps.unit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.testkit.InMemoryLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Two-step custody handovers (domain.md §6.3 "Any transfer", §6.4 Custody and Destination
 * eligibility): the holder offers to a named receiver, keeps the unit until that receiver
 * accepts, and waste goes only to certified recyclers or collection points.
 */
class CustodyTest {

    private LedgerFixture f;

    @BeforeEach
    void consortium() {
        f = LedgerFixture.withConsortium();
    }

    private Outcome offer(Party from, Party to, String... codes) {
        return f.submit(from, Transactions.OFFER_HANDOVER, f.req("codes", List.of(codes), "to", to.id()));
    }

    private Outcome answer(Party who, String tx, String... codes) {
        return f.submit(who, tx, f.req("codes", List.of(codes), "reason", "test"));
    }

    private static void assertRefused(Outcome out, LedgerError code, String... ruleWords) {
        assertThat(out.ok()).as("refused: %s", out.message()).isFalse();
        assertThat(out.error()).as(out.message()).contains(code);
        assertThat(out.message()).contains(ruleWords);
    }

    @Nested
    class OfferHandover {

        @Test
        void an_offer_leaves_the_sender_as_holder_until_acceptance() {
            String pack = EolSteps.inStock(f, 1);

            offer(f.batteryMaker, f.automaker, pack).expectOk();

            JsonNode u = unit(f, pack);
            assertThat(u.get("holder").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(u.get("pendingHandover").get("to").asText()).isEqualTo(f.automaker.id());
            assertThat(u.get("pendingHandover").get("from").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(u.get("status").asText()).isEqualTo("IN_STOCK");
        }

        @Test
        void only_the_holder_offers() {
            String pack = EolSteps.inStock(f, 1);

            Outcome out = offer(f.automaker, f.repairer, pack);

            assertRefused(out, LedgerError.NOT_CUSTODIAN, "held by " + f.batteryMaker.id());
            assertThat(unit(f, pack).hasNonNull("pendingHandover")).isFalse();
        }

        @Test
        void a_second_offer_while_one_is_pending_is_an_illegal_transition() {
            String pack = EolSteps.inStock(f, 1);
            offer(f.batteryMaker, f.automaker, pack).expectOk();

            Outcome out = offer(f.batteryMaker, f.repairer, pack);

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "pending handover to " + f.automaker.id());
            assertThat(unit(f, pack).get("pendingHandover").get("to").asText()).isEqualTo(f.automaker.id());
        }

        @Test
        void an_offered_unit_is_frozen_until_the_offer_is_answered() {
            String pack = EolSteps.collectedAtDismantler(f, 1);
            offer(f.dismantler, f.cascadeOperator, pack).expectOk();

            Outcome out = f.submit(f.dismantler, Transactions.DECLARE_WASTE, f.req("code", pack, "reason", "late"));

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "pending handover to " + f.cascadeOperator.id());
            assertThat(status(f, pack)).isEqualTo("COLLECTED");
        }

        @Test
        void offering_to_oneself_is_an_invalid_argument() {
            String pack = EolSteps.inStock(f, 1);

            Outcome out = offer(f.batteryMaker, f.batteryMaker, pack);

            assertRefused(out, LedgerError.INVALID_ARGUMENT, "'to'", "cannot be handed to its holder");
        }

        @Test
        void offering_to_a_suspended_company_is_forbidden() {
            String pack = EolSteps.inStock(f, 1);
            f.submit(f.regulator, Transactions.SUSPEND_PARTICIPANT,
                    f.req("participantId", f.automaker.id(), "reason", "licence audit")).expectOk();

            Outcome out = offer(f.batteryMaker, f.automaker, pack);

            assertRefused(out, LedgerError.FORBIDDEN, "receiver " + f.automaker.id(), "SUSPENDED");
            assertThat(unit(f, pack).hasNonNull("pendingHandover")).isFalse();
        }

        @Test
        void a_pack_in_use_cannot_be_offered() {
            String pack = f.code(f.batteryMaker, 'P', 1);
            f.packInUse(pack, 1);

            Outcome out = offer(f.automaker, f.repairer, pack);

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "OFFER_HANDOVER", "IN_USE");
        }

        @Test
        void a_multi_code_offer_and_its_acceptance_move_all_units_in_one_transaction() {
            String a = EolSteps.inStock(f, 1);
            String b = EolSteps.inStock(f, 2);
            int eventsBefore = f.runner.ledger().events().size();

            Outcome offered = offer(f.batteryMaker, f.automaker, a, b).expectOk();
            Outcome accepted = answer(f.automaker, Transactions.ACCEPT_HANDOVER, a, b).expectOk();

            assertThat(f.runner.ledger().events()).hasSize(eventsBefore + 2);
            assertThat(offered.event().get("codes")).extracting(JsonNode::asText).containsExactlyInAnyOrder(a, b);
            assertThat(accepted.eventName()).isEqualTo("HandoverAccepted");
            assertThat(accepted.event().get("codes")).extracting(JsonNode::asText).containsExactlyInAnyOrder(a, b);
            assertThat(holder(f, a)).isEqualTo(f.automaker.id());
            assertThat(holder(f, b)).isEqualTo(f.automaker.id());
        }

        @Test
        void a_multi_code_offer_with_one_unit_not_held_moves_none() {
            String mine = EolSteps.inStock(f, 1);
            String theirs = EolSteps.inStock(f, 2);
            f.handOver(f.batteryMaker, f.automaker, theirs);

            Outcome out = offer(f.batteryMaker, f.repairer, mine, theirs);

            assertRefused(out, LedgerError.NOT_CUSTODIAN, theirs);
            assertThat(unit(f, mine).hasNonNull("pendingHandover")).isFalse();
        }
    }

    @Nested
    class AnswerAndCancel {

        @Test
        void only_the_named_receiver_accepts() {
            String pack = EolSteps.inStock(f, 1);
            offer(f.batteryMaker, f.automaker, pack).expectOk();

            Outcome out = answer(f.repairer, Transactions.ACCEPT_HANDOVER, pack);

            assertRefused(out, LedgerError.FORBIDDEN, "offered to " + f.automaker.id(), "not to " + f.repairer.id());
            assertThat(holder(f, pack)).isEqualTo(f.batteryMaker.id());
        }

        @Test
        void only_the_named_receiver_rejects() {
            String pack = EolSteps.inStock(f, 1);
            offer(f.batteryMaker, f.automaker, pack).expectOk();

            Outcome out = answer(f.repairer, Transactions.REJECT_HANDOVER, pack);

            assertRefused(out, LedgerError.FORBIDDEN, "offered to " + f.automaker.id());
            assertThat(unit(f, pack).get("pendingHandover").get("to").asText()).isEqualTo(f.automaker.id());
        }

        @Test
        void acceptance_by_the_named_receiver_moves_custody_and_clears_the_offer() {
            String pack = EolSteps.inStock(f, 1);
            offer(f.batteryMaker, f.automaker, pack).expectOk();

            answer(f.automaker, Transactions.ACCEPT_HANDOVER, pack).expectOk();

            JsonNode u = unit(f, pack);
            assertThat(u.get("holder").asText()).isEqualTo(f.automaker.id());
            assertThat(u.hasNonNull("pendingHandover")).isFalse();
        }

        @Test
        void only_the_holder_cancels() {
            String pack = EolSteps.inStock(f, 1);
            offer(f.batteryMaker, f.automaker, pack).expectOk();

            Outcome out = answer(f.automaker, Transactions.CANCEL_HANDOVER, pack);

            assertRefused(out, LedgerError.NOT_CUSTODIAN, "held by " + f.batteryMaker.id());
            assertThat(unit(f, pack).get("pendingHandover").get("to").asText()).isEqualTo(f.automaker.id());
        }

        @Test
        void rejection_clears_the_offer_and_keeps_the_holder() {
            String pack = EolSteps.inStock(f, 1);
            offer(f.batteryMaker, f.automaker, pack).expectOk();

            answer(f.automaker, Transactions.REJECT_HANDOVER, pack).expectOk();

            JsonNode u = unit(f, pack);
            assertThat(u.get("holder").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(u.hasNonNull("pendingHandover")).isFalse();
            assertThat(answer(f.automaker, Transactions.ACCEPT_HANDOVER, pack).error())
                    .contains(LedgerError.ILLEGAL_TRANSITION);
        }

        @Test
        void cancellation_clears_the_offer_and_keeps_the_holder() {
            String pack = EolSteps.inStock(f, 1);
            offer(f.batteryMaker, f.automaker, pack).expectOk();

            answer(f.batteryMaker, Transactions.CANCEL_HANDOVER, pack).expectOk();

            JsonNode u = unit(f, pack);
            assertThat(u.get("holder").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(u.hasNonNull("pendingHandover")).isFalse();
            Outcome late = answer(f.automaker, Transactions.ACCEPT_HANDOVER, pack);
            assertRefused(late, LedgerError.ILLEGAL_TRANSITION, "no pending handover");
        }

        @Test
        void cancelling_without_a_pending_offer_is_an_illegal_transition() {
            String pack = EolSteps.inStock(f, 1);

            Outcome out = answer(f.batteryMaker, Transactions.CANCEL_HANDOVER, pack);

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "no pending handover");
        }
    }

    @Nested
    class DestinationEligibility {

        private String wasteAtDismantler() {
            String pack = EolSteps.collectedAtDismantler(f, 1);
            f.submit(f.dismantler, Transactions.DECLARE_WASTE, f.req("code", pack, "reason", "swollen cells"))
                    .expectOk();
            return pack;
        }

        @Test
        void waste_goes_only_to_a_certified_recycler_or_collection_point_not_to_an_automaker() {
            String pack = wasteAtDismantler();

            Outcome out = offer(f.dismantler, f.automaker, pack);

            assertRefused(out, LedgerError.NOT_CERTIFIED, "waste unit " + pack,
                    "may only go to a recycler or collection point", f.automaker.id());
            assertThat(unit(f, pack).hasNonNull("pendingHandover")).isFalse();
        }

        @Test
        void waste_does_not_go_to_a_cascade_operator() {
            String pack = wasteAtDismantler();

            Outcome out = offer(f.dismantler, f.cascadeOperator, pack);

            assertRefused(out, LedgerError.NOT_CERTIFIED, "may only go to a recycler or collection point",
                    f.cascadeOperator.id());
        }

        @Test
        void waste_does_not_go_to_a_recycler_whose_certifications_lapsed() {
            String pack = wasteAtDismantler();

            Outcome out = offer(f.dismantler, f.lapsedRecycler, pack);

            assertRefused(out, LedgerError.NOT_CERTIFIED, "valid certification", f.lapsedRecycler.id());
        }

        @Test
        void waste_accepted_by_a_certified_recycler_is_at_recycler_with_eu_status_waste() {
            String pack = wasteAtDismantler();

            offer(f.dismantler, f.recycler, pack).expectOk();
            answer(f.recycler, Transactions.ACCEPT_HANDOVER, pack).expectOk();

            JsonNode u = unit(f, pack);
            assertThat(u.get("status").asText()).isEqualTo("AT_RECYCLER");
            assertThat(u.get("euStatus").asText()).isEqualTo("WASTE");
            assertThat(u.get("holder").asText()).isEqualTo(f.recycler.id());
        }

        @Test
        void waste_goes_to_a_certified_collection_point() {
            String pack = wasteAtDismantler();

            offer(f.dismantler, f.collectionPoint, pack).expectOk();
            answer(f.collectionPoint, Transactions.ACCEPT_HANDOVER, pack).expectOk();

            assertThat(holder(f, pack)).isEqualTo(f.collectionPoint.id());
            assertThat(status(f, pack)).isEqualTo("WASTE");
        }

        @Test
        void a_collected_pack_accepted_by_a_recycler_becomes_waste_at_the_recycler() {
            String pack = EolSteps.collectedAtDismantler(f, 1);

            f.handOver(f.dismantler, f.recycler, pack);

            assertThat(status(f, pack)).isEqualTo("AT_RECYCLER");
            assertThat(unit(f, pack).get("euStatus").asText()).isEqualTo("WASTE");
        }

        @Test
        void a_collected_unit_accepted_by_a_cascade_operator_is_at_cascade_operator() {
            String pack = EolSteps.collectedAtDismantler(f, 1);

            f.handOver(f.dismantler, f.cascadeOperator, pack);

            assertThat(status(f, pack)).isEqualTo("AT_CASCADE_OPERATOR");
            assertThat(holder(f, pack)).isEqualTo(f.cascadeOperator.id());
            assertThat(unit(f, pack).get("euStatus").asText()).isEqualTo("ORIGINAL");
        }

        @Test
        void a_removed_unit_accepted_by_a_collection_point_is_collected() {
            String pack = EolSteps.removedAtDismantler(f, 1);

            f.handOver(f.dismantler, f.collectionPoint, pack);

            assertThat(status(f, pack)).isEqualTo("COLLECTED");
            assertThat(holder(f, pack)).isEqualTo(f.collectionPoint.id());
        }

        @Test
        void a_recycler_certificate_that_expires_between_offer_and_accept_fails_the_accept() {
            String pack = wasteAtDismantler();
            offer(f.dismantler, f.recycler, pack).expectOk();
            // CERT_UNTIL is 2030-12-31 (inclusive, China time); 2031-01-01T00:00Z is 08:00 on 1 January in China.
            f.runner.setTime(Instant.parse("2031-01-01T00:00:00Z"));

            Outcome out = answer(f.recycler, Transactions.ACCEPT_HANDOVER, pack);

            assertRefused(out, LedgerError.NOT_CERTIFIED, f.recycler.id(), "no valid", "2031-01-01");
            assertThat(holder(f, pack)).isEqualTo(f.dismantler.id());
            assertThat(unit(f, pack).get("pendingHandover").get("to").asText()).isEqualTo(f.recycler.id());
        }

        @Test
        void a_certificate_valid_through_the_day_of_acceptance_still_counts() {
            String pack = wasteAtDismantler();
            offer(f.dismantler, f.recycler, pack).expectOk();
            // 2030-12-31T15:59:59Z is 23:59:59 on 31 December in China: still the last valid day.
            f.runner.setTime(Instant.parse("2030-12-31T15:59:59Z"));

            answer(f.recycler, Transactions.ACCEPT_HANDOVER, pack).expectOk();

            assertThat(holder(f, pack)).isEqualTo(f.recycler.id());
        }

        @Test
        void a_white_list_entry_cut_short_between_offer_and_accept_fails_a_cascade_operators_accept() {
            String pack = EolSteps.collectedAtDismantler(f, 1);
            offer(f.dismantler, f.cascadeOperator, pack).expectOk();
            LocalDate today = LocalDate.ofInstant(f.runner.now(), java.time.ZoneOffset.ofHours(8));
            EolSteps.recertify(f, f.cascadeOperator, CertificationType.WHITELIST, today).expectOk();
            f.runner.advance(java.time.Duration.ofDays(1));

            Outcome out = answer(f.cascadeOperator, Transactions.ACCEPT_HANDOVER, pack);

            assertRefused(out, LedgerError.NOT_CERTIFIED, f.cascadeOperator.id(), "WHITELIST");
            assertThat(holder(f, pack)).isEqualTo(f.dismantler.id());
        }

        @Test
        void a_collection_point_without_a_filing_cannot_take_in_a_removed_pack() {
            Party bare = EolSteps.register(f, 1, "Unfiled Collection Point", "BareCollectMSP",
                    List.of(Role.COLLECTION_POINT), List.of(), List.of());
            String pack = EolSteps.removedAtDismantler(f, 1);
            offer(f.dismantler, bare, pack).expectOk();

            Outcome out = answer(bare, Transactions.ACCEPT_HANDOVER, pack);

            assertRefused(out, LedgerError.NOT_CERTIFIED, "COLLECTION_POINT_FILING");
            assertThat(holder(f, pack)).isEqualTo(f.dismantler.id());
        }
    }

    @Nested
    class CommercialTerms {

        private static final String TERMS = "{\"priceMinor\":125000,\"currency\":\"CNY\",\"contractRef\":\"C-1\"}";

        private Outcome offerWithTerms(String pack) {
            return f.submit(f.batteryMaker, Map.of("commercial", TERMS.getBytes(StandardCharsets.UTF_8)),
                    Transactions.OFFER_HANDOVER, f.req("codes", List.of(pack), "to", f.automaker.id()));
        }

        private static String key(String offerTxId) {
            return "commercial~" + offerTxId;
        }

        private static String collection(Party p) {
            return "_implicit_org_" + p.mspId();
        }

        @Test
        void commercial_terms_are_stored_in_both_parties_implicit_collections() {
            String pack = EolSteps.inStock(f, 1);

            Outcome out = offerWithTerms(pack).expectOk();

            InMemoryLedger ledger = f.runner.ledger();
            for (Party p : List.of(f.batteryMaker, f.automaker)) {
                byte[] stored = ledger.getPrivateData(collection(p), key(out.txId()));
                assertThat(stored).as("terms in %s", collection(p)).isNotNull();
                JsonNode terms = org.batteryledger.chaincode.json.Json.tree(new String(stored, StandardCharsets.UTF_8));
                assertThat(terms.get("priceMinor").asLong()).isEqualTo(125000L);
                assertThat(terms.get("currency").asText()).isEqualTo("CNY");
                assertThat(terms.get("contractRef").asText()).isEqualTo("C-1");
            }
            assertThat(ledger.getPrivateData(collection(f.repairer), key(out.txId()))).isNull();
        }

        @Test
        void only_the_sha256_of_the_terms_is_on_the_ledger() throws Exception {
            String pack = EolSteps.inStock(f, 1);

            Outcome out = offerWithTerms(pack).expectOk();

            byte[] stored = f.runner.ledger().getPrivateData(collection(f.batteryMaker), key(out.txId()));
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored));
            JsonNode pending = unit(f, pack).get("pendingHandover");
            assertThat(pending.get("commercialHash").asText()).isEqualTo(expected);
            assertThat(pending.get("offerTxId").asText()).isEqualTo(out.txId());
            assertThat(HexFormat.of().formatHex(
                    f.runner.ledger().getPrivateDataHash(collection(f.automaker), key(out.txId()))))
                    .isEqualTo(expected);
        }

        @Test
        void the_terms_never_appear_in_public_state_or_in_the_event() {
            String pack = EolSteps.inStock(f, 1);

            Outcome out = offerWithTerms(pack).expectOk();

            assertThat(out.eventJson()).doesNotContain("contractRef", "C-1", "125000", "CNY");
            assertThat(out.event().get("details").get("commercialHash").asText()).hasSize(64);
            for (var entry : f.runner.ledger().stateSnapshot().entrySet()) {
                String value = new String(entry.getValue(), StandardCharsets.UTF_8);
                assertThat(value).as("state key %s", entry.getKey())
                        .doesNotContain("contractRef", "\"C-1\"", "125000", "CNY");
            }
            for (var event : f.runner.ledger().events()) {
                assertThat(event.payload() == null ? "" : event.payloadUtf8()).doesNotContain("contractRef", "125000");
            }
        }

        @Test
        void the_commercial_hash_is_shown_to_the_regulator_but_not_to_the_trade() {
            String pack = EolSteps.inStock(f, 1);
            offerWithTerms(pack).expectOk();

            JsonNode asRegulator = f.unit(f.regulator, pack).get("pendingHandover");
            JsonNode asReceiver = f.unit(f.automaker, pack).get("pendingHandover");

            assertThat(asRegulator.get("commercialHash").asText()).matches("[0-9a-f]{64}");
            assertThat(asReceiver.get("to").asText()).isEqualTo(f.automaker.id());
            assertThat(asReceiver.has("commercialHash")).isFalse();
        }

        @Test
        void get_commercial_terms_returns_them_to_each_party() {
            String pack = EolSteps.inStock(f, 1);
            Outcome out = offerWithTerms(pack).expectOk();

            for (Party p : List.of(f.batteryMaker, f.automaker)) {
                JsonNode terms = f.evaluate(p, Transactions.GET_COMMERCIAL_TERMS, out.txId()).json();
                assertThat(terms.get("priceMinor").asLong()).as(p.name()).isEqualTo(125000L);
                assertThat(terms.get("contractRef").asText()).as(p.name()).isEqualTo("C-1");
            }
        }

        @Test
        void get_commercial_terms_finds_nothing_for_a_third_party() {
            String pack = EolSteps.inStock(f, 1);
            Outcome out = offerWithTerms(pack).expectOk();

            Outcome third = f.evaluate(f.repairer, Transactions.GET_COMMERCIAL_TERMS, out.txId());

            assertRefused(third, LedgerError.NOT_FOUND, "no commercial terms");
        }

        @Test
        void an_offer_without_terms_has_no_commercial_hash() {
            String pack = EolSteps.inStock(f, 1);

            offer(f.batteryMaker, f.automaker, pack).expectOk();

            assertThat(unit(f, pack).get("pendingHandover").hasNonNull("commercialHash")).isFalse();
        }
    }
}
