package org.batteryledger.chaincode.code;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;

/**
 * Parses and validates GB/T 34014-2017 traction-battery codes (§4.2, §4.3) against a set of
 * {@link CodeTables}: the format rules of domain.md §6.4 for the 24-character standard form and
 * the 19-character cascade-use form (domain.md §1.3, §1.6).
 *
 * <p>Rules, by 1-based position of the standard form:
 * <ul>
 *   <li>1–3 manufacturer code, 6–7 specification code, 8–14 traceability code: {@code A-Z 0-9};</li>
 *   <li>4 product type: {@code P}, {@code M} or {@code C};</li>
 *   <li>5 battery type: a letter of the battery-type table;</li>
 *   <li>15–17 production year, month, day: characters of the date alphabet (day also a day
 *       alias), month at most 12; the date must exist on the calendar and not be after the
 *       caller's limit (the transaction date);</li>
 *   <li>18–24 serial number: seven digits, not {@code 0000000}.</li>
 * </ul>
 * The cascade-use form is design information (positions 1–7, same rules), date 8–10, serial
 * 11–17, {@code R} at 18 and a level at 19. A 19-character code is read in that form; a code of
 * any other length than 19 or 24 is rejected. Codes are upper case: lower case and whitespace
 * are violations, never silently repaired, because the code is a ledger key and two spellings
 * of one battery must not both be accepted.
 *
 * <p>There is no checksum (domain.md §1.3). Uniqueness and prefix ownership need world state
 * and are checked by the contract.
 *
 * <p>Speed: one pass over the characters with a {@code boolean[position × 128]} table, no regex
 * and no exceptions on the happy path; a valid code allocates only its {@link BatteryCode} (and
 * the record's substrings and date). Invalid codes take a second, collecting pass. Instances
 * are immutable and thread-safe.
 */
public final class BatteryCodeParser {

    private static final int ASCII = 128;

    // Field kinds; each code position has one.
    private static final byte MFR = 0;
    private static final byte LEVEL = 1;
    private static final byte TYPE = 2;
    private static final byte SPEC = 3;
    private static final byte TRACE = 4;
    private static final byte YEAR = 5;
    private static final byte MONTH = 6;
    private static final byte DAY = 7;
    private static final byte SERIAL = 8;
    private static final byte MARKER = 9;
    private static final byte CASCADE_LEVEL = 10;
    private static final int KINDS = 11;

    private static final String[] FIELD = {
        "manufacturer code", "product type", "battery type", "specification code", "traceability code",
        "production year", "production month", "production day", "serial number", "cascade marker", "cascade level"
    };

    private static final byte[] STANDARD_LAYOUT = {
        MFR, MFR, MFR, LEVEL, TYPE, SPEC, SPEC,
        TRACE, TRACE, TRACE, TRACE, TRACE, TRACE, TRACE,
        YEAR, MONTH, DAY,
        SERIAL, SERIAL, SERIAL, SERIAL, SERIAL, SERIAL, SERIAL
    };

    private static final byte[] CASCADE_LAYOUT = {
        MFR, MFR, MFR, LEVEL, TYPE, SPEC, SPEC,
        YEAR, MONTH, DAY,
        SERIAL, SERIAL, SERIAL, SERIAL, SERIAL, SERIAL, SERIAL,
        MARKER, CASCADE_LEVEL
    };

    // 0-based offsets of the date and the serial in each form.
    private static final int STANDARD_DATE = 14;
    private static final int STANDARD_SERIAL = 17;
    private static final int CASCADE_DATE = 7;
    private static final int CASCADE_SERIAL = 10;
    private static final int SERIAL_LENGTH = 7;

    /** A code of wrong length gets per-character checks only up to this length (bounded work). */
    private static final int MAX_CHARACTER_REPORT = 48;
    /** Longest code echoed in an exception message. */
    private static final int MAX_ECHO = 64;

    private static final Level[] LEVEL_BY_CHAR = new Level[ASCII];

    static {
        for (Level l : Level.values()) {
            LEVEL_BY_CHAR[l.letter()] = l;
        }
    }

    private final CodeTables tables;
    private final BatteryType[] typeByChar;
    private final int[] dateIndex;
    private final int[] dayValue;
    /** allowed[(position << 7) | c] for each form. */
    private final boolean[] standardAllowed;
    private final boolean[] cascadeAllowed;

    /** A parser for the given tables; see {@link BatteryCodes} for the standard ones. */
    public BatteryCodeParser(CodeTables tables) {
        this.tables = Objects.requireNonNull(tables, "tables");
        this.typeByChar = tables.typeByChar();
        this.dateIndex = tables.dateIndexTable();
        this.dayValue = tables.dayValueTable();
        boolean[][] byKind = new boolean[KINDS][ASCII];
        for (char c = 0; c < ASCII; c++) {
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            byKind[MFR][c] = alnum;
            byKind[SPEC][c] = alnum;
            byKind[TRACE][c] = alnum;
            byKind[LEVEL][c] = LEVEL_BY_CHAR[c] != null;
            byKind[CASCADE_LEVEL][c] = LEVEL_BY_CHAR[c] != null;
            byKind[TYPE][c] = typeByChar[c] != null;
            byKind[YEAR][c] = dateIndex[c] > 0;
            byKind[MONTH][c] = dateIndex[c] >= 1 && dateIndex[c] <= 12;
            byKind[DAY][c] = dayValue[c] > 0;
            byKind[SERIAL][c] = c >= '0' && c <= '9';
            byKind[MARKER][c] = c == 'R';
        }
        this.standardAllowed = flatten(STANDARD_LAYOUT, byKind);
        this.cascadeAllowed = flatten(CASCADE_LAYOUT, byKind);
    }

    private static boolean[] flatten(byte[] layout, boolean[][] byKind) {
        boolean[] allowed = new boolean[layout.length * ASCII];
        for (int i = 0; i < layout.length; i++) {
            System.arraycopy(byKind[layout[i]], 0, allowed, i * ASCII, ASCII);
        }
        return allowed;
    }

    /** The tables this parser reads codes with. */
    public CodeTables tables() {
        return tables;
    }

    /**
     * Every format rule the code breaks, in position order; empty if the code is valid. Never
     * stops at the first violation, so an operator fixes a mistyped code in one go.
     *
     * @param code the code, as scanned or typed
     * @param notAfter the latest production date allowed (the transaction date, see
     *     {@link BatteryCodes#latestDateAt}); {@code null} skips that check
     */
    public List<CodeViolation> violations(String code, LocalDate notAfter) {
        if (check(code, notAfter, null)) {
            return List.of();
        }
        List<CodeViolation> out = new ArrayList<>();
        check(code, notAfter, out);
        return Collections.unmodifiableList(out);
    }

    /**
     * Parses a valid code.
     *
     * @param notAfter the latest production date allowed; {@code null} skips that check
     * @throws LedgerException {@link LedgerError#INVALID_CODE}, with the detail {@code code
     *     <value>: } followed by every violation's {@link CodeViolation#describe()}, joined by
     *     {@code "; "}
     */
    public BatteryCode parse(String code, LocalDate notAfter) {
        if (!check(code, notAfter, null)) {
            List<CodeViolation> out = new ArrayList<>();
            check(code, notAfter, out);
            throw invalid(code, out);
        }
        boolean cascade = code.length() == CodeForm.CASCADE.length();
        int date = cascade ? CASCADE_DATE : STANDARD_DATE;
        int serial = cascade ? CASCADE_SERIAL : STANDARD_SERIAL;
        return new BatteryCode(
                code,
                cascade ? CodeForm.CASCADE : CodeForm.STANDARD,
                code.substring(0, 3),
                LEVEL_BY_CHAR[code.charAt(3)],
                typeByChar[code.charAt(4)],
                code.substring(5, 7),
                cascade ? null : code.substring(7, 14),
                LocalDate.of(
                        CodeTables.YEAR_BASE + dateIndex[code.charAt(date)],
                        dateIndex[code.charAt(date + 1)],
                        dayValue[code.charAt(date + 2)]),
                code.substring(serial, serial + SERIAL_LENGTH),
                cascade ? LEVEL_BY_CHAR[code.charAt(18)] : null);
    }

    private static LedgerException invalid(String code, List<CodeViolation> violations) {
        StringBuilder sb = new StringBuilder("code ");
        if (code == null) {
            sb.append("null");
        } else if (code.length() > MAX_ECHO) {
            sb.append(code, 0, MAX_ECHO).append("...");
        } else {
            sb.append(code);
        }
        sb.append(": ");
        for (int i = 0; i < violations.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(violations.get(i).describe());
        }
        return new LedgerException(LedgerError.INVALID_CODE, sb.toString());
    }

    /**
     * The one rule walk. With {@code out == null} it answers "valid?" and returns at the first
     * problem (the fast path); otherwise it records every problem. Keeping one walk means the
     * two answers cannot drift apart.
     */
    private boolean check(String code, LocalDate notAfter, List<CodeViolation> out) {
        if (code == null || code.isBlank()) {
            if (out == null) {
                return false;
            }
            String why = code == null ? "code is missing" : code.isEmpty() ? "code is empty" : "code is only whitespace";
            out.add(new CodeViolation(1, code == null ? 0 : code.length(), "length", why));
            return false;
        }
        int n = code.length();
        byte[] layout;
        boolean[] allowed;
        int date;
        int serial;
        if (n == CodeForm.STANDARD.length()) {
            layout = STANDARD_LAYOUT;
            allowed = standardAllowed;
            date = STANDARD_DATE;
            serial = STANDARD_SERIAL;
        } else if (n == CodeForm.CASCADE.length()) {
            layout = CASCADE_LAYOUT;
            allowed = cascadeAllowed;
            date = CASCADE_DATE;
            serial = CASCADE_SERIAL;
        } else {
            if (out != null) {
                wrongLength(code, out);
            }
            return false;
        }

        boolean ok = true;
        for (int i = 0; i < n; i++) {
            char c = code.charAt(i);
            if (c >= ASCII || !allowed[(i << 7) | c]) {
                if (out == null) {
                    return false;
                }
                out.add(characterViolation(layout[i], i, c));
                ok = false;
            }
        }

        // Date: only when its three characters are individually valid, else it cannot be decoded.
        char cy = code.charAt(date);
        char cm = code.charAt(date + 1);
        char cd = code.charAt(date + 2);
        if (cy < ASCII && cm < ASCII && cd < ASCII
                && allowed[(date << 7) | cy] && allowed[((date + 1) << 7) | cm] && allowed[((date + 2) << 7) | cd]) {
            int year = CodeTables.YEAR_BASE + dateIndex[cy];
            int month = dateIndex[cm];
            int day = dayValue[cd];
            int monthLength = monthLength(year, month);
            if (day > monthLength) {
                if (out == null) {
                    return false;
                }
                out.add(new CodeViolation(date + 3, 1, FIELD[DAY], isoDate(year, month, day)
                        + " is not a calendar date (" + monthName(month) + " " + year + " has " + monthLength + " days)"));
                ok = false;
            } else if (notAfter != null && isAfter(year, month, day, notAfter)) {
                if (out == null) {
                    return false;
                }
                out.add(new CodeViolation(date + 1, 3, "production date", isoDate(year, month, day)
                        + " is after " + notAfter + ", the latest production date allowed (a battery cannot be"
                        + " made after the transaction that registers it)"));
                ok = false;
            }
        }

        boolean allZero = true;
        for (int i = serial; i < serial + SERIAL_LENGTH; i++) {
            if (code.charAt(i) != '0') {
                allZero = false;
                break;
            }
        }
        if (allZero) {
            if (out == null) {
                return false;
            }
            out.add(new CodeViolation(serial + 1, SERIAL_LENGTH, FIELD[SERIAL],
                    "0000000 is not a serial number (serials run 0000001-9999999 within a production day)"));
            ok = false;
        }
        return ok;
    }

    private static void wrongLength(String code, List<CodeViolation> out) {
        int n = code.length();
        out.add(new CodeViolation(1, n, "length", n + " characters; a code has 24 (standard form) or 19"
                + " (cascade-use form, ending in R and P, M or C)"));
        if (n > MAX_CHARACTER_REPORT) {
            return;
        }
        // Fields cannot be placed, but characters that are wrong anywhere are still worth naming:
        // a stray space or a lower-case letter is usually why the length is off.
        for (int i = 0; i < n; i++) {
            char c = code.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                out.add(new CodeViolation(i + 1, 1, "character", badCharacter(c, "is not an upper-case letter or digit")));
            }
        }
    }

    private CodeViolation characterViolation(byte kind, int index, char c) {
        String rule;
        switch (kind) {
            case MFR:
            case SPEC:
            case TRACE:
                rule = badCharacter(c, "is not an upper-case letter or digit");
                break;
            case LEVEL:
                rule = badCharacter(c, "is not a product type (P pack, M module, C cell)");
                break;
            case CASCADE_LEVEL:
                rule = badCharacter(c, "is not a level (P pack, M module, C cell)");
                break;
            case TYPE:
                rule = badCharacter(c, "is not a battery type (" + tables.typeLettersText() + ")");
                break;
            case SERIAL:
                rule = badCharacter(c, "is not a digit");
                break;
            case MARKER:
                rule = badCharacter(c, "must be R (the 19-character cascade-use form ends in R and a level)");
                break;
            default:
                rule = dateRule(kind, c);
        }
        return new CodeViolation(index + 1, 1, FIELD[kind], rule);
    }

    private String dateRule(byte kind, char c) {
        if (c == 'I' || c == 'O' || c == 'Q') {
            return "'" + c + "' is not a date character (I, O, Q are never used)";
        }
        int index = c < ASCII ? dateIndex[c] : 0;
        if (kind == MONTH && index > 12) {
            return "'" + c + "' stands for " + index + ", not a month (months are " + tables.monthText() + ")";
        }
        if (kind != DAY && index == 0 && c < ASCII && dayValue[c] > 0) {
            return "'" + c + "' stands only for a day (" + dayValue[c] + "), not a " + (kind == YEAR ? "year" : "month");
        }
        return badCharacter(c, "is not a date character (the date alphabet is " + tables.alphabetText() + ")");
    }

    /** The rule for a character, with the common causes (lower case, whitespace) named first. */
    private static String badCharacter(char c, String otherwise) {
        if (c >= 'a' && c <= 'z') {
            return "'" + c + "' is lower case (codes are upper case)";
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return String.format("U+%04X is whitespace (codes contain no spaces)", (int) c);
        }
        if (c > 0x20 && c < 0x7F) {
            return "'" + c + "' " + otherwise;
        }
        return String.format("U+%04X %s", (int) c, otherwise);
    }

    private static boolean isAfter(int year, int month, int day, LocalDate limit) {
        int ly = limit.getYear();
        if (year != ly) {
            return year > ly;
        }
        int lm = limit.getMonthValue();
        if (month != lm) {
            return month > lm;
        }
        return day > limit.getDayOfMonth();
    }

    private static int monthLength(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static final String[] MONTH_NAMES = {
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"
    };

    private static String monthName(int month) {
        return MONTH_NAMES[month - 1];
    }

    private static String isoDate(int year, int month, int day) {
        return year + "-" + (month < 10 ? "0" : "") + month + "-" + (day < 10 ? "0" : "") + day;
    }
}
