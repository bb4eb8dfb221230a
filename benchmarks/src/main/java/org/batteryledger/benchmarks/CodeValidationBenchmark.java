package org.batteryledger.benchmarks;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.batteryledger.chaincode.code.BatteryCode;
import org.batteryledger.chaincode.code.BatteryCodeParser;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.code.CodeViolation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * GB/T 34014 code validation throughput (target: at least 1,000,000 codes per second on one
 * core), against a same-run baseline of the domain.md §6.4 strict-core regex. The regex only
 * checks character classes; the parser also decodes the fields, checks the calendar date and
 * the transaction-date limit, and builds a {@link BatteryCode}, so the comparison favours the
 * regex.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CodeValidationBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
public class CodeValidationBenchmark {

    private static final int SIZE = 4096; // power of two: the index wraps with a mask
    private static final long SEED = 34014L;
    private static final LocalDate TX_DATE = LocalDate.of(2026, 11, 28);

    /** domain.md §6.4 strict core: the 24-character form, then the 19-character cascade-use form. */
    private static final Pattern STRICT_CORE = Pattern.compile(
            "^[A-Z0-9]{3}[PMC][A-GZ][A-Z0-9]{2}[A-Z0-9]{7}[1-9A-HJ-NPR-Y][1-9A-C][0-9A-HJ-NPR-Y][0-9]{7}$"
                    + "|^[A-Z0-9]{3}[PMC][A-GZ][A-Z0-9]{2}[1-9A-HJ-NPR-Y][1-9A-C][0-9A-HJ-NPR-Y][0-9]{7}R[PMC]$");

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String TYPES = "ABCDEFGZ";
    private static final String LEVELS = "PMC";

    private final BatteryCodeParser parser = BatteryCodes.parser();
    private final String[] valid = new String[SIZE];
    private final String[] invalid = new String[SIZE];
    private int next;

    @Setup
    public void generate() {
        Random random = new Random(SEED);
        long first = LocalDate.of(2011, 1, 1).toEpochDay();
        long span = TX_DATE.toEpochDay() - first + 1;
        for (int i = 0; i < SIZE; i++) {
            boolean cascade = random.nextInt(8) == 0; // one in eight is a cascade-use re-code
            StringBuilder sb = new StringBuilder(24);
            append(sb, random, ALNUM, 3);
            append(sb, random, LEVELS, 1);
            append(sb, random, TYPES, 1);
            append(sb, random, ALNUM, cascade ? 2 : 9);
            sb.append(BatteryCodes.encodeDate(LocalDate.ofEpochDay(first + (long) (random.nextDouble() * span))));
            sb.append(String.format("%07d", 1 + random.nextInt(9_999_999)));
            if (cascade) {
                sb.append('R');
                append(sb, random, LEVELS, 1);
            }
            valid[i] = sb.toString();
            invalid[i] = corrupt(valid[i], random);
        }
        for (int i = 0; i < SIZE; i++) {
            // Fail at setup, not with a misleading figure.
            parser.parse(valid[i], TX_DATE);
            if (!STRICT_CORE.matcher(valid[i]).matches() || parser.violations(invalid[i], TX_DATE).isEmpty()) {
                throw new IllegalStateException("bad benchmark data at " + i + ": " + valid[i] + " / " + invalid[i]);
            }
        }
    }

    private static void append(StringBuilder sb, Random random, String chars, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
    }

    /** The typical mistakes: lower case, I/O/Q in the date, a bad serial digit, wrong length. */
    private static String corrupt(String code, Random random) {
        char[] c = code.toCharArray();
        int date = code.length() == 24 ? 14 : 7;
        switch (random.nextInt(4)) {
            case 0:
                c[0] = Character.toLowerCase(c[0]) == c[0] ? 'x' : Character.toLowerCase(c[0]);
                return new String(c);
            case 1:
                c[date + random.nextInt(3)] = "IOQ".charAt(random.nextInt(3));
                return new String(c);
            case 2:
                c[code.length() == 24 ? 23 : 16] = 'A';
                return new String(c);
            default:
                return code.substring(0, code.length() - 1);
        }
    }

    @Benchmark
    public BatteryCode parseValidCode() {
        return parser.parse(valid[next++ & (SIZE - 1)], TX_DATE);
    }

    @Benchmark
    public List<CodeViolation> rejectInvalidCode() {
        return parser.violations(invalid[next++ & (SIZE - 1)], TX_DATE);
    }

    @Benchmark
    public boolean baselineRegexMatch() {
        return STRICT_CORE.matcher(valid[next++ & (SIZE - 1)]).matches();
    }
}
