package org.batteryledger.chaincode.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.json.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatteryCodeParserTest {

    /** The transaction date the tests register codes at. */
    static final LocalDate TX_DATE = LocalDate.of(2026, 11, 28);

    static final String CATENA_X_EXAMPLE = "X12MCPM27KLPCLX2M2382320";

    @Nested
    class Standard_form {

        @ParameterizedTest(name = "{0}")
        @CsvSource({
            // code,                      mfr, level,  type, spec, trace,   date,       serial
            "ABCPEA1TRACE01G3F0000001,    ABC, PACK,   NCM,  A1,   TRACE01, 2026-03-15, 0000001",
            "0Z9CB123456789BAY9999999,    0Z9, CELL,   LFP,  12,   3456789, 2021-10-31, 9999999",
            "CATMZK9J000001E2W1234567,    CAT, MODULE, OTHER, K9,  J000001, 2024-02-29, 1234567",
            "BYDPGSBABCDEFGE100000010,    BYD, PACK,   LTO,  SB,   ABCDEFG, 2024-01-31, 0000010",
            "111MA0000000001110000001,    111, MODULE, NIMH, 00,   0000000, 2011-01-01, 0000001",
            "ZZZCF99ZZZZZZZYCY0000002,    ZZZ, CELL,   SUPERCAPACITOR, 99, ZZZZZZZ, 2041-12-31, 0000002",
            "LGCCDX1PLANT9JBBN0001000,    LGC, CELL,   LCO,  X1,   PLANT9J, 2021-11-22, 0001000",
        })
        void decodes_every_field_of_a_valid_code(String code, String mfr, Level level, String typeKey, String spec,
                String trace, LocalDate date, String serial) {
            BatteryCode parsed = BatteryCodes.parse(code, null);

            assertThat(parsed.value()).isEqualTo(code);
            assertThat(parsed.form()).isEqualTo(CodeForm.STANDARD);
            assertThat(parsed.isCascade()).isFalse();
            assertThat(parsed.manufacturer()).isEqualTo(mfr);
            assertThat(parsed.level()).isEqualTo(level);
            assertThat(parsed.batteryType().key()).isEqualTo(typeKey);
            assertThat(parsed.specification()).isEqualTo(spec);
            assertThat(parsed.traceability()).isEqualTo(trace);
            assertThat(parsed.productionDate()).isEqualTo(date);
            assertThat(parsed.serial()).isEqualTo(serial);
            assertThat(parsed.cascadeSuffix()).isNull();
        }

        /**
         * The Catena-X TTL example value is synthetic (domain.md §1.3): its date X2M decodes, with
         * the default alphabet, to 2040-02-21 (X is index 30, so 2010 + 30).
         */
        @Test
        void decodes_the_synthetic_catena_x_example_when_no_date_limit_applies() {
            BatteryCode parsed = BatteryCodes.parse(CATENA_X_EXAMPLE, null);

            assertThat(parsed.manufacturer()).isEqualTo("X12");
            assertThat(parsed.level()).isEqualTo(Level.MODULE);
            assertThat(parsed.batteryType().letter()).isEqualTo('C');
            assertThat(parsed.specification()).isEqualTo("PM");
            assertThat(parsed.traceability()).isEqualTo("27KLPCL");
            assertThat(parsed.productionDate()).isEqualTo(LocalDate.of(2040, 2, 21));
            assertThat(parsed.serial()).isEqualTo("2382320");
            assertThat(BatteryCodes.parse(CATENA_X_EXAMPLE, LocalDate.of(2040, 2, 21)).productionDate())
                    .isEqualTo(LocalDate.of(2040, 2, 21));
        }

        @Test
        void rejects_the_synthetic_catena_x_example_at_a_2026_transaction_because_2040_is_in_the_future() {
            assertThat(BatteryCodes.violations(CATENA_X_EXAMPLE, TX_DATE))
                    .extracting(CodeViolation::position, CodeViolation::length, CodeViolation::field)
                    .containsExactly(tuple(15, 3, "production date"));
            assertThatThrownBy(() -> BatteryCodes.parse(CATENA_X_EXAMPLE, TX_DATE))
                    .hasMessageContaining("2040-02-21 is after 2026-11-28");
        }

        @Test
        void accepts_a_code_made_on_the_transaction_date_itself() {
            String code = "ABCPEA1TRACE01" + BatteryCodes.encodeDate(TX_DATE) + "0000001";

            assertThat(BatteryCodes.parse(code, TX_DATE).productionDate()).isEqualTo(TX_DATE);
        }

        @Test
        void returns_no_violations_for_a_valid_code() {
            assertThat(BatteryCodes.violations("ABCPEA1TRACE01G3F0000001", TX_DATE)).isEmpty();
        }
    }

    @Nested
    class Invalid_codes {

        @ParameterizedTest(name = "{0}: {3}")
        @CsvSource(delimiter = '|', value = {
            // code                      | position | field               | case
            "X12MCPM27KLPCLG2M238232     | 1  | length              | 23 characters",
            "X12MCPM27KLPCLG2M23823201   | 1  | length              | 25 characters",
            "X12XCPM27KLPCLG2M2382320    | 4  | product type        | product type X",
            "X12MHPM27KLPCLG2M2382320    | 5  | battery type        | battery type H",
            "X12M1PM27KLPCLG2M2382320    | 5  | battery type        | battery type 1",
            "x12MCPM27KLPCLG2M2382320    | 1  | manufacturer code   | lower-case manufacturer",
            "X12MCpM27KLPCLG2M2382320    | 6  | specification code  | lower-case specification",
            "X12MC-M27KLPCLG2M2382320    | 6  | specification code  | punctuation in specification",
            "X12MCPM27KLPCLI2M2382320    | 15 | production year     | I in the year",
            "X12MCPM27KLPCLGOM2382320    | 16 | production month    | O in the month",
            "X12MCPM27KLPCLG2Q2382320    | 17 | production day      | Q in the day",
            "X12MCPM27KLPCLZ2M2382320    | 15 | production year     | Z in the year",
            "X12MCPM27KLPCL02M2382320    | 15 | production year     | day alias 0 in the year",
            "X12MCPM27KLPCLGDM2382320    | 16 | production month    | month D (13)",
            "X12MCPM27KLPCLD2X2382320    | 17 | production day      | 2023-02-30",
            "X12MCPM27KLPCLD2W2382320    | 17 | production day      | 2023-02-29 (not a leap year)",
            "X12MCPM27KLPCLG4Y2382320    | 17 | production day      | 2026-04-31",
            "X12MCPM27KLPCLG2M0000000    | 18 | serial number       | serial 0000000",
            "X12MCPM27KLPCLG2M23823A0    | 23 | serial number       | letter in the serial",
            "X12MCPM27KLPCLX2M2382320    | 15 | production date     | 2040-02-21 after the transaction date",
            "X12MCPM27KLPCLGC12382320    | 15 | production date     | 2026-12-01 after the transaction date",
        })
        void reports_the_position_and_field_of_the_broken_rule(String code, int position, String field, String ignored) {
            List<CodeViolation> violations = BatteryCodes.violations(code, TX_DATE);

            assertThat(violations).extracting(CodeViolation::position, CodeViolation::field)
                    .containsExactly(tuple(position, field));
            assertThatThrownBy(() -> BatteryCodes.parse(code, TX_DATE))
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.error()).isEqualTo(LedgerError.INVALID_CODE));
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "   ", "\t"})
        void rejects_a_missing_or_blank_code_as_a_length_violation(String code) {
            assertThat(BatteryCodes.violations(code, TX_DATE)).extracting(CodeViolation::field).containsExactly("length");
            assertThatThrownBy(() -> BatteryCodes.parse(code, TX_DATE)).isInstanceOf(LedgerException.class);
        }

        @Test
        void rejects_lower_case_codes_instead_of_upper_casing_them() {
            String lower = "abcpea1trace01g3f0000001";

            List<CodeViolation> violations = BatteryCodes.violations(lower, TX_DATE);

            assertThat(violations).isNotEmpty();
            assertThat(violations).allSatisfy(v -> assertThat(v.rule()).contains("codes are upper case"));
            assertThat(violations).extracting(CodeViolation::position)
                    .containsExactly(1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 15, 17);
        }

        @Test
        void rejects_whitespace_inside_a_code() {
            assertThat(BatteryCodes.violations("X12MCPM27KLP LG2M2382320", TX_DATE))
                    .extracting(CodeViolation::position, CodeViolation::field, CodeViolation::rule)
                    .containsExactly(tuple(13, "traceability code", "U+0020 is whitespace (codes contain no spaces)"));
        }

        @Test
        void names_the_stray_space_that_makes_a_padded_code_too_long() {
            assertThat(BatteryCodes.violations("ABCPEA1TRACE01G3F0000001 ", TX_DATE))
                    .extracting(CodeViolation::position, CodeViolation::field)
                    .containsExactly(tuple(1, "length"), tuple(25, "character"));
        }

        @Test
        void rejects_non_ascii_characters() {
            assertThat(BatteryCodes.violations("X12MCPM27KLPCLG2M238232\uFF10", TX_DATE))
                    .extracting(CodeViolation::position, CodeViolation::rule)
                    .containsExactly(tuple(24, "U+FF10 is not a digit"));
        }

        @Test
        void reports_all_violations_together_in_position_order() {
            List<CodeViolation> violations = BatteryCodes.violations("x12MHPM27KLPCLI2M0000000", TX_DATE);

            assertThat(violations).extracting(CodeViolation::position, CodeViolation::field).containsExactly(
                    tuple(1, "manufacturer code"),
                    tuple(5, "battery type"),
                    tuple(15, "production year"),
                    tuple(18, "serial number"));
        }

        @Test
        void reports_an_impossible_date_and_a_bad_serial_together() {
            assertThat(BatteryCodes.violations("X12MCPM27KLPCLD2X0000000", TX_DATE))
                    .extracting(CodeViolation::position).containsExactly(17, 18);
        }

        @Test
        void names_every_violation_in_the_exception_detail() {
            assertThatThrownBy(() -> BatteryCodes.parse("x12MHPM27KLPCLI2M0000000", TX_DATE))
                    .isInstanceOfSatisfying(LedgerException.class, e -> {
                        assertThat(e.error()).isEqualTo(LedgerError.INVALID_CODE);
                        assertThat(e.detail()).isEqualTo("code x12MHPM27KLPCLI2M0000000: "
                                + "position 1 (manufacturer code): 'x' is lower case (codes are upper case); "
                                + "position 5 (battery type): 'H' is not a battery type (A, B, C, D, E, F, G, Z); "
                                + "position 15 (production year): 'I' is not a date character (I, O, Q are never used); "
                                + "position 18 (serial number): 0000000 is not a serial number"
                                + " (serials run 0000001-9999999 within a production day)");
                        assertThat(e.getMessage()).startsWith("INVALID_CODE: code x12MHPM27KLPCLI2M0000000: ");
                    });
        }

        @Test
        void names_the_impossible_date_in_the_day_violation() {
            assertThat(BatteryCodes.violations("X12MCPM27KLPCLD2X2382320", TX_DATE))
                    .extracting(CodeViolation::describe)
                    .containsExactly("position 17 (production day): 2023-02-30 is not a calendar date"
                            + " (February 2023 has 28 days)");
        }

        @Test
        void explains_a_month_character_beyond_twelve() {
            assertThat(BatteryCodes.violations("X12MCPM27KLPCLGDM2382320", TX_DATE))
                    .extracting(CodeViolation::rule)
                    .containsExactly("'D' stands for 13, not a month (months are 1-9, A-C)");
        }

        @Test
        void truncates_a_very_long_code_in_the_exception_detail() {
            String longCode = "A".repeat(10_000);

            assertThatThrownBy(() -> BatteryCodes.parse(longCode, TX_DATE))
                    .isInstanceOfSatisfying(LedgerException.class, e -> {
                        assertThat(e.detail()).startsWith("code " + "A".repeat(64) + "...: position 1 (length): 10000 characters");
                        assertThat(e.detail().length()).isLessThan(300);
                    });
        }
    }

    @Nested
    class Cascade_form {

        @Test
        void decodes_a_cascade_use_code_without_traceability() {
            BatteryCode parsed = BatteryCodes.parse("R01MB01G5A0000001RM", TX_DATE);

            assertThat(parsed.form()).isEqualTo(CodeForm.CASCADE);
            assertThat(parsed.isCascade()).isTrue();
            assertThat(parsed.manufacturer()).isEqualTo("R01");
            assertThat(parsed.level()).isEqualTo(Level.MODULE);
            assertThat(parsed.batteryType().key()).isEqualTo("LFP");
            assertThat(parsed.specification()).isEqualTo("01");
            assertThat(parsed.traceability()).isNull();
            assertThat(parsed.productionDate()).isEqualTo(LocalDate.of(2026, 5, 10));
            assertThat(parsed.serial()).isEqualTo("0000001");
            assertThat(parsed.cascadeSuffix()).isEqualTo(Level.MODULE);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "R01PE01G5A0000001RC | PACK   | CELL",
            "R01CE01G5A0000001RP | CELL   | PACK",
        })
        void reads_the_level_after_the_r_marker_independently_of_position_four(String code, Level level, Level suffix) {
            BatteryCode parsed = BatteryCodes.parse(code, TX_DATE);

            assertThat(parsed.level()).isEqualTo(level);
            assertThat(parsed.cascadeSuffix()).isEqualTo(suffix);
        }

        @ParameterizedTest(name = "{0}: {3}")
        @CsvSource(delimiter = '|', value = {
            "R01MB01G5A0000001XM | 18 | cascade marker   | no R marker",
            "R01MB01G5A0000001RX | 19 | cascade level    | X is not a level",
            "R01MB01G5A0000000RM | 11 | serial number    | serial 0000000",
            "R01MB01GDA0000001RM | 9  | production month | month D",
            "R01MB01G2X0000001RM | 10 | production day   | 2026-02-30",
            "R01MB01H5A0000001RM | 8  | production date  | 2027 after the transaction date",
            "R01MB01G5A0000001R  | 1  | length           | 18 characters",
        })
        void rejects_a_broken_cascade_use_code_at_the_right_position(String code, int position, String field, String ignored) {
            assertThat(BatteryCodes.violations(code, TX_DATE))
                    .extracting(CodeViolation::position, CodeViolation::field)
                    .containsExactly(tuple(position, field));
        }
    }

    @Nested
    class Date_alphabet {

        static CodeTables nioVariant() {
            Properties p = CodeTablesTest.standardProperties();
            p.setProperty("date.alphabet", "123456789ABCDEFGHJKLMNPRSTVWXY");
            return CodeTables.load(p);
        }

        @Test
        void decodes_day_v_as_28_with_the_default_alphabet() {
            assertThat(BatteryCodes.parse("ABCPEA1TRACE01G1V0000001", null).productionDate())
                    .isEqualTo(LocalDate.of(2026, 1, 28));
        }

        @Test
        void decodes_day_v_as_27_with_the_nio_alphabet_without_u() {
            BatteryCodeParser nio = new BatteryCodeParser(nioVariant());

            assertThat(nio.parse("ABCPEA1TRACE01G1V0000001", null).productionDate())
                    .isEqualTo(LocalDate.of(2026, 1, 27));
        }

        @Test
        void rejects_u_with_the_nio_alphabet() {
            BatteryCodeParser nio = new BatteryCodeParser(nioVariant());

            assertThat(nio.violations("ABCPEA1TRACE01G1U0000001", null))
                    .extracting(CodeViolation::position, CodeViolation::rule)
                    .containsExactly(tuple(17, "'U' is not a date character (the date alphabet is 1-9, A-H, J-N, P, R-T, V-Y)"));
        }

        @Test
        void reaches_day_31_through_the_zero_alias_with_the_nio_alphabet() {
            BatteryCodeParser nio = new BatteryCodeParser(nioVariant());

            assertThat(nio.parse("ABCPEA1TRACE01G10" + "0000001", null).productionDate()).isEqualTo(LocalDate.of(2026, 1, 31));
            assertThat(nio.tables().encodeDate(LocalDate.of(2026, 1, 31))).isEqualTo("G10");
        }

        @Test
        void accepts_the_zero_alias_for_day_31_with_the_default_alphabet_too() {
            assertThat(BatteryCodes.parse("ABCPEA1TRACE01G1Y0000001", null).productionDate())
                    .isEqualTo(BatteryCodes.parse("ABCPEA1TRACE01G100000001", null).productionDate())
                    .isEqualTo(LocalDate.of(2026, 1, 31));
        }

        @Test
        void encodes_day_31_with_the_alphabet_rather_than_the_alias_when_it_can() {
            assertThat(BatteryCodes.encodeDate(LocalDate.of(2026, 1, 31))).isEqualTo("G1Y");
        }

        @Test
        void encodes_the_first_and_last_codable_dates() {
            assertThat(BatteryCodes.encodeDate(LocalDate.of(2011, 1, 1))).isEqualTo("111");
            assertThat(BatteryCodes.encodeDate(LocalDate.of(2041, 12, 31))).isEqualTo("YCY");
        }

        @ParameterizedTest
        @ValueSource(ints = {2010, 2042})
        void refuses_to_encode_a_year_outside_2011_to_2041(int year) {
            assertThatThrownBy(() -> BatteryCodes.encodeDate(LocalDate.of(year, 6, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2011-2041");
        }
    }

    @Nested
    class Transaction_date_limit {

        @Test
        void takes_the_date_in_utc_plus_14_so_no_plant_is_ahead_of_the_limit() {
            // 10:00 UTC on the 27th is already midnight of the 28th in Kiribati (UTC+14).
            assertThat(BatteryCodes.latestDateAt(Instant.parse("2026-11-27T10:00:00Z"))).isEqualTo(TX_DATE);
            assertThat(BatteryCodes.latestDateAt(Instant.parse("2026-11-27T09:59:59Z"))).isEqualTo(TX_DATE.minusDays(1));
        }
    }

    @Nested
    class Levels {

        @Test
        void lets_a_pack_contain_modules_or_cells_and_a_module_contain_cells() {
            assertThat(Level.PACK.canContain(Level.MODULE)).isTrue();
            assertThat(Level.PACK.canContain(Level.CELL)).isTrue();
            assertThat(Level.MODULE.canContain(Level.CELL)).isTrue();
        }

        @Test
        void lets_no_level_contain_its_own_level_a_higher_level_or_anything_in_a_cell() {
            for (Level parent : Level.values()) {
                assertThat(parent.canContain(parent)).isFalse();
                assertThat(parent.canContain(Level.PACK)).isFalse();
                assertThat(Level.CELL.canContain(parent)).isFalse();
                assertThat(parent.canContain(null)).isFalse();
            }
            assertThat(Level.MODULE.canContain(Level.PACK)).isFalse();
        }

        @Test
        void maps_letters_to_levels_and_unknown_letters_to_null() {
            assertThat(Level.ofLetter('P')).isEqualTo(Level.PACK);
            assertThat(Level.ofLetter('M')).isEqualTo(Level.MODULE);
            assertThat(Level.ofLetter('C')).isEqualTo(Level.CELL);
            assertThat(Level.ofLetter('p')).isNull();
            assertThat(Level.ofLetter('X')).isNull();
        }
    }

    @Nested
    class Serialisation {

        @Test
        void round_trips_a_parsed_code_through_the_ledger_json_mapper() {
            BatteryCode parsed = BatteryCodes.parse("R01MB01G5A0000001RM", TX_DATE);

            String json = Json.string(parsed);

            assertThat(json).doesNotContain("\"cascade\"");
            assertThat(Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), BatteryCode.class))
                    .isEqualTo(parsed);
        }
    }
}
