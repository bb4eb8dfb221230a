package org.batteryledger.chaincode.endoflife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.batteryledger.chaincode.endoflife.EolSteps.holder;
import static org.batteryledger.chaincode.endoflife.EolSteps.status;
import static org.batteryledger.chaincode.endoflife.EolSteps.unit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.recycling.Element;
import org.batteryledger.chaincode.recycling.MassBalance;
import org.batteryledger.chaincode.recycling.OutputFraction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recycling completed (溯源规定 Art. 15; EU 2023/1542 Art. 71, Annex XII): a certified recycler
 * records a batch of units it holds at the recycler; mass balance is enforced (domain.md §6.4)
 * and the efficiency and recovery figures are computed from integer grams (§6.5).
 */
class RecyclingTest {

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

    /** A batch request; masses in grams. */
    private Map<String, Object> batch(String batchId, Map<String, Long> inputs, Map<String, Long> elementsInput,
            Map<String, Long> elementsRecovered, List<Map<String, Object>> outputs) {
        List<Map<String, Object>> in = new ArrayList<>();
        inputs.forEach((code, grams) -> in.add(Map.of("code", code, "massGrams", grams)));
        return f.req("batchId", batchId, "route", "HYDROMETALLURGY", "inputs", in, "elementsInput", elementsInput,
                "elementsRecovered", elementsRecovered, "outputs", outputs);
    }

    private static Map<String, Object> output(String name, long grams, boolean countsAsRecycling) {
        return Map.of("name", name, "massGrams", grams, "destination", "refinery", "countsAsRecycling",
                countsAsRecycling);
    }

    /** One pack of 400 kg in, 300 kg recycled, 50 kg not: a balanced batch. */
    private Map<String, Object> simpleBatch(String batchId, String pack) {
        return batch(batchId, Map.of(pack, 400_000L), Map.of("LI", 8_000L, "CO", 10_000L),
                Map.of("LI", 6_000L, "CO", 9_500L),
                List.of(output("black mass", 300_000, true), output("plastics", 50_000, false)));
    }

    private Outcome record(Party recycler, Map<String, Object> request) {
        return f.submit(recycler, Transactions.RECORD_RECYCLING, request);
    }

    @Nested
    class RecordRecycling {

        @Test
        void a_balanced_batch_recycles_every_input_and_computes_efficiency_and_recovery() {
            String a = EolSteps.atRecycler(f, 1);
            String b = EolSteps.atRecycler(f, 2);
            Map<String, Long> inputs = new LinkedHashMap<>();
            inputs.put(a, 250_000L);
            inputs.put(b, 150_000L);

            Outcome out = record(f.recycler, batch("B-1", inputs,
                    Map.of("LI", 8_000L, "CO", 10_000L, "NI", 30_000L, "MN", 5_000L),
                    Map.of("LI", 6_000L, "CO", 9_500L, "NI", 29_000L),
                    List.of(output("black mass", 300_000, true), output("plastics", 50_000, false)))).expectOk();

            assertThat(status(f, a)).isEqualTo("RECYCLED");
            assertThat(status(f, b)).isEqualTo("RECYCLED");
            assertThat(unit(f, a).get("recyclingBatch").asText()).isEqualTo("B-1");
            JsonNode batch = out.event().get("batch");
            // 300 kg counted as recycling of 400 kg in = 75.00 %.
            assertThat(batch.get("recyclingEfficiencyBasisPoints").asInt()).isEqualTo(7500);
            assertThat(batch.get("inputMassGrams").asLong()).isEqualTo(400_000L);
            assertThat(batch.get("outputMassGrams").asLong()).isEqualTo(350_000L);
            assertThat(batch.get("recyclingMassGrams").asLong()).isEqualTo(300_000L);
            JsonNode recovery = batch.get("recoveryBasisPoints");
            assertThat(recovery.get("LI").asInt()).isEqualTo(7500); // 6 of 8 kg
            assertThat(recovery.get("CO").asInt()).isEqualTo(9500); // 9.5 of 10 kg
            assertThat(recovery.get("NI").asInt()).isEqualTo(9666); // 29 of 30 kg = 96.666… %, floored
            assertThat(recovery.get("MN").asInt()).isEqualTo(0); // in the input, nothing recovered
        }

        @Test
        void the_batch_is_returned_by_get_recycling_batch() {
            String pack = EolSteps.atRecycler(f, 1);
            record(f.recycler, simpleBatch("B-7", pack)).expectOk();

            JsonNode b = f.evaluate(f.regulator, Transactions.GET_RECYCLING_BATCH, "B-7").json();

            assertThat(b.get("batchId").asText()).isEqualTo("B-7");
            assertThat(b.get("recycler").asText()).isEqualTo(f.recycler.id());
            assertThat(b.get("route").asText()).isEqualTo("HYDROMETALLURGY");
            assertThat(b.get("inputs").get(0).get("code").asText()).isEqualTo(pack);
            assertThat(b.get("inputs").get(0).get("massGrams").asLong()).isEqualTo(400_000L);
            assertThat(b.get("inputs").get(0).get("batteryType").asText()).isNotBlank();
            assertThat(b.get("recyclingEfficiencyBasisPoints").asInt()).isEqualTo(7500);
            assertThat(b.get("recoveryBasisPoints").get("LI").asInt()).isEqualTo(7500);
            assertThat(b.get("recoveryBasisPoints").get("CO").asInt()).isEqualTo(9500);
        }

        @Test
        void an_unknown_batch_is_not_found() {
            Outcome out = f.evaluate(f.regulator, Transactions.GET_RECYCLING_BATCH, "B-NONE");

            assertRefused(out, LedgerError.NOT_FOUND, "B-NONE");
        }

        @Test
        void outputs_heavier_than_the_inputs_break_the_mass_balance() {
            String pack = EolSteps.atRecycler(f, 1);

            Outcome out = record(f.recycler, batch("B-1", Map.of(pack, 400_000L), Map.of(), Map.of(),
                    List.of(output("black mass", 300_000, true), output("slag", 100_001, false))));

            assertRefused(out, LedgerError.MASS_BALANCE, "outputs weigh 400001 g", "400000 g");
            assertThat(status(f, pack)).isEqualTo("AT_RECYCLER");
        }

        @Test
        void an_element_recovered_beyond_its_input_breaks_the_mass_balance_naming_the_element() {
            String pack = EolSteps.atRecycler(f, 1);

            Outcome out = record(f.recycler, batch("B-1", Map.of(pack, 400_000L), Map.of("CO", 10_000L, "NI", 30_000L),
                    Map.of("CO", 10_001L, "NI", 29_000L), List.of(output("black mass", 300_000, true))));

            assertRefused(out, LedgerError.MASS_BALANCE, "CO recovered 10001 g", "10000 g in the input");
            assertThat(out.message()).doesNotContain("NI recovered");
            assertThat(status(f, pack)).isEqualTo("AT_RECYCLER");
        }

        @Test
        void an_element_recovered_but_absent_from_the_input_breaks_the_mass_balance() {
            String pack = EolSteps.atRecycler(f, 1);

            Outcome out = record(f.recycler, batch("B-1", Map.of(pack, 400_000L), Map.of("LI", 8_000L),
                    Map.of("LI", 6_000L, "PB", 1L), List.of(output("black mass", 300_000, true))));

            assertRefused(out, LedgerError.MASS_BALANCE, "PB recovered 1 g", "0 g in the input");
        }

        @Test
        void elements_declared_heavier_than_the_input_break_the_mass_balance() {
            String pack = EolSteps.atRecycler(f, 1);

            Outcome out = record(f.recycler, batch("B-1", Map.of(pack, 400_000L),
                    Map.of("NI", 300_000L, "CO", 100_001L), Map.of(), List.of(output("black mass", 300_000, true))));

            assertRefused(out, LedgerError.MASS_BALANCE, "elements declared in the input weigh 400001 g",
                    "400000 g");
        }

        @Test
        void a_unit_not_at_the_recycler_cannot_be_recycled() {
            // A company that is both cascade operator and recycler receives the pack as cascade operator.
            Party both = EolSteps.register(f, 3, "Cascade and Recycling Group", "GroupMSP",
                    List.of(Role.RECYCLER, Role.CASCADE_OPERATOR), List.of(),
                    EolSteps.certifications(Role.RECYCLER, "group", LedgerFixture.CERT_UNTIL));
            String pack = EolSteps.collectedAtDismantler(f, 1);
            f.submit(f.dismantler, Transactions.OFFER_HANDOVER, f.req("codes", List.of(pack), "to", both.id()))
                    .expectOk();
            f.submit(both.as(Role.CASCADE_OPERATOR), Transactions.ACCEPT_HANDOVER, f.req("codes", List.of(pack)))
                    .expectOk();
            assertThat(status(f, pack)).isEqualTo("AT_CASCADE_OPERATOR");

            Outcome out = record(both, simpleBatch("B-1", pack));

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "RECORD_RECYCLING", "AT_CASCADE_OPERATOR",
                    "AT_RECYCLER");
        }

        @Test
        void a_unit_not_held_by_the_caller_cannot_be_recycled() {
            Party other = EolSteps.register(f, 4, "Other Recycling", "OtherRecycleMSP", List.of(Role.RECYCLER),
                    List.of(), EolSteps.certifications(Role.RECYCLER, "other", LedgerFixture.CERT_UNTIL));
            String pack = EolSteps.atRecycler(f, 1);

            Outcome out = record(other, simpleBatch("B-1", pack));

            assertRefused(out, LedgerError.NOT_CUSTODIAN, "held by " + f.recycler.id());
            assertThat(status(f, pack)).isEqualTo("AT_RECYCLER");
        }

        @Test
        void a_recycler_whose_certifications_lapsed_cannot_record_recycling() {
            String pack = EolSteps.atRecycler(f, 1);

            Outcome out = record(f.lapsedRecycler, simpleBatch("B-1", pack));

            assertRefused(out, LedgerError.NOT_CERTIFIED, f.lapsedRecycler.id(), "RECYCLER", "no valid");
        }

        @Test
        void a_batch_id_used_before_is_a_duplicate() {
            String first = EolSteps.atRecycler(f, 1);
            String second = EolSteps.atRecycler(f, 2);
            record(f.recycler, simpleBatch("B-1", first)).expectOk();

            Outcome out = record(f.recycler, simpleBatch("B-1", second));

            assertRefused(out, LedgerError.DUPLICATE, "batch B-1", "already recorded");
            assertThat(status(f, second)).isEqualTo("AT_RECYCLER");
        }

        @Test
        void a_negative_output_mass_is_an_invalid_argument() {
            String pack = EolSteps.atRecycler(f, 1);

            Outcome out = record(f.recycler, batch("B-1", Map.of(pack, 400_000L), Map.of(), Map.of(),
                    List.of(output("black mass", -1, true))));

            assertRefused(out, LedgerError.INVALID_ARGUMENT, "outputs[0].massGrams");
        }

        @Test
        void a_negative_input_mass_is_an_invalid_argument() {
            String pack = EolSteps.atRecycler(f, 1);

            Outcome out = record(f.recycler, batch("B-1", Map.of(pack, -400_000L), Map.of(), Map.of(), List.of()));

            assertRefused(out, LedgerError.INVALID_ARGUMENT, "inputs[0].massGrams");
        }

        @Test
        void a_negative_element_mass_is_an_invalid_argument() {
            String pack = EolSteps.atRecycler(f, 1);

            Outcome out = record(f.recycler, batch("B-1", Map.of(pack, 400_000L), Map.of("LI", -8_000L), Map.of(),
                    List.of(output("black mass", 300_000, true))));

            assertRefused(out, LedgerError.INVALID_ARGUMENT, "elementsInput.LI");
        }

        @Test
        void a_pack_recycled_with_bound_modules_recycles_them_too() {
            List<String> codes = EolSteps.packWithModulesCollected(f, 1);
            String pack = codes.get(0);
            f.handOver(f.dismantler, f.recycler, pack);

            Outcome out = record(f.recycler, simpleBatch("B-1", pack)).expectOk();

            for (String module : codes.subList(1, 3)) {
                assertThat(status(f, module)).as(module).isEqualTo("RECYCLED");
                assertThat(holder(f, module)).as(module).isEqualTo(f.recycler.id());
            }
            assertThat(out.event().get("codes")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(codes);
        }

        @Test
        void a_unit_with_a_pending_handover_cannot_be_recycled() {
            String pack = EolSteps.atRecycler(f, 1);
            f.submit(f.recycler, Transactions.OFFER_HANDOVER, f.req("codes", List.of(pack), "to",
                    f.collectionPoint.id())).expectOk();

            Outcome out = record(f.recycler, simpleBatch("B-1", pack));

            assertRefused(out, LedgerError.ILLEGAL_TRANSITION, "pending handover");
        }
    }

    // ------------------------------------------------------------ terminal: RECYCLED

    /** A later write on a recycled unit, by a party that passes the role and custody checks. */
    record Write(BiFunction<RecyclingTest, String, Outcome> call) {}

    static Stream<Named<Write>> writesOnARecycledUnit() {
        return Stream.of(
                w(Transactions.RECORD_RECYCLING, (t, c) -> t.record(t.f.recycler, t.simpleBatch("B-2", c))),
                w(Transactions.OFFER_HANDOVER, (t, c) -> t.f.submit(t.f.recycler, Transactions.OFFER_HANDOVER,
                        t.f.req("codes", List.of(c), "to", t.f.collectionPoint.id()))),
                w(Transactions.CANCEL_HANDOVER, (t, c) -> t.f.submit(t.f.recycler, Transactions.CANCEL_HANDOVER,
                        t.f.req("codes", List.of(c)))),
                w(Transactions.DISMANTLE, (t, c) -> t.f.submit(t.f.recycler, Transactions.DISMANTLE,
                        t.f.req("code", c))),
                w(Transactions.REPAIR, (t, c) -> t.f.submit(t.f.repairer, Transactions.REPAIR, t.f.req("code", c))),
                w(Transactions.REPLACE, (t, c) -> t.f.submit(t.f.repairer, Transactions.REPLACE, t.f.req("code", c))),
                w(Transactions.SWAP, (t, c) -> t.f.submit(t.f.swapOperator, Transactions.SWAP, t.f.req("code", c))),
                w(Transactions.ATTACH_EU_ID, (t, c) -> t.f.submit(t.f.batteryMaker, Transactions.ATTACH_EU_ID,
                        t.f.req("code", c, "euUniqueId", "EU-LATE-2"))),
                w(Transactions.BIND_CHILDREN, (t, c) -> {
                    String module = t.f.code(t.f.batteryMaker, 'M', 77);
                    t.f.registerUnits(t.f.batteryMaker, module).expectOk();
                    return t.f.submit(t.f.batteryMaker, Transactions.BIND_CHILDREN,
                            t.f.req("parent", c, "children", List.of(module)));
                }));
    }

    private static Named<Write> w(String tx, BiFunction<RecyclingTest, String, Outcome> call) {
        return Named.of(tx + " on a recycled unit → ILLEGAL_TRANSITION", new Write(call));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writesOnARecycledUnit")
    void recycled_is_terminal(Write write) {
        String pack = EolSteps.atRecycler(f, 1);
        record(f.recycler, simpleBatch("B-1", pack)).expectOk();
        long versionBefore = unit(f, pack).get("version").asLong();

        Outcome out = write.call().apply(this, pack);

        assertRefused(out, LedgerError.ILLEGAL_TRANSITION, pack, "RECYCLED", "terminal");
        assertThat(status(f, pack)).isEqualTo("RECYCLED");
        assertThat(unit(f, pack).get("version").asLong()).isEqualTo(versionBefore);
    }

    // ------------------------------------------------------------ MassBalance.check, the arithmetic alone

    @Nested
    class MassBalanceCheck {

        private static OutputFraction out(long grams, boolean recycling) {
            return new OutputFraction("fraction", grams, "refinery", recycling);
        }

        private static LedgerException broken(Runnable r) {
            try {
                r.run();
            } catch (LedgerException e) {
                return e;
            }
            throw new AssertionError("expected MASS_BALANCE");
        }

        @Test
        void exactly_equal_masses_pass_with_10000_basis_points() {
            MassBalance.Figures fig = MassBalance.check(1_000, Map.of(Element.LI, 100L), Map.of(Element.LI, 100L),
                    List.of(out(1_000, true)));

            assertThat(fig.efficiencyBasisPoints()).isEqualTo(10_000);
            assertThat(fig.recoveryBasisPoints()).containsEntry(Element.LI, 10_000);
            assertThat(fig.outputGrams()).isEqualTo(1_000);
            assertThat(fig.recyclingGrams()).isEqualTo(1_000);
        }

        @Test
        void one_gram_more_out_than_in_fails() {
            assertThatThrownBy(() -> MassBalance.check(1_000, Map.of(), Map.of(), List.of(out(1_001, true))))
                    .isInstanceOfSatisfying(LedgerException.class,
                            e -> assertThat(e.error()).isEqualTo(LedgerError.MASS_BALANCE))
                    .hasMessageContaining("outputs weigh 1001 g, more than the 1000 g");
        }

        @Test
        void one_gram_of_an_element_recovered_beyond_its_input_fails_naming_it() {
            LedgerException e = broken(() -> MassBalance.check(1_000, Map.of(Element.NI, 300L),
                    Map.of(Element.NI, 301L), List.of(out(1_000, true))));

            assertThat(e.error()).isEqualTo(LedgerError.MASS_BALANCE);
            assertThat(e.detail()).contains("NI recovered 301 g, more than the 300 g");
        }

        @Test
        void elements_weighing_exactly_the_input_pass_and_one_gram_more_fails() {
            assertThat(MassBalance.check(1_000, Map.of(Element.NI, 600L, Element.CO, 400L), Map.of(),
                    List.of(out(1_000, true))).recoveryBasisPoints())
                    .containsEntry(Element.NI, 0).containsEntry(Element.CO, 0);

            LedgerException e = broken(() -> MassBalance.check(1_000, Map.of(Element.NI, 600L, Element.CO, 401L),
                    Map.of(), List.of(out(1_000, true))));
            assertThat(e.error()).isEqualTo(LedgerError.MASS_BALANCE);
            assertThat(e.detail()).contains("elements declared in the input weigh 1001 g");
        }

        @Test
        void recovered_elements_may_not_outweigh_all_outputs() {
            LedgerException e = broken(() -> MassBalance.check(1_000, Map.of(Element.LI, 500L),
                    Map.of(Element.LI, 500L), List.of(out(499, true))));

            assertThat(e.error()).isEqualTo(LedgerError.MASS_BALANCE);
            assertThat(e.detail()).contains("recovered elements weigh 500 g, more than all outputs (499 g)");
        }

        @Test
        void recovered_elements_weighing_exactly_the_outputs_pass() {
            MassBalance.Figures fig = MassBalance.check(1_000, Map.of(Element.LI, 500L), Map.of(Element.LI, 500L),
                    List.of(out(500, true)));

            assertThat(fig.efficiencyBasisPoints()).isEqualTo(5_000);
        }

        @Test
        void only_outputs_counted_as_recycling_enter_the_efficiency() {
            MassBalance.Figures fig = MassBalance.check(1_000, Map.of(), Map.of(),
                    List.of(out(600, true), out(400, false)));

            assertThat(fig.outputGrams()).isEqualTo(1_000);
            assertThat(fig.recyclingGrams()).isEqualTo(600);
            assertThat(fig.efficiencyBasisPoints()).isEqualTo(6_000);
        }

        @Test
        void shares_are_rounded_down_to_whole_basis_points() {
            MassBalance.Figures fig = MassBalance.check(3, Map.of(Element.CO, 3L), Map.of(Element.CO, 2L),
                    List.of(out(1, true), out(2, false)));

            assertThat(fig.efficiencyBasisPoints()).isEqualTo(3_333);
            assertThat(fig.recoveryBasisPoints()).containsEntry(Element.CO, 6_666);
        }

        @Test
        void every_broken_rule_is_reported_at_once() {
            LedgerException e = broken(() -> MassBalance.check(100, Map.of(Element.LI, 101L),
                    Map.of(Element.LI, 102L), List.of(out(101, true))));

            assertThat(e.detail()).contains("outputs weigh 101 g", "elements declared in the input weigh 101 g",
                    "LI recovered 102 g", "recovered elements weigh 102 g");
        }

        @Test
        void an_empty_input_has_zero_efficiency_rather_than_a_division_by_zero() {
            MassBalance.Figures fig = MassBalance.check(0, Map.of(), Map.of(), List.of());

            assertThat(fig.efficiencyBasisPoints()).isZero();
            assertThat(fig.recoveryBasisPoints()).isEmpty();
        }
    }
}
