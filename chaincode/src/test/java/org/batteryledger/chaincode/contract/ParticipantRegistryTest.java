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
import org.batteryledger.chaincode.participant.ParticipantInput;
import org.batteryledger.chaincode.participant.ParticipantRequests;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.testkit.TestIdentities;
import org.batteryledger.chaincode.testkit.TestIdentities.Identity;
import org.batteryledger.chaincode.testkit.TxRunner;
import org.hyperledger.fabric.contract.RouterInvoker;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The participant registry kept by the regulator (domain.md §6.1 Organization, §6.3). */
class ParticipantRegistryTest {

    private final LedgerFixture f = LedgerFixture.withConsortium();

    private ParticipantInput company(String id, String name, String msp, List<Role> roles, String... prefixes) {
        return new ParticipantInput(id, name, roles, msp, List.of(prefixes), List.of());
    }

    private Outcome register(Party by, ParticipantInput input) {
        return f.submit(by, Transactions.REGISTER_PARTICIPANT,
                new ParticipantRequests.Register(f.nextEventId(), null, input));
    }

    private JsonNode participant(String id) {
        return f.evaluate(f.regulator, Transactions.GET_PARTICIPANT, id).json();
    }

    private Outcome standing(Party by, String transaction, Party target, String reason) {
        return f.submit(by, transaction, f.req("participantId", target.id(), "reason", reason));
    }

    @Nested
    class Bootstrap {
        private final TxRunner runner = new TxRunner();
        private final RouterInvoker router = RouterInvoker.shared();
        private final String regulatorId = Calls.uscc("000000000000900");
        private final ParticipantInput regulator = new ParticipantInput(regulatorId, "Ministry",
                List.of(Role.REGULATOR), "MinistryMSP", List.of(), List.of());

        private Outcome bootstrap(Identity identity, ParticipantInput input) {
            return Calls.submitAs(runner, router, identity, Transactions.BOOTSTRAP,
                    new ParticipantRequests.Register("boot-" + System.nanoTime(), null, input));
        }

        @Test
        void an_empty_registry_is_bootstrapped_by_a_regulator_certificate_naming_itself() {
            Identity self = TestIdentities.member("MinistryMSP", regulatorId, "REGULATOR");

            Outcome out = bootstrap(self, regulator);

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.eventName()).isEqualTo("RegistryBootstrapped");
            JsonNode entry = Calls.evaluateAs(runner, router, self, Transactions.GET_PARTICIPANT, regulatorId).json();
            assertThat(entry.get("roles").get(0).asText()).isEqualTo("REGULATOR");
            assertThat(entry.get("status").asText()).isEqualTo("ACTIVE");
        }

        @Test
        void rejects_a_certificate_naming_another_participant() {
            Identity other = TestIdentities.member("MinistryMSP", Calls.uscc("000000000000901"), "REGULATOR");

            Outcome out = bootstrap(other, regulator);

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("bootstrap needs a certificate").contains("participant=" + regulatorId);
            assertThat(runner.ledger().stateSnapshot()).isEmpty();
        }

        @Test
        void rejects_a_certificate_that_does_not_claim_the_regulator_role() {
            Identity maker = TestIdentities.member("MinistryMSP", regulatorId, "BATTERY_MAKER");

            Outcome out = bootstrap(maker, regulator);

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("role=REGULATOR");
            assertThat(runner.ledger().stateSnapshot()).isEmpty();
        }

        @Test
        void rejects_a_certificate_of_another_msp() {
            Identity foreign = TestIdentities.member("OtherMSP", regulatorId, "REGULATOR");

            Outcome out = bootstrap(foreign, regulator);

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("certificate of MinistryMSP");
            assertThat(runner.ledger().stateSnapshot()).isEmpty();
        }

        @Test
        void rejects_a_first_participant_that_is_not_a_regulator() {
            ParticipantInput maker = new ParticipantInput(regulatorId, "Maker", List.of(Role.BATTERY_MAKER),
                    "MinistryMSP", List.of(), List.of());

            Outcome out = bootstrap(TestIdentities.member("MinistryMSP", regulatorId, "REGULATOR"), maker);

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("the first participant must be a regulator");
            assertThat(runner.ledger().stateSnapshot()).isEmpty();
        }

        @Test
        void happens_only_once_even_for_the_same_regulator() {
            Map<String, String> before = Calls.state(f);

            Outcome out = f.submit(f.regulator, Transactions.BOOTSTRAP,
                    new ParticipantRequests.Register(f.nextEventId(), null, f.input(f.regulator, List.of())));

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("already has its first regulator");
            assertThat(Calls.state(f)).isEqualTo(before);
        }

        @Test
        void happens_only_once_so_a_second_self_declared_regulator_is_refused() {
            Identity second = TestIdentities.member("MinistryMSP", regulatorId, "REGULATOR");

            Outcome out = Calls.submitAs(f, second, Transactions.BOOTSTRAP,
                    new ParticipantRequests.Register(f.nextEventId(), null, regulator));

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("already has its first regulator");
            assertThat(f.evaluate(f.regulator, Transactions.GET_PARTICIPANT, regulatorId).error())
                    .contains(LedgerError.NOT_FOUND);
        }
    }

    @Nested
    class Register {
        @Test
        void adds_a_company_with_its_roles_and_prefixes() {
            String id = Calls.uscc("000000000000100");

            Outcome out = register(f.regulator,
                    company(id, "New Cells", "NewMSP", List.of(Role.BATTERY_MAKER, Role.CASCADE_OPERATOR), "N1N"));

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(out.eventName()).isEqualTo("ParticipantRegistered");
            JsonNode entry = participant(id);
            assertThat(entry.get("name").asText()).isEqualTo("New Cells");
            assertThat(entry.get("mspId").asText()).isEqualTo("NewMSP");
            assertThat(entry.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(entry.get("roles")).extracting(JsonNode::asText)
                    .containsExactly("BATTERY_MAKER", "CASCADE_OPERATOR");
            assertThat(f.evaluate(f.regulator, Transactions.GET_PREFIX_OWNER, "N1N").json().get("participant").asText())
                    .isEqualTo(id);
        }

        @Test
        void a_registered_maker_can_register_units_under_its_new_prefix() {
            Party maker = Calls.registerParty(f, "000000000000101", "New Cells", "NewMSP", List.of(Role.BATTERY_MAKER),
                    "N2N");

            Outcome out = f.registerUnits(maker, f.code(maker, 'P', 1));

            assertThat(out.ok()).as(out.message()).isTrue();
        }

        @Test
        void rejects_a_company_id_that_is_already_registered() {
            Map<String, String> before = Calls.state(f);

            Outcome out = register(f.regulator,
                    company(f.batteryMaker.id(), "Impostor", "ImpostorMSP", List.of(Role.RECYCLER)));

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("participant " + f.batteryMaker.id() + " is already registered");
            assertThat(Calls.state(f)).isEqualTo(before);
        }

        @Test
        void rejects_a_prefix_owned_by_another_company() {
            String id = Calls.uscc("000000000000102");

            Outcome out = register(f.regulator,
                    company(id, "Copy Cells", "CopyMSP", List.of(Role.BATTERY_MAKER), "A1B"));

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("manufacturer code A1B is already assigned to " + f.batteryMaker.id());
            assertThat(f.evaluate(f.regulator, Transactions.GET_PARTICIPANT, id).error())
                    .contains(LedgerError.NOT_FOUND);
        }

        @Test
        void rejects_a_unified_social_credit_code_with_a_wrong_check_character() {
            String valid = Calls.uscc("000000000000103");
            String invalid = valid.substring(0, 17) + (valid.charAt(17) == 'A' ? 'B' : 'A');

            Outcome out = register(f.regulator, company(invalid, "Bad Id", "BadMSP", List.of(Role.RECYCLER)));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'participant.id'").contains("check character");
        }

        @Test
        void rejects_a_unified_social_credit_code_of_the_wrong_length() {
            Outcome out = register(f.regulator, company("91ABC", "Short Id", "ShortMSP", List.of(Role.RECYCLER)));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'participant.id'").contains("18 characters");
        }

        @Test
        void rejects_prefixes_for_a_company_that_is_neither_battery_maker_nor_cascade_operator() {
            String id = Calls.uscc("000000000000104");

            Outcome out = register(f.regulator, company(id, "Motors", "MotorsMSP", List.of(Role.AUTOMAKER), "M0T"));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'participant.prefixes'")
                    .contains("battery makers and cascade-use operators only");
        }

        @Test
        void accepts_prefixes_for_a_cascade_operator() {
            String id = Calls.uscc("000000000000105");

            Outcome out = register(f.regulator,
                    company(id, "Second Life", "SecondMSP", List.of(Role.CASCADE_OPERATOR), "S3L"));

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(participant(id).get("prefixes")).extracting(JsonNode::asText).containsExactly("S3L");
        }

        @Test
        void is_forbidden_to_anyone_but_a_regulator() {
            String id = Calls.uscc("000000000000106");

            Outcome out = register(f.batteryMaker, company(id, "Friend", "FriendMSP", List.of(Role.RECYCLER)));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("role BATTERY_MAKER may not REGISTER_PARTICIPANT");
            assertThat(f.evaluate(f.regulator, Transactions.GET_PARTICIPANT, id).error())
                    .contains(LedgerError.NOT_FOUND);
        }
    }

    @Nested
    class Update {
        @Test
        void replaces_name_roles_and_prefixes_and_frees_a_dropped_prefix() {
            ParticipantInput changed = company(f.batteryMaker.id(), "Ningde Cells Group", f.batteryMaker.mspId(),
                    List.of(Role.BATTERY_MAKER, Role.CASCADE_OPERATOR), "A1B", "B2B");

            Outcome out = f.submit(f.regulator, Transactions.UPDATE_PARTICIPANT,
                    new ParticipantRequests.Update(f.nextEventId(), null, changed));

            assertThat(out.ok()).as(out.message()).isTrue();
            JsonNode entry = participant(f.batteryMaker.id());
            assertThat(entry.get("name").asText()).isEqualTo("Ningde Cells Group");
            assertThat(entry.get("roles")).extracting(JsonNode::asText)
                    .containsExactly("BATTERY_MAKER", "CASCADE_OPERATOR");
            assertThat(entry.get("prefixes")).extracting(JsonNode::asText).containsExactly("A1B", "B2B");
            assertThat(f.evaluate(f.regulator, Transactions.GET_PREFIX_OWNER, "B2B").json().get("participant").asText())
                    .isEqualTo(f.batteryMaker.id());
            assertThat(f.evaluate(f.regulator, Transactions.GET_PREFIX_OWNER, "A1C").error())
                    .contains(LedgerError.NOT_FOUND);
        }

        @Test
        void rejects_a_prefix_owned_by_another_company() {
            ParticipantInput grab = company(f.batteryMaker.id(), "Ningde Cells", f.batteryMaker.mspId(),
                    List.of(Role.BATTERY_MAKER), "A1B", "Z9Z");

            Outcome out = f.submit(f.regulator, Transactions.UPDATE_PARTICIPANT,
                    new ParticipantRequests.Update(f.nextEventId(), null, grab));

            assertThat(out.error()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("manufacturer code Z9Z is already assigned to " + f.otherMaker.id());
        }

        @Test
        void rejects_an_unknown_company() {
            ParticipantInput ghost = company(Calls.uscc("000000000000107"), "Ghost", "GhostMSP",
                    List.of(Role.RECYCLER));

            Outcome out = f.submit(f.regulator, Transactions.UPDATE_PARTICIPANT,
                    new ParticipantRequests.Update(f.nextEventId(), null, ghost));

            assertThat(out.error()).contains(LedgerError.NOT_FOUND);
            assertThat(out.message()).contains("is not registered");
        }

        @Test
        void a_regulator_may_not_remove_its_own_regulator_role() {
            ParticipantInput demoted = company(f.regulator.id(), f.regulator.name(), f.regulator.mspId(),
                    List.of(Role.MARKET_SURVEILLANCE));

            Outcome out = f.submit(f.regulator, Transactions.UPDATE_PARTICIPANT,
                    new ParticipantRequests.Update(f.nextEventId(), null, demoted));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("may not remove its own regulator role");
            assertThat(participant(f.regulator.id()).get("roles")).extracting(JsonNode::asText)
                    .containsExactly("REGULATOR");
        }

        @Test
        void is_forbidden_to_anyone_but_a_regulator() {
            ParticipantInput self = company(f.automaker.id(), "Renamed", f.automaker.mspId(), List.of(Role.AUTOMAKER));

            Outcome out = f.submit(f.automaker, Transactions.UPDATE_PARTICIPANT,
                    new ParticipantRequests.Update(f.nextEventId(), null, self));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("role AUTOMAKER may not UPDATE_PARTICIPANT");
        }
    }

    @Nested
    class Certify {
        private Map<String, Object> certification(String type, String number, String from, String until) {
            return Map.of("type", type, "number", number, "issuer", "MIIT", "validFrom", from, "validUntil", until);
        }

        @Test
        void adds_a_certification_of_another_number() {
            Outcome out = f.submit(f.regulator, Transactions.CERTIFY_PARTICIPANT, f.req("participantId",
                    f.recycler.id(), "certification",
                    certification("WHITELIST", "WL-2026", "2026-01-01", "2029-12-31")));

            assertThat(out.ok()).as(out.message()).isTrue();
            JsonNode certs = participant(f.recycler.id()).get("certifications");
            assertThat(certs).hasSize(3);
            assertThat(certs).extracting(c -> c.get("number").asText()).contains("WL-2026",
                    "WHITELIST-" + f.recycler.id());
        }

        @Test
        void replaces_the_certification_of_the_same_type_and_number() {
            String number = "WHITELIST-" + f.recycler.id();

            Outcome out = f.submit(f.regulator, Transactions.CERTIFY_PARTICIPANT, f.req("participantId",
                    f.recycler.id(), "certification", certification("WHITELIST", number, "2020-01-01", "2035-12-31")));

            assertThat(out.ok()).as(out.message()).isTrue();
            JsonNode certs = participant(f.recycler.id()).get("certifications");
            assertThat(certs).hasSize(2);
            assertThat(certs).filteredOn(c -> c.get("type").asText().equals("WHITELIST")).singleElement()
                    .satisfies(c -> assertThat(c.get("validUntil").asText()).isEqualTo("2035-12-31"));
        }

        @Test
        void rejects_a_validity_that_ends_before_it_starts() {
            Outcome out = f.submit(f.regulator, Transactions.CERTIFY_PARTICIPANT, f.req("participantId",
                    f.recycler.id(), "certification", certification("WHITELIST", "WL-X", "2026-01-01", "2025-01-01")));

            assertThat(out.error()).contains(LedgerError.INVALID_ARGUMENT);
            assertThat(out.message()).contains("field 'certification.validUntil'").contains("before validFrom");
        }

        @Test
        void is_forbidden_to_anyone_but_a_regulator() {
            Outcome out = f.submit(f.recycler, Transactions.CERTIFY_PARTICIPANT, f.req("participantId",
                    f.recycler.id(), "certification", certification("WHITELIST", "SELF", "2026-01-01", "2030-01-01")));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("role RECYCLER may not CERTIFY_PARTICIPANT");
            assertThat(participant(f.recycler.id()).get("certifications")).hasSize(2);
        }
    }

    @Nested
    class Standing {
        @Test
        void suspending_records_the_status_and_reason() {
            Outcome out = standing(f.regulator, Transactions.SUSPEND_PARTICIPANT, f.batteryMaker, "audit pending");

            assertThat(out.ok()).as(out.message()).isTrue();
            JsonNode entry = participant(f.batteryMaker.id());
            assertThat(entry.get("status").asText()).isEqualTo("SUSPENDED");
            assertThat(entry.get("statusReason").asText()).isEqualTo("audit pending");
        }

        @Test
        void a_suspended_company_is_forbidden_to_write_and_changes_nothing() {
            standing(f.regulator, Transactions.SUSPEND_PARTICIPANT, f.batteryMaker, "audit pending").expectOk();
            Map<String, String> before = Calls.state(f);
            List<String> eventsBefore = Calls.events(f);

            Outcome out = f.registerUnits(f.batteryMaker, f.code(f.batteryMaker, 'P', 1));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("participant " + f.batteryMaker.id() + " is SUSPENDED (audit pending)");
            assertThat(Calls.state(f)).isEqualTo(before);
            assertThat(Calls.events(f)).isEqualTo(eventsBefore);
        }

        @Test
        void suspending_a_company_that_is_not_active_is_an_illegal_transition() {
            standing(f.regulator, Transactions.SUSPEND_PARTICIPANT, f.batteryMaker, "first").expectOk();

            Outcome out = standing(f.regulator, Transactions.SUSPEND_PARTICIPANT, f.batteryMaker, "second");

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("is SUSPENDED, not ACTIVE");
        }

        @Test
        void reinstating_lets_the_company_act_again() {
            standing(f.regulator, Transactions.SUSPEND_PARTICIPANT, f.batteryMaker, "audit pending").expectOk();

            Outcome out = standing(f.regulator, Transactions.REINSTATE_PARTICIPANT, f.batteryMaker, "audit passed");

            assertThat(out.ok()).as(out.message()).isTrue();
            JsonNode entry = participant(f.batteryMaker.id());
            assertThat(entry.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(entry.has("statusReason")).isFalse();
            assertThat(f.registerUnits(f.batteryMaker, f.code(f.batteryMaker, 'P', 1)).ok()).isTrue();
        }

        @Test
        void reinstating_an_active_company_is_an_illegal_transition() {
            Outcome out = standing(f.regulator, Transactions.REINSTATE_PARTICIPANT, f.batteryMaker, "nothing to lift");

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("is ACTIVE, not SUSPENDED");
        }

        @Test
        void a_revoked_company_is_forbidden_to_write() {
            standing(f.regulator, Transactions.REVOKE_PARTICIPANT, f.batteryMaker, "licence withdrawn").expectOk();

            Outcome out = f.registerUnits(f.batteryMaker, f.code(f.batteryMaker, 'P', 1));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("is REVOKED");
        }

        @Test
        void revocation_is_final_so_reinstating_is_an_illegal_transition() {
            standing(f.regulator, Transactions.REVOKE_PARTICIPANT, f.batteryMaker, "licence withdrawn").expectOk();

            Outcome out = standing(f.regulator, Transactions.REINSTATE_PARTICIPANT, f.batteryMaker, "appeal");

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("REVOKED, which is final");
            assertThat(participant(f.batteryMaker.id()).get("status").asText()).isEqualTo("REVOKED");
        }

        @Test
        void revocation_is_final_so_a_revoked_company_cannot_be_updated() {
            standing(f.regulator, Transactions.REVOKE_PARTICIPANT, f.batteryMaker, "licence withdrawn").expectOk();
            ParticipantInput changed = company(f.batteryMaker.id(), "Reborn", f.batteryMaker.mspId(),
                    List.of(Role.BATTERY_MAKER), "A1B");

            Outcome out = f.submit(f.regulator, Transactions.UPDATE_PARTICIPANT,
                    new ParticipantRequests.Update(f.nextEventId(), null, changed));

            assertThat(out.error()).contains(LedgerError.ILLEGAL_TRANSITION);
            assertThat(out.message()).contains("REVOKED, which is final");
        }

        @Test
        void a_suspended_company_can_be_revoked() {
            standing(f.regulator, Transactions.SUSPEND_PARTICIPANT, f.batteryMaker, "audit").expectOk();

            Outcome out = standing(f.regulator, Transactions.REVOKE_PARTICIPANT, f.batteryMaker, "audit failed");

            assertThat(out.ok()).as(out.message()).isTrue();
            assertThat(participant(f.batteryMaker.id()).get("status").asText()).isEqualTo("REVOKED");
        }

        @Test
        void a_regulator_cannot_suspend_itself() {
            Outcome out = standing(f.regulator, Transactions.SUSPEND_PARTICIPANT, f.regulator, "holiday");

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("a regulator may not change its own standing");
            assertThat(participant(f.regulator.id()).get("status").asText()).isEqualTo("ACTIVE");
        }

        @Test
        void a_regulator_cannot_revoke_itself() {
            Outcome out = standing(f.regulator, Transactions.REVOKE_PARTICIPANT, f.regulator, "resign");

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("a regulator may not change its own standing");
            assertThat(participant(f.regulator.id()).get("status").asText()).isEqualTo("ACTIVE");
        }

        @Test
        void only_a_regulator_changes_standing() {
            Outcome out = standing(f.batteryMaker, Transactions.SUSPEND_PARTICIPANT, f.otherMaker, "competitor");

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("role BATTERY_MAKER may not SUSPEND_PARTICIPANT");
            assertThat(participant(f.otherMaker.id()).get("status").asText()).isEqualTo("ACTIVE");
        }

        @Test
        void changing_the_standing_of_an_unknown_company_is_not_found() {
            Outcome out = f.submit(f.regulator, Transactions.SUSPEND_PARTICIPANT,
                    f.req("participantId", Calls.uscc("000000000000108")));

            assertThat(out.error()).contains(LedgerError.NOT_FOUND);
            assertThat(out.message()).contains("is not registered");
        }
    }

    @Nested
    class Reads {
        @Test
        void get_participant_returns_the_registry_entry() {
            JsonNode entry = f.evaluate(f.automaker, Transactions.GET_PARTICIPANT, f.batteryMaker.id()).json();

            assertThat(entry.get("id").asText()).isEqualTo(f.batteryMaker.id());
            assertThat(entry.get("mspId").asText()).isEqualTo("MakerMSP");
            assertThat(entry.get("prefixes")).extracting(JsonNode::asText).containsExactly("A1B", "A1C");
        }

        @Test
        void get_participant_of_an_unknown_id_is_not_found() {
            Outcome out = f.evaluate(f.automaker, Transactions.GET_PARTICIPANT, Calls.uscc("000000000000109"));

            assertThat(out.error()).contains(LedgerError.NOT_FOUND);
            assertThat(out.message()).contains("is not registered");
        }

        @Test
        void get_prefix_owner_names_the_company_a_prefix_is_assigned_to() {
            JsonNode owner = f.evaluate(f.automaker, Transactions.GET_PREFIX_OWNER, "A1C").json();

            assertThat(owner.get("manufacturerCode").asText()).isEqualTo("A1C");
            assertThat(owner.get("participant").asText()).isEqualTo(f.batteryMaker.id());
        }

        @Test
        void get_prefix_owner_of_an_unassigned_prefix_is_not_found() {
            Outcome out = f.evaluate(f.automaker, Transactions.GET_PREFIX_OWNER, "QQQ");

            assertThat(out.error()).contains(LedgerError.NOT_FOUND);
            assertThat(out.message()).contains("manufacturer code QQQ is not assigned");
        }

        @Test
        void list_participants_pages_through_every_party_exactly_once() {
            List<String> seen = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String bookmark = "";

            do {
                JsonNode page = f.evaluate(f.regulator, Transactions.LIST_PARTICIPANTS, "4", bookmark).json();
                pageSizes.add(page.get("count").asInt());
                page.get("items").forEach(p -> seen.add(p.get("id").asText()));
                bookmark = page.get("bookmark").asText();
            } while (!bookmark.isEmpty() && pageSizes.size() < 10);

            assertThat(pageSizes).containsExactly(4, 4, 3);
            assertThat(seen).containsExactlyInAnyOrderElementsOf(f.all().stream().map(Party::id).toList());
            assertThat(seen).doesNotHaveDuplicates();
        }

        @Test
        void list_participants_refuses_a_page_over_the_limit() {
            Outcome out = f.evaluate(f.regulator, Transactions.LIST_PARTICIPANTS, "1001", "");

            assertThat(out.error()).contains(LedgerError.LIMIT_EXCEEDED);
            assertThat(out.message()).contains("at most 1000");
        }
    }

    @Test
    void a_registration_event_carries_the_new_registry_entry() {
        String id = Calls.uscc("000000000000110");

        Outcome out = register(f.regulator, company(id, "Evented", "EventMSP", List.of(Role.REPAIRER)));

        assertThat(out.event().get("registryEntry").get("id").asText()).isEqualTo(id);
        assertThat(out.event().get("details").get("participant").asText()).isEqualTo(id);
    }
}
