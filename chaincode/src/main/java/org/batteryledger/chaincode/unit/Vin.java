package org.batteryledger.chaincode.unit;

import java.util.Optional;

/**
 * Vehicle identification numbers: ISO 3779, as GB 16735-2019 adopts it for China, with the
 * check digit in position 9 that GB 16735 makes mandatory.
 */
public final class Vin {
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    private Vin() {}

    /** Why the VIN is not valid, or empty when it is. */
    public static Optional<String> problem(String vin) {
        if (vin == null || vin.length() != 17) {
            return Optional.of("a VIN has 17 characters (ISO 3779)");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = value(vin.charAt(i));
            if (v < 0) {
                return Optional.of("character " + (i + 1) + " '" + vin.charAt(i)
                        + "' is not allowed in a VIN (digits and A-Z without I, O, Q)");
            }
            sum += v * WEIGHTS[i];
        }
        int check = sum % 11;
        char expected = check == 10 ? 'X' : (char) ('0' + check);
        if (vin.charAt(8) != expected) {
            return Optional.of("check digit (position 9) is '" + vin.charAt(8) + "', GB 16735 gives '" + expected + "'");
        }
        return Optional.empty();
    }

    /** Sets position 9 to the right check digit (for tests and demo data). */
    public static String withCheckDigit(String vin17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            if (i != 8) {
                sum += value(vin17.charAt(i)) * WEIGHTS[i];
            }
        }
        int check = sum % 11;
        return vin17.substring(0, 8) + (check == 10 ? 'X' : (char) ('0' + check)) + vin17.substring(9);
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> -1;
        };
    }
}
