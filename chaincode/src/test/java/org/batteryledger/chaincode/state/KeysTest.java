package org.batteryledger.chaincode.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void builds_exactly_the_shims_composite_key() {
        assertThat(Keys.of("idx~holder", "91350900MA2XK3L41N", "NP1PEA1TRACE01G1F0000001"))
                .isEqualTo(new CompositeKey("idx~holder", "91350900MA2XK3L41N", "NP1PEA1TRACE01G1F0000001").toString());
        assertThat(Keys.of("bootstrap")).isEqualTo(new CompositeKey("bootstrap").toString());
    }

    @Test
    void reads_back_the_last_attribute() {
        String key = new CompositeKey("idx~status", "IN_USE", "NP1PEA1TRACE01G1F0000001").toString();

        assertThat(Keys.lastAttribute(key)).isEqualTo("NP1PEA1TRACE01G1F0000001");
    }

    @Test
    void refuses_a_segment_with_the_separator() {
        assertThatThrownBy(() -> Keys.of("unit", "A\u0000B")).hasMessageStartingWith("INVALID_ARGUMENT");
    }
}
