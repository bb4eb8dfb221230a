package org.batteryledger.chaincode.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.unit.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transition table of domain.md §6.2, checked without a ledger. */
class LifecycleTest {

    @ParameterizedTest
    @EnumSource(Action.class)
    void nothing_starts_from_a_terminal_state(Action action) {
        assertThat(Lifecycle.allows(action, Status.RECYCLED)).isFalse();
        assertThat(Lifecycle.allows(action, Status.CONSUMED_INTO_SUCCESSOR)).isFalse();
    }

    @Test
    void every_state_is_reachable_from_produced() {
        Set<Status> seen = EnumSet.of(Status.PRODUCED, Status.CASCADE_PRODUCED);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Action a : Action.values()) {
                for (Status from : EnumSet.copyOf(seen)) {
                    if (Lifecycle.allows(a, from)) {
                        grew |= seen.addAll(reachable(a, from));
                    }
                }
            }
        }
        assertThat(seen).containsAll(EnumSet.allOf(Status.class));
    }

    @Test
    void only_recycling_reaches_recycled_and_only_from_at_recycler() {
        for (Action a : Action.values()) {
            for (Status from : Status.values()) {
                if (Lifecycle.allows(a, from) && reachable(a, from).contains(Status.RECYCLED)) {
                    assertThat(a).isEqualTo(Action.RECORD_RECYCLING);
                    assertThat(from).isEqualTo(Status.AT_RECYCLER);
                }
            }
        }
    }

    @Test
    void a_recycler_receiving_a_unit_makes_it_at_recycler() {
        assertThat(receipt(Status.COLLECTED, Role.RECYCLER)).isEqualTo(Status.AT_RECYCLER);
        assertThat(receipt(Status.WASTE, Role.RECYCLER)).isEqualTo(Status.AT_RECYCLER);
    }

    @Test
    void a_cascade_operator_receiving_a_collected_unit_makes_it_at_cascade_operator() {
        assertThat(receipt(Status.COLLECTED, Role.CASCADE_OPERATOR)).isEqualTo(Status.AT_CASCADE_OPERATOR);
        assertThat(receipt(Status.IN_STOCK, Role.AUTOMAKER)).isEqualTo(Status.IN_STOCK);
    }

    private static Set<Status> reachable(Action a, Status from) {
        Set<Status> out = EnumSet.noneOf(Status.class);
        if (a == Action.ACCEPT_HANDOVER) {
            for (Role r : Role.values()) {
                out.add(receipt(from, r));
            }
        } else if (a == Action.REPURPOSE) {
            out.add(Status.CONSUMED_INTO_SUCCESSOR);
            out.add(Status.CASCADE_PRODUCED);
        } else {
            out.add(Lifecycle.next(Units.unit(from), a));
        }
        return out;
    }

    private static Status receipt(Status from, Role role) {
        return Lifecycle.receipt(Units.unit(from), role);
    }
}
