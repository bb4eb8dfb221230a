package org.batteryledger.chaincode.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.testkit.InMemoryLedger;

/**
 * The invariant checker is not vacuous: on a real world state (one pack recycled, one
 * repurposed) it finds nothing, and each rule fires when the state is corrupted in the way that
 * rule forbids.
 */
class InvariantsSelfCheckTest {
    private static WorldState world;
    private static LifecycleInvariantsProperties.Ended ended;
    private static String successor;

    @BeforeContainer
    static void buildWorld() {
        LedgerFixture f = LedgerFixture.withConsortium();
        ended = LifecycleInvariantsProperties.endTwoPacks(f);
        successor = f.cascadeCode(f.cascadeOperator, 'P', 1);
        world = new WorldState(f.runner.ledger().stateSnapshot());
    }

    /** The world with one stored JSON value edited. */
    private static WorldState edited(String key, Consumer<ObjectNode> edit) {
        TreeMap<String, byte[]> raw = new TreeMap<>(InMemoryLedger.KEY_ORDER);
        raw.putAll(world.raw);
        ObjectNode node = (ObjectNode) Json.tree(new String(raw.get(key), java.nio.charset.StandardCharsets.UTF_8));
        edit.accept(node);
        raw.put(key, Json.bytes(node));
        return new WorldState(raw);
    }

    private static List<String> check(WorldState before, WorldState after, boolean accepted) {
        return Invariants.violations(before, after, accepted);
    }

    private static List<String> check(WorldState w) {
        return check(w, w, true);
    }

    @Example
    void a_consistent_world_breaks_no_rule() {
        assertThat(world.units).containsKeys(successor);
        assertThat(world.batches).containsKey("B-SETUP");
        assertThat(check(world)).isEmpty();
    }

    @Example
    void level_must_match_code_position_4() {
        assertThat(check(edited(Keys.unit(successor), n -> n.put("level", "CELL")))).anyMatch(v -> v.startsWith("[1]"));
    }

    @Example
    void a_terminal_unit_must_not_change() {
        String recycled = ended.codes().get(0);
        WorldState after = edited(Keys.unit(recycled), n -> n.put("version", 99));
        assertThat(check(world, after, true)).anyMatch(v -> v.startsWith("[2]"));
    }

    @Example
    void the_holder_must_be_registered_and_indexed() {
        assertThat(check(edited(Keys.unit(successor), n -> n.put("holder", "910000000000000999"))))
                .anyMatch(v -> v.startsWith("[3]") && v.contains("not a registered participant"))
                .anyMatch(v -> v.startsWith("[3]") && v.contains("holder index"));
    }

    @Example
    void an_offer_is_made_by_the_holder_and_can_be_answered() {
        List<String> broken = check(edited(Keys.unit(successor), n -> n.putObject("pendingHandover")
                .put("from", "910000000000000040").put("to", "91000000000000010L").put("offerTxId", "t1")
                .put("offeredAt", "2026-06-01T08:00:00Z")));
        assertThat(broken).anyMatch(v -> v.startsWith("[3]") && v.contains("was offered by"))
                .anyMatch(v -> v.startsWith("[3]") && v.contains("receiver index"));
    }

    @Example
    void parent_and_child_must_name_each_other() {
        String module = ended.codes().get(1);
        assertThat(check(edited(Keys.unit(module), n -> n.putNull("parent")))).anyMatch(v -> v.startsWith("[4]"));
    }

    @Example
    void successor_and_origin_must_name_each_other() {
        assertThat(check(edited(Keys.unit(successor), n -> n.putArray("origins"))))
                .anyMatch(v -> v.startsWith("[5]"));
    }

    @Example
    void a_stored_batch_must_balance() {
        String key = Keys.batch("B-SETUP");
        assertThat(check(edited(key, n -> n.put("outputMassGrams", 500_000)))).anyMatch(v -> v.startsWith("[6]"));
        assertThat(check(edited(key, n -> ((ObjectNode) n.get("elementsRecovered")).put("LI", 9_000))))
                .anyMatch(v -> v.startsWith("[6]"));
        assertThat(check(edited(key, n -> n.put("recyclingEfficiencyBasisPoints", 10_001))))
                .anyMatch(v -> v.startsWith("[6]"));
    }

    @Example
    void a_rejected_operation_must_change_nothing() {
        WorldState after = edited(Keys.unit(successor), n -> n.put("version", 99));
        assertThat(check(world, after, false)).anyMatch(v -> v.startsWith("[7]"));
        assertThat(check(world, world, false)).isEmpty();
    }

    @Example
    void waste_carries_eu_status_waste_and_only_packs_carry_a_vin() {
        assertThat(check(edited(Keys.unit(successor), n -> n.put("status", "AT_RECYCLER"))))
                .anyMatch(v -> v.startsWith("[8]"));
        assertThat(check(edited(Keys.unit(successor), n -> n.put("vin", LedgerFixture.vin(1)))))
                .anyMatch(v -> v.startsWith("[8]"));
    }
}
