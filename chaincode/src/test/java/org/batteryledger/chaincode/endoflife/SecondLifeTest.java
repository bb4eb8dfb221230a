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
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.participant.CertificationType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Second life (domain.md §6.2, §6.4 Cascade successor): repurposing never mutates an original
 * beyond closing it; it creates a successor under the operator's own prefix, linked both ways,
 * for which the operator answers.
 */
class SecondLifeTest {

    private static final Map<String, Object> RERATED = Map.of("ratedEnergyWh", 40_000);

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

    private Outcome repurpose(List<String> originals, String successor, Map<String, Object> spec, Boolean reman) {
        Map<String, Object> req = f.req("originals", originals, "successor", Map.of("code", successor, "spec", spec));
        if (reman != null) {
            req.put("remanufactured", reman);
        }
        return f.submit(f.cascadeOperator, Transactions.REPURPOSE, req);
    }

    private String repurposed(String original, int successorSerial) {
        String successor = f.cascadeCode(f.cascadeOperator, 'P', successorSerial);
        repurpose(List.of(original), successor, RERATED, null).expectOk();
        return successor;
    }

    private LocalDate chinaToday() {
        return LocalDate.ofInstant(f.runner.now(), ZoneOffset.ofHours(8));
    }

    @Nested
    class Repurpose {

        @Test
        void repurposing_creates_a_successor_under_the_operators_own_prefix() {
            String original = EolSteps.tested(f, 1);
            String successor = f.cascadeCode(f.cascadeOperator, 'P', 1);

            Outcome out = repurpose(List.of(original), successor, RERATED, null).expectOk();

            JsonNode s = unit(f, successor);
            assertThat(successor).hasSize(19).startsWith("S2L");
            assertThat(s.get("manufacturerCode").asText()).isEqualTo("S2L");
            assertThat(s.get("status").asText()).isEqualTo("CASCADE_PRODUCED");
            assertThat(s.get("holder").asText()).isEqualTo(f.cascadeOperator.id());
            assertThat(s.get("registeredBy").asText()).isEqualTo(f.cascadeOperator.id());
            assertThat(s.get("spec").get("ratedEnergyWh").asLong()).isEqualTo(40_000L);
            assertThat(out.event().get("details").get("successor").asText()).isEqualTo(successor);
        }

        @Test
        void a_24_character_code_under_the_operators_prefix_is_a_valid_successor() {
            String original = EolSteps.tested(f, 1);
            String successor = f.code(f.cascadeOperator, 'P', 1);

            repurpose(List.of(original), successor, RERATED, null).expectOk();

            assertThat(successor).hasSize(24);
            assertThat(status(f, successor)).isEqualTo("CASCADE_PRODUCED");
        }

        @Test
        void the_successor_and_its_original_are_linked_both_ways() {
            String original = EolSteps.tested(f, 1);

            String successor = repurposed(original, 1);

            assertThat(unit(f, original).get("successors")).extracting(JsonNode::asText).containsExactly(successor);
            assertThat(unit(f, successor).get("origins")).extracting(JsonNode::asText).containsExactly(original);
            JsonNode relations = f.evaluate(f.automaker, Transactions.GET_RELATIONS, successor).json();
            assertThat(relations.get("origins")).extracting(JsonNode::asText).containsExactly(original);
        }

        @Test
        void several_tested_originals_make_one_successor() {
            String a = EolSteps.tested(f, 1);
            String b = EolSteps.tested(f, 2);
            String successor = f.cascadeCode(f.cascadeOperator, 'P', 1);

            repurpose(List.of(a, b), successor, RERATED, null).expectOk();

            assertThat(unit(f, successor).get("origins")).extracting(JsonNode::asText).containsExactlyInAnyOrder(a, b);
            assertThat(status(f, a)).isEqualTo("CONSUMED_INTO_SUCCESSOR");
            assertThat(status(f, b)).isEqualTo("CONSUMED_INTO_SUCCESSOR");
            assertThat(unit(f, b).get("successors")).extracting(JsonNode::asText).containsExactly(successor);
        }

        @Test
        void the_originals_end_consumed_into_the_successor() {
            String original = EolSteps.tested(f, 1);

            repurposed(original, 1);

            JsonNode o = unit(f, original);
            assertThat(o.get("status").asText()).isEqualTo("CONSUMED_INTO_SUCCESSOR");
            assertThat(o.get("euStatus").asText()).as("the original is not mutated beyond closing it")
                    .isEqualTo("ORIGINAL");
            assertThat(o.get("manufacturerCode").asText()).isEqualTo("A1B");
        }

        @Test
        void the_operator_answers_for_the_successor_as_repurposer() {
            String original = EolSteps.tested(f, 1);

            String successor = repurposed(original, 1);

            JsonNode r = f.evaluate(f.regulator, Transactions.GET_RESPONSIBILITY, successor).json();
            assertThat(r.get("responsible").asText()).isEqualTo(f.cascadeOperator.id());
            assertThat(r.get("basis").asText()).isEqualTo("REPURPOSER");
        }

        @Test
        void a_repurposed_successor_has_eu_status_repurposed() {
            String original = EolSteps.tested(f, 1);

            String successor = repurposed(original, 1);

            assertThat(unit(f, successor).get("euStatus").asText()).isEqualTo("REPURPOSED");
        }

        @Test
        void a_remanufactured_successor_has_eu_status_remanufactured() {
            String original = EolSteps.tested(f, 1);
            String successor = f.cascadeCode(f.cascadeOperator, 'P', 1);

            repurpose(List.of(original), successor, RERATED, true).expectOk();

            assertThat(unit(f, successor).get("euStatus").asText()).isEqualTo("REMANUFACTURED");
        }

        @Test
        void a_successor_under_someone_elses_prefix_is_forbidden() {
            String original = EolSteps.tested(f, 1);
            String foreign = f.cascadeCode(f.batteryMaker, 'P', 1);

            Outcome out = repurpose(List.of(original), foreign, RERATED, null);

            assertRefused(out, LedgerError.FORBIDDEN, "manufacturer code A1B", "not assigned to " + f.cascadeOperator.id());
            assertThat(status(f, original)).isEqualTo("TESTED");
        }

        @Test
        void an_original_not_tested_cannot_be_repurposed() {
            String original = EolSteps.atCascadeOperator(f, 1);

            Outcome out = repurpose(List.of(original), f.cascadeCode(f.cascadeOperator, 'P', 1), RERATED, null);

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "REPURPOSE", "AT_CASCADE_OPERATOR", "TESTED");
            assertThat(status(f, original)).isEqualTo("AT_CASCADE_OPERATOR");
        }

        @Test
        void a_successor_without_a_re_rated_capacity_is_an_invalid_argument() {
            String original = EolSteps.tested(f, 1);

            Outcome out = repurpose(List.of(original), f.cascadeCode(f.cascadeOperator, 'P', 1),
                    Map.of("model", "ESS-40"), null);

            assertRefused(out, LedgerError.INVALID_ARGUMENT, "successor.spec", "re-rated capacity");
        }

        @Test
        void a_re_rated_capacity_in_mah_is_enough() {
            String original = EolSteps.tested(f, 1);
            String successor = f.cascadeCode(f.cascadeOperator, 'P', 1);

            repurpose(List.of(original), successor, Map.of("ratedCapacityMah", 120_000), null).expectOk();

            assertThat(unit(f, successor).get("spec").get("ratedCapacityMah").asLong()).isEqualTo(120_000L);
        }

        @Test
        void a_successor_code_already_on_the_ledger_is_a_duplicate() {
            String first = EolSteps.tested(f, 1);
            String second = EolSteps.tested(f, 2);
            String successor = repurposed(first, 1);

            Outcome out = repurpose(List.of(second), successor, RERATED, null);

            assertRefused(out, LedgerError.DUPLICATE, successor, "already registered");
            assertThat(status(f, second)).isEqualTo("TESTED");
        }

        @Test
        void a_cascade_operator_without_a_valid_white_list_entry_cannot_repurpose() {
            String original = EolSteps.tested(f, 1);
            EolSteps.recertify(f, f.cascadeOperator, CertificationType.WHITELIST, chinaToday().minusDays(1))
                    .expectOk();

            Outcome out = repurpose(List.of(original), f.cascadeCode(f.cascadeOperator, 'P', 1), RERATED, null);

            assertRefused(out, LedgerError.NOT_CERTIFIED, "WHITELIST");
            assertThat(status(f, original)).isEqualTo("TESTED");
        }

        @Test
        void modules_still_inside_a_repurposed_pack_are_consumed_with_it() {
            List<String> codes = EolSteps.packWithModulesCollected(f, 1);
            String pack = codes.get(0);
            f.handOver(f.dismantler, f.cascadeOperator, pack);
            f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", pack, "result", sohResult(790))).expectOk();

            repurposed(pack, 1);

            for (String module : codes.subList(1, 3)) {
                assertThat(status(f, module)).as(module).isEqualTo("CONSUMED_INTO_SUCCESSOR");
                assertThat(holder(f, module)).as(module).isEqualTo(f.cascadeOperator.id());
            }
            Outcome dismantle = f.submit(f.cascadeOperator, Transactions.DISMANTLE, f.req("code", pack));
            assertRefused(dismantle, LedgerError.ILLEGAL_TRANSITION, "terminal");
        }

        @Test
        void the_operator_binds_a_successor_module_into_its_successor_pack_afterwards() {
            String pack = EolSteps.tested(f, 1);
            String module = EolSteps.tested(f, 2);
            String successorPack = repurposed(pack, 1);
            String successorModule = f.cascadeCode(f.cascadeOperator, 'M', 2);
            repurpose(List.of(module), successorModule, RERATED, null).expectOk();

            f.submit(f.cascadeOperator, Transactions.BIND_CHILDREN,
                    f.req("parent", successorPack, "children", List.of(successorModule))).expectOk();

            assertThat(unit(f, successorModule).get("parent").asText()).isEqualTo(successorPack);
        }
    }

    @Nested
    class SecondUse {

        @Test
        void the_successor_is_shipped_into_second_use() {
            String successor = repurposed(EolSteps.tested(f, 1), 1);

            Outcome out = f.submit(f.cascadeOperator, Transactions.SHIP, f.req("code", successor)).expectOk();

            assertThat(status(f, successor)).isEqualTo("IN_SECOND_USE");
            assertThat(out.event().get("transitions").get(0).get("from").asText()).isEqualTo("CASCADE_PRODUCED");
        }

        @Test
        void the_operator_removes_a_successor_from_second_use() {
            String successor = repurposed(EolSteps.tested(f, 1), 1);
            f.submit(f.cascadeOperator, Transactions.SHIP, f.req("code", successor)).expectOk();

            f.submit(f.cascadeOperator, Transactions.REMOVE, f.req("code", successor)).expectOk();

            assertThat(status(f, successor)).isEqualTo("REMOVED");
        }

        @Test
        void a_successor_not_yet_shipped_cannot_be_removed() {
            String successor = repurposed(EolSteps.tested(f, 1), 1);

            Outcome out = f.submit(f.cascadeOperator, Transactions.REMOVE, f.req("code", successor));

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "REMOVE", "CASCADE_PRODUCED");
        }

        @Test
        void a_retired_successor_is_collected_by_the_operator_and_goes_to_the_recycler() {
            String successor = repurposed(EolSteps.tested(f, 1), 1);
            f.submit(f.cascadeOperator, Transactions.SHIP, f.req("code", successor)).expectOk();
            f.submit(f.cascadeOperator, Transactions.REMOVE, f.req("code", successor)).expectOk();

            f.submit(f.cascadeOperator, Transactions.COLLECT, f.req("code", successor)).expectOk();
            f.handOver(f.cascadeOperator, f.recycler, successor);

            JsonNode s = unit(f, successor);
            assertThat(s.get("status").asText()).isEqualTo("AT_RECYCLER");
            assertThat(s.get("euStatus").asText()).isEqualTo("WASTE");
            assertThat(s.get("holder").asText()).isEqualTo(f.recycler.id());
        }

        @Test
        void a_cascade_operator_without_a_valid_white_list_entry_cannot_ship_a_cascade_product() {
            String successor = repurposed(EolSteps.tested(f, 1), 1);
            EolSteps.recertify(f, f.cascadeOperator, CertificationType.WHITELIST, chinaToday().minusDays(1))
                    .expectOk();

            Outcome out = f.submit(f.cascadeOperator, Transactions.SHIP, f.req("code", successor));

            assertRefused(out, LedgerError.NOT_CERTIFIED, "WHITELIST");
        }
    }

    // ------------------------------------------------------------ terminal: CONSUMED_INTO_SUCCESSOR

    /** A later write on a consumed original, made by a party that passes the role and custody checks. */
    record Write(String tx, BiFunction<SecondLifeTest, String, Outcome> call) {}

    static Stream<Named<Write>> writesOnAConsumedOriginal() {
        return Stream.of(
                w(Transactions.SHIP, (t, c) -> t.f.submit(t.f.cascadeOperator, Transactions.SHIP, t.f.req("code", c))),
                w(Transactions.REMOVE, (t, c) -> t.f.submit(t.f.cascadeOperator, Transactions.REMOVE, t.f.req("code", c))),
                w(Transactions.COLLECT, (t, c) -> t.f.submit(t.f.cascadeOperator, Transactions.COLLECT, t.f.req("code", c))),
                w(Transactions.TEST, (t, c) -> t.f.submit(t.f.cascadeOperator, Transactions.TEST,
                        t.f.req("code", c, "result", sohResult(700)))),
                w(Transactions.REPURPOSE, (t, c) -> t.repurpose(List.of(c), t.f.cascadeCode(t.f.cascadeOperator, 'P', 99),
                        RERATED, null)),
                w(Transactions.DECLARE_WASTE, (t, c) -> t.f.submit(t.f.cascadeOperator, Transactions.DECLARE_WASTE,
                        t.f.req("code", c, "reason", "late"))),
                w(Transactions.DISMANTLE, (t, c) -> t.f.submit(t.f.cascadeOperator, Transactions.DISMANTLE,
                        t.f.req("code", c))),
                w(Transactions.OFFER_HANDOVER, (t, c) -> t.f.submit(t.f.cascadeOperator, Transactions.OFFER_HANDOVER,
                        t.f.req("codes", List.of(c), "to", t.f.recycler.id()))),
                w(Transactions.CANCEL_HANDOVER, (t, c) -> t.f.submit(t.f.cascadeOperator, Transactions.CANCEL_HANDOVER,
                        t.f.req("codes", List.of(c)))),
                w(Transactions.REPAIR, (t, c) -> t.f.submit(t.f.repairer, Transactions.REPAIR, t.f.req("code", c))),
                w(Transactions.REPLACE, (t, c) -> t.f.submit(t.f.repairer, Transactions.REPLACE, t.f.req("code", c))),
                w(Transactions.SWAP, (t, c) -> t.f.submit(t.f.swapOperator, Transactions.SWAP, t.f.req("code", c))),
                w(Transactions.ATTACH_EU_ID, (t, c) -> t.f.submit(t.f.batteryMaker, Transactions.ATTACH_EU_ID,
                        t.f.req("code", c, "euUniqueId", "EU-LATE-1"))),
                w(Transactions.BIND_CHILDREN, (t, c) -> {
                    String module = t.f.code(t.f.batteryMaker, 'M', 77);
                    t.f.registerUnits(t.f.batteryMaker, module).expectOk();
                    return t.f.submit(t.f.batteryMaker, Transactions.BIND_CHILDREN,
                            t.f.req("parent", c, "children", List.of(module)));
                }));
    }

    private static Named<Write> w(String tx, BiFunction<SecondLifeTest, String, Outcome> call) {
        return Named.of(tx + " on a consumed original → ILLEGAL_TRANSITION", new Write(tx, call));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writesOnAConsumedOriginal")
    void consumed_into_successor_is_terminal(Write write) {
        String original = EolSteps.tested(f, 1);
        repurposed(original, 1);
        long versionBefore = unit(f, original).get("version").asLong();

        Outcome out = write.call().apply(this, original);

        assertRefused(out, LedgerError.ILLEGAL_TRANSITION, original, "terminal");
        assertThat(status(f, original)).isEqualTo("CONSUMED_INTO_SUCCESSOR");
        assertThat(unit(f, original).get("version").asLong()).isEqualTo(versionBefore);
    }
}
