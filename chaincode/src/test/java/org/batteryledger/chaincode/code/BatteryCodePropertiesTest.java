package org.batteryledger.chaincode.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties over random codes. The allowed character class of each position is written out
 * here independently of the parser (domain.md §6.4 strict core, default tables), so the parser
 * is checked against the specification rather than against itself.
 */
class BatteryCodePropertiesTest {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LEVELS = "PMC";
    private static final String TYPES = "ABCDEFGZ";
    private static final String DATE = "123456789ABCDEFGHJKLMNPRSTUVWXY";
    private static final String MONTHS = DATE.substring(0, 12);
    private static final String DAYS = DATE + "0";
    private static final String DIGITS = "0123456789";

    private static final String[] STANDARD_CLASSES = {
        ALNUM, ALNUM, ALNUM, LEVELS, TYPES, ALNUM, ALNUM,
        ALNUM, ALNUM, ALNUM, ALNUM, ALNUM, ALNUM, ALNUM,
        DATE, MONTHS, DAYS,
        DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS
    };
    private static final String[] CASCADE_CLASSES = {
        ALNUM, ALNUM, ALNUM, LEVELS, TYPES, ALNUM, ALNUM,
        DATE, MONTHS, DAYS,
        DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS,
        "R", LEVELS
    };

    private static final LocalDate FIRST = LocalDate.of(2011, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2041, 12, 31);

    /** The fields a code is generated from. */
    record Fields(String manufacturer, Level level, char type, String spec, String trace, LocalDate date,
            String serial, Level cascadeSuffix) {

        boolean cascade() {
            return cascadeSuffix != null;
        }

        String code() {
            return manufacturer + level.letter() + type + spec + (cascade() ? "" : trace)
                    + BatteryCodes.encodeDate(date) + serial + (cascade() ? "R" + cascadeSuffix.letter() : "");
        }
    }

    @Provide
    Arbitrary<Fields> fields() {
        Arbitrary<String> mfr = Arbitraries.strings().withChars(ALNUM).ofLength(3);
        Arbitrary<Level> level = Arbitraries.of(Level.class);
        Arbitrary<Character> type = Arbitraries.of(TYPES.toCharArray());
        Arbitrary<String> spec = Arbitraries.strings().withChars(ALNUM).ofLength(2);
        Arbitrary<String> trace = Arbitraries.strings().withChars(ALNUM).ofLength(7);
        Arbitrary<LocalDate> date = Arbitraries.longs().between(FIRST.toEpochDay(), LAST.toEpochDay())
                .map(LocalDate::ofEpochDay);
        Arbitrary<String> serial = Arbitraries.integers().between(1, 9_999_999).map(n -> String.format("%07d", n));
        Arbitrary<Level> suffix = Arbitraries.of(Level.class).injectNull(0.5);
        return Combinators.combine(mfr, level, type, spec, trace, date, serial, suffix).as(Fields::new);
    }

    @Property(tries = 2000)
    void a_code_built_from_valid_fields_parses_back_to_exactly_those_fields(@ForAll("fields") Fields f) {
        BatteryCode parsed = BatteryCodes.parse(f.code(), LAST);

        assertThat(parsed.value()).isEqualTo(f.code());
        assertThat(parsed.form()).isEqualTo(f.cascade() ? CodeForm.CASCADE : CodeForm.STANDARD);
        assertThat(parsed.manufacturer()).isEqualTo(f.manufacturer());
        assertThat(parsed.level()).isEqualTo(f.level());
        assertThat(parsed.batteryType().letter()).isEqualTo(f.type());
        assertThat(parsed.specification()).isEqualTo(f.spec());
        assertThat(parsed.traceability()).isEqualTo(f.cascade() ? null : f.trace());
        assertThat(parsed.productionDate()).isEqualTo(f.date());
        assertThat(parsed.serial()).isEqualTo(f.serial());
        assertThat(parsed.cascadeSuffix()).isEqualTo(f.cascadeSuffix());
    }

    /** A valid code, a position in it, and a character that the position does not allow. */
    record Mutation(String code, int index, char replacement) {
        String mutated() {
            return code.substring(0, index) + replacement + code.substring(index + 1);
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return fields().flatMap(f -> {
            String code = f.code();
            String[] classes = f.cascade() ? CASCADE_CLASSES : STANDARD_CLASSES;
            return Arbitraries.integers().between(0, code.length() - 1).flatMap(i -> outside(classes[i])
                    .map(c -> new Mutation(code, i, c)));
        });
    }

    /** Any character not in {@code allowed}: ASCII (lower case, punctuation, I/O/Q, ...) or beyond. */
    private static Arbitrary<Character> outside(String allowed) {
        Arbitrary<Character> ascii = Arbitraries.chars().range('\u0000', '\u007f');
        Arbitrary<Character> other = Arbitraries.of('\u00a0', '\u00e9', '\u3000', '\uff10', '\uff21', '\ud800', '\uffff');
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(9, ascii),
                        net.jqwik.api.Tuple.of(1, other))
                .filter(c -> allowed.indexOf(c) < 0);
    }

    @Property(tries = 2000)
    void a_character_outside_its_position_class_is_reported_at_that_position(@ForAll("mutations") Mutation m) {
        List<CodeViolation> violations = BatteryCodes.violations(m.mutated(), null);

        assertThat(violations).extracting(CodeViolation::position).contains(m.index() + 1);
        assertThat(violations).filteredOn(v -> v.position() == m.index() + 1)
                .allSatisfy(v -> assertThat(v.length()).isEqualTo(1));
    }
}
