package org.batteryledger.chaincode.participant;

import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
 * 31-character alphabet (no I, O, Z, S, V), the last a check character over the first 17.
 */
public final class Uscc {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private Uscc() {}

    /** Why the value is not a valid code, or empty when it is. */
    public static Optional<String> problem(String value) {
        if (value == null || value.length() != 18) {
            return Optional.of("a unified social credit code has 18 characters");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(value.charAt(i));
            if (v < 0) {
                return Optional.of("character " + (i + 1) + " '" + value.charAt(i)
                        + "' is not in the GB 32100 alphabet (digits and A-Y without I, O, S, V, Z)");
            }
            sum += v * WEIGHTS[i];
        }
        char expected = ALPHABET.charAt((31 - sum % 31) % 31);
        if (value.charAt(17) != expected) {
            return Optional.of("check character is '" + value.charAt(17) + "', GB 32100-2015 gives '" + expected + "'");
        }
        return Optional.empty();
    }

    /** Completes 17 characters with their check character (for tests and demo data). */
    public static String withCheckCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need 17 characters");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not in alphabet: " + first17.charAt(i));
            }
            sum += v * WEIGHTS[i];
        }
        return first17 + ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
