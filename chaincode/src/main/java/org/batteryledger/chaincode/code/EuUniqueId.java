package org.batteryledger.chaincode.code;

import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;

/**
 * The unique identifier of an individual battery under Regulation (EU) 2023/1542: Art. 3(66)
 * defines it, Art. 77(3) requires the battery passport to be linked to it, and it is assigned
 * "in accordance with" ISO/IEC 15459 (domain.md §4.2, §5.2 {@code productIdentifier}).
 *
 * <p>Rule checked: 1 to 50 characters from the ISO/IEC 15459 licence-plate character set,
 * upper-case {@code A–Z}, digits {@code 0–9} and {@code -}, {@code .}, {@code /}, starting with
 * a letter or digit (the issuing-agency code comes first). 50 is the ISO/IEC 15459 maximum
 * length of a unique identifier. The ISO text itself was not retrieved (domain.md has no ✅ for
 * it); the rule follows the common reading of ISO/IEC 15459-4 and should be checked against
 * the purchased standard. Whether the issuing-agency code is registered is not checked here.
 *
 * <p>Not to be confused with the GB/T 34014 code ({@link BatteryCode}); an EU-bound unit may
 * carry both.
 *
 * @param value the identifier, exactly as issued
 */
public record EuUniqueId(String value) {

    /** ISO/IEC 15459 maximum length. */
    public static final int MAX_LENGTH = 50;

    /**
     * Validates; the same rule as {@link #of(String)}.
     *
     * @throws LedgerException {@link LedgerError#INVALID_CODE} if the value breaks the rule
     */
    public EuUniqueId {
        String problem = problem(value);
        if (problem != null) {
            throw new LedgerException(LedgerError.INVALID_CODE, "EU unique identifier " + echo(value) + ": " + problem);
        }
    }

    /**
     * An EU unique identifier.
     *
     * @throws LedgerException {@link LedgerError#INVALID_CODE} naming the broken rule
     */
    public static EuUniqueId of(String value) {
        return new EuUniqueId(value);
    }

    /** Whether {@code value} is a well-formed identifier, without throwing. */
    public static boolean isValid(String value) {
        return problem(value) == null;
    }

    private static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "is missing";
        }
        if (value.length() > MAX_LENGTH) {
            return value.length() + " characters; ISO/IEC 15459 allows at most " + MAX_LENGTH;
        }
        char first = value.charAt(0);
        if (!((first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9'))) {
            return "position 1: must start with an upper-case letter or digit, not " + show(first);
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '/';
            if (!ok) {
                String why = c >= 'a' && c <= 'z' ? " (identifiers are upper case)" : "";
                return "position " + (i + 1) + ": " + show(c) + " is not one of A-Z, 0-9, '-', '.', '/'" + why;
            }
        }
        return null;
    }

    private static String show(char c) {
        return c > 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String echo(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
