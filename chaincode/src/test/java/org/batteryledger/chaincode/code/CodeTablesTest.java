package org.batteryledger.chaincode.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodeTablesTest {

    /** A fresh copy of the shipped resource, for tests that change one property. */
    static Properties standardProperties() {
        Properties p = new Properties();
        try (InputStream in = CodeTables.class.getResourceAsStream(CodeTables.RESOURCE)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static Properties with(String key, String value) {
        Properties p = standardProperties();
        p.setProperty(key, value);
        return p;
    }

    @Nested
    class The_shipped_resource {

        @Test
        void loads_and_is_cached() {
            assertThat(CodeTables.standard()).isSameAs(CodeTables.standard());
        }

        @Test
        void has_eight_battery_types_in_letter_order() {
            assertThat(CodeTables.standard().batteryTypes())
                    .extracting(BatteryType::letter)
                    .containsExactly('A', 'B', 'C', 'D', 'E', 'F', 'G', 'Z');
            assertThat(CodeTables.standard().batteryTypes())
                    .extracting(BatteryType::key)
                    .containsExactly("NIMH", "LFP", "LMO", "LCO", "NCM", "SUPERCAPACITOR", "LTO", "OTHER");
        }

        @Test
        void reads_the_chinese_names_as_utf_8() {
            assertThat(CodeTables.standard().batteryType('B').nameZh()).isEqualTo("磷酸铁锂电池");
            assertThat(CodeTables.standard().batteryType('E').nameEn()).isEqualTo("Ternary (NCM/NCA)");
        }

        @Test
        void carries_the_evidence_marker_of_each_battery_type() {
            assertThat(CodeTables.standard().batteryType('B').confidence()).isEqualTo("secondary");
            assertThat(CodeTables.standard().batteryType('A').confidence()).isEqualTo("unconfirmed");
        }

        @Test
        void marks_lfp_lmo_lco_ncm_and_lto_as_lithium_based() {
            assertThat(CodeTables.standard().batteryTypes())
                    .filteredOn(BatteryType::lithiumBased)
                    .extracting(BatteryType::letter)
                    .containsExactly('B', 'C', 'D', 'E', 'G');
        }

        @Test
        void has_no_battery_type_for_an_unlisted_letter() {
            assertThat(CodeTables.standard().batteryType('H')).isNull();
            assertThat(CodeTables.standard().batteryType('\u00E9')).isNull();
        }

        @Test
        void has_the_31_character_default_date_alphabet_and_the_nio_day_alias() {
            assertThat(CodeTables.standard().dateAlphabet()).isEqualTo("123456789ABCDEFGHJKLMNPRSTUVWXY");
            assertThat(CodeTables.standard().dayAliases()).isEqualTo(Map.of('0', 31));
            assertThat(CodeTables.standard().firstYear()).isEqualTo(2011);
            assertThat(CodeTables.standard().lastYear()).isEqualTo(2041);
        }

        @ParameterizedTest
        @CsvSource({"2017-01-01, 711", "2020-10-10, AAA", "2025-12-25, FCS", "2028-02-29, J2W"})
        void encodes_dates_as_the_sources_do(LocalDate date, String expected) {
            // 7 = 2017 and F = 2025 (NIO generator), A = 2020, J = 2028 (decoder JSON), domain.md §1.5.
            assertThat(CodeTables.standard().encodeDate(date)).isEqualTo(expected);
        }
    }

    @Nested
    class Loading_other_tables {

        @Test
        void accepts_the_nio_alphabet_because_the_zero_alias_supplies_day_31() {
            CodeTables nio = CodeTables.load(with("date.alphabet", "123456789ABCDEFGHJKLMNPRSTVWXY"));

            assertThat(nio.lastYear()).isEqualTo(2040);
        }

        @Test
        void rejects_the_nio_alphabet_without_an_alias_for_day_31() {
            Properties p = with("date.alphabet", "123456789ABCDEFGHJKLMNPRSTVWXY");
            p.setProperty("date.day-aliases", "");

            assertThatThrownBy(() -> CodeTables.load(p))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("day 31");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "123456789ABCDEFGHIJKLMNPRSTUVWX", // contains I
            "123456789ABCDEFGHJKLMNOPRSTUVWX", // contains O
            "123456789ABCDEFGHJKLMNPQRSTUVWX", // contains Q
            "123456789ABCDEFGHJKLMNPRSTUVWXX", // repeats X
            "123456789ABCDEFGHJKLMNPRSTUVWXYZ", // 32 characters
            "123456789AB",                      // 11 characters: no December
            "123456789abcdefghjklmnprstuvwxy", // lower case
            "123456789ABCDEFGHJKLMNPRSTUVWX-", // punctuation
        })
        void rejects_a_broken_alphabet(String alphabet) {
            assertThatThrownBy(() -> CodeTables.load(with("date.alphabet", alphabet)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Y=31", "0=32", "0=0", "0", "0=x", "I=31", "0=31,0=30"})
        void rejects_a_broken_day_alias(String aliases) {
            assertThatThrownBy(() -> CodeTables.load(with("date.day-aliases", aliases)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "LFP|Lithium iron phosphate|磷酸铁锂电池",            // three columns
            "LFP|Lithium iron phosphate|磷酸铁锂电池|probable",   // unknown confidence
            "|Lithium iron phosphate|磷酸铁锂电池|secondary",     // empty key
            "NCM|Lithium iron phosphate|磷酸铁锂电池|secondary",  // key used by E too
            "lfp|Lithium iron phosphate|磷酸铁锂电池|secondary",  // lower-case key
        })
        void rejects_a_broken_battery_type_row(String row) {
            assertThatThrownBy(() -> CodeTables.load(with("battery-type.B", row)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejects_a_battery_type_letter_that_is_not_one_character() {
            assertThatThrownBy(() -> CodeTables.load(with("battery-type.BB", "XX|x|x|unconfirmed")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejects_an_unknown_property_so_a_typo_cannot_go_unnoticed() {
            assertThatThrownBy(() -> CodeTables.load(with("date.alphbet", "123456789ABCDEFGHJKLMNPRSTUVWXY")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("date.alphbet");
        }

        @Test
        void rejects_tables_without_an_alphabet() {
            Properties p = standardProperties();
            p.remove("date.alphabet");

            assertThatThrownBy(() -> CodeTables.load(p)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejects_tables_without_battery_types() {
            Properties p = new Properties();
            p.setProperty("date.alphabet", "123456789ABCDEFGHJKLMNPRSTUVWXY");

            assertThatThrownBy(() -> CodeTables.load(p))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("battery-type");
        }

        @Test
        void lets_an_operator_add_a_battery_type_letter() {
            CodeTables extended = CodeTables.load(with("battery-type.H", "SODIUM_ION|Sodium-ion|钠离子电池|unconfirmed"));

            assertThat(new BatteryCodeParser(extended).parse("X12MHPM27KLPCLG2M2382320", null).batteryType().key())
                    .isEqualTo("SODIUM_ION");
            assertThat(extended.batteryType('H').lithiumBased()).isFalse();
        }
    }
}
