package org.batteryledger.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.testkit.TestIdentities;
import org.batteryledger.chaincode.testkit.TestIdentities.Identity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who is calling: the certificate's participant and role attributes are trusted only together
 * with its MSP id and the registry (access/Callers). Writes from anyone the registry does not
 * recognise are FORBIDDEN; reads fall back to the public tier.
 */
class CallerIdentificationTest {

    private final LedgerFixture f = LedgerFixture.withConsortium();

    /** The certificates the registry must not accept as a known caller. */
    enum Stranger {
        WITHOUT_ATTRIBUTES, UNREGISTERED_COMPANY, WRONG_MSP, ROLE_NOT_HELD, UNKNOWN_ROLE, SUSPENDED_COMPANY;

        Identity identity(LedgerFixture f) {
            return switch (this) {
                case WITHOUT_ATTRIBUTES -> TestIdentities.withoutAttributes("MakerMSP", "cryptogen-user");
                case UNREGISTERED_COMPANY -> TestIdentities.member("MakerMSP", Calls.uscc("000000000000300"),
                        "BATTERY_MAKER");
                case WRONG_MSP -> TestIdentities.member("OtherMSP", f.batteryMaker.id(), "BATTERY_MAKER");
                case ROLE_NOT_HELD -> TestIdentities.member("MakerMSP", f.batteryMaker.id(), "AUTOMAKER");
                case UNKNOWN_ROLE -> TestIdentities.member("MakerMSP", f.batteryMaker.id(), "WIZARD");
                case SUSPENDED_COMPANY -> {
                    f.submit(f.regulator, Transactions.SUSPEND_PARTICIPANT,
                            f.req("participantId", f.batteryMaker.id(), "reason", "audit")).expectOk();
                    yield f.batteryMaker.identity();
                }
            };
        }
    }

    private Map<String, Object> registration(int serial) {
        return f.req("units", List.of(Map.of("code", f.code(f.batteryMaker, 'P', serial))));
    }

    @Nested
    class Writes {
        @Test
        void a_certificate_without_attributes_is_forbidden() {
            Identity cryptogen = TestIdentities.withoutAttributes("MakerMSP", "cryptogen-user");

            Outcome out = Calls.submitAs(f, cryptogen, Transactions.REGISTER_UNITS, registration(1));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("carries no 'participant' and 'role' attributes");
        }

        @Test
        void a_participant_attribute_naming_an_unregistered_company_is_forbidden() {
            String unknown = Calls.uscc("000000000000301");
            Identity ghost = TestIdentities.member("MakerMSP", unknown, "BATTERY_MAKER");

            Outcome out = Calls.submitAs(f, ghost, Transactions.REGISTER_UNITS, registration(1));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("caller acts for " + unknown + ", which is not in the registry");
        }

        @Test
        void the_right_participant_from_the_wrong_msp_is_forbidden() {
            Identity foreign = TestIdentities.member("OtherMSP", f.batteryMaker.id(), "BATTERY_MAKER");

            Outcome out = Calls.submitAs(f, foreign, Transactions.REGISTER_UNITS, registration(1));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("caller's organisation OtherMSP is not " + f.batteryMaker.id()
                    + "'s organisation MakerMSP");
        }

        @Test
        void a_role_the_company_is_not_registered_in_is_forbidden() {
            Identity posing = TestIdentities.member("MakerMSP", f.batteryMaker.id(), "AUTOMAKER");

            Outcome out = Calls.submitAs(f, posing, Transactions.INSTALL,
                    f.req("code", f.code(f.batteryMaker, 'P', 1), "vin", LedgerFixture.vin(1)));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains(f.batteryMaker.id() + " is not registered in role AUTOMAKER");
        }

        @Test
        void an_unknown_role_name_is_forbidden() {
            Identity wizard = TestIdentities.member("MakerMSP", f.batteryMaker.id(), "WIZARD");

            Outcome out = Calls.submitAs(f, wizard, Transactions.REGISTER_UNITS, registration(1));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("caller role 'WIZARD' is not a known role");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Stranger.class)
        void a_refused_caller_changes_nothing(Stranger stranger) {
            Identity identity = stranger.identity(f);
            Map<String, String> before = Calls.state(f);
            List<String> eventsBefore = Calls.events(f);

            Outcome out = Calls.submitAs(f, identity, Transactions.REGISTER_UNITS, registration(7));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(Calls.state(f)).isEqualTo(before);
            assertThat(Calls.events(f)).isEqualTo(eventsBefore);
        }

        @Test
        void a_company_with_two_roles_acts_in_the_role_its_certificate_names() {
            Party group = Calls.registerParty(f, "000000000000302", "Integrated Group", "GroupMSP",
                    List.of(Role.AUTOMAKER, Role.DISMANTLER));

            JsonNode asDismantler = f.evaluate(group.as(Role.DISMANTLER), Transactions.WHO_AM_I).json();

            assertThat(asDismantler.get("participant").asText()).isEqualTo(group.id());
            assertThat(asDismantler.get("role").asText()).isEqualTo("DISMANTLER");
            assertThat(asDismantler.get("mspId").asText()).isEqualTo("GroupMSP");
        }

        @Test
        void a_role_the_company_holds_is_still_limited_to_its_own_actions() {
            Outcome out = f.submit(f.automaker, Transactions.REGISTER_UNITS,
                    f.req("units", List.of(Map.of("code", f.code(f.batteryMaker, 'P', 1)))));

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("role AUTOMAKER may not REGISTER_UNITS");
        }
    }

    @Nested
    class Reads {
        @ParameterizedTest(name = "{0}")
        @EnumSource(Stranger.class)
        void an_unrecognised_caller_reads_a_unit_in_the_public_tier(Stranger stranger) {
            String pack = f.code(f.batteryMaker, 'P', 1);
            f.registerUnits(f.batteryMaker, pack).expectOk();
            Identity identity = stranger.identity(f);

            Outcome out = Calls.evaluateAs(f, identity, Transactions.GET_UNIT, pack);

            assertThat(out.ok()).as(out.message()).isTrue();
            JsonNode unit = out.json();
            assertThat(unit.get("tier").asText()).isEqualTo("PUBLIC");
            assertThat(unit.get("code").asText()).isEqualTo(pack);
            assertThat(unit.has("holder")).isFalse();
        }

        @Test
        void the_recognised_maker_reads_its_own_unit_beyond_the_public_tier() {
            String pack = f.code(f.batteryMaker, 'P', 1);
            f.registerUnits(f.batteryMaker, pack).expectOk();

            JsonNode unit = f.unit(f.batteryMaker, pack);

            assertThat(unit.get("tier").asText()).isEqualTo("LEGITIMATE_INTEREST");
            assertThat(unit.get("holder").asText()).isEqualTo(f.batteryMaker.id());
        }

        @Test
        void who_am_i_refuses_a_certificate_without_attributes() {
            Identity cryptogen = TestIdentities.withoutAttributes("MakerMSP", "cryptogen-user");

            Outcome out = Calls.evaluateAs(f, cryptogen, Transactions.WHO_AM_I);

            assertThat(out.error()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("carries no 'participant' and 'role' attributes");
        }
    }
}
