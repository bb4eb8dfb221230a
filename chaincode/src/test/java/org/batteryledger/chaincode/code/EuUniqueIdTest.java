package org.batteryledger.chaincode.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EuUniqueIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"A", "7", "LEABC123456789", "UN.123.456/ABC-99", "0ABCDEFGHIJKLMNOPQRSTUVWXYZ-./0123456789ABCDEFGHIJ"})
    void accepts_identifiers_in_the_iso_iec_15459_character_set(String value) {
        assertThat(EuUniqueId.of(value).value()).isEqualTo(value);
        assertThat(EuUniqueId.isValid(value)).isTrue();
    }

    @Test
    void accepts_exactly_fifty_characters() {
        assertThat(EuUniqueId.of("A".repeat(50)).value()).hasSize(50);
    }

    @Test
    void rejects_fifty_one_characters() {
        assertThatThrownBy(() -> EuUniqueId.of("A".repeat(51)))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("51 characters");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {""})
    void rejects_a_missing_identifier(String value) {
        assertThatThrownBy(() -> EuUniqueId.of(value))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.error()).isEqualTo(LedgerError.INVALID_CODE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-ABC", ".ABC", "/ABC"})
    void rejects_an_identifier_starting_with_punctuation(String value) {
        assertThatThrownBy(() -> EuUniqueId.of(value))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("position 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB C", "AB_C", "AB+C", "ABÉ", "AB:C", "AB\tC"})
    void rejects_characters_outside_the_licence_plate_set(String value) {
        assertThatThrownBy(() -> EuUniqueId.of(value))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("position 3");
    }

    @Test
    void rejects_lower_case_instead_of_upper_casing() {
        assertThatThrownBy(() -> EuUniqueId.of("LEabc"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("upper case");
    }

    @Test
    void validates_in_the_constructor_too() {
        assertThatThrownBy(() -> new EuUniqueId("bad id")).isInstanceOf(LedgerException.class);
    }

    @Test
    void equals_another_identifier_with_the_same_value() {
        assertThat(EuUniqueId.of("LE123")).isEqualTo(new EuUniqueId("LE123"));
        assertThat(EuUniqueId.of("LE123")).hasToString("LE123");
    }
}
