package org.batteryledger.chaincode.unit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VinTest {

    @Test
    void accepts_a_vin_whose_check_digit_is_x() {
        assertThat(Vin.problem("1M8GDM9AXKP042788")).isEmpty();
    }

    @Test
    void rejects_a_wrong_check_digit_and_names_the_expected_one() {
        assertThat(Vin.problem("1M8GDM9A1KP042788")).get().asString().contains("position 9").contains("'X'");
    }

    @Test
    void rejects_i_o_and_q() {
        assertThat(Vin.problem("1M8GDM9AXKP04278O")).get().asString().contains("character 17");
    }

    @Test
    void rejects_a_vin_that_is_not_17_characters() {
        assertThat(Vin.problem("1M8GDM9AXKP04278")).get().asString().contains("17 characters");
    }

    @Test
    void with_check_digit_produces_a_valid_vin() {
        assertThat(Vin.problem(Vin.withCheckDigit("LSV0A000000000001"))).isEmpty();
    }
}
