package org.batteryledger.chaincode.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {"914403001922038216", "91330100716105852F", "9144030071526726XG"})
    void accepts_published_unified_social_credit_codes(String code) {
        assertThat(Uscc.problem(code)).isEmpty();
    }

    @Test
    void rejects_a_wrong_check_character_and_names_the_right_one() {
        assertThat(Uscc.problem("914403001922038217")).get().asString().contains("'7'").contains("'6'");
    }

    @Test
    void rejects_characters_outside_the_gb_32100_alphabet() {
        assertThat(Uscc.problem("9144030019220382I6")).get().asString().contains("character 17");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91440300192203821", "9144030019220382160"})
    void rejects_codes_that_are_not_18_characters(String code) {
        assertThat(Uscc.problem(code)).get().asString().contains("18 characters");
    }

    @Test
    void completes_17_characters_with_the_check_character() {
        assertThat(Uscc.withCheckCharacter("91440300192203821")).isEqualTo("914403001922038216");
        assertThatThrownBy(() -> Uscc.withCheckCharacter("9144")).isInstanceOf(IllegalArgumentException.class);
    }
}
