package org.batteryledger.chaincode.code;

/**
 * One broken format rule of a GB/T 34014-2017 code (§4.3; domain.md §1.3, §6.4), precise enough
 * for an operator at a scanner to find the wrong character.
 *
 * <p>Field names: {@code length}, {@code character} (a character of a code whose length is
 * wrong, so no field can be assigned), {@code manufacturer code}, {@code product type},
 * {@code battery type}, {@code specification code}, {@code traceability code},
 * {@code production year}, {@code production month}, {@code production day},
 * {@code production date} (the decoded date as a whole, e.g. after the transaction date),
 * {@code serial number}, {@code cascade marker} (the {@code R}) and {@code cascade level}.
 *
 * @param position 1-based position of the offending character, or of the first character of
 *     the offending field
 * @param length number of characters concerned (0 for a missing code)
 * @param field the field, in English
 * @param rule the rule that was broken, in plain words, naming the offending value
 */
public record CodeViolation(int position, int length, String field, String rule) {

    /**
     * Human-readable form, e.g. {@code position 15 (production year): 'I' is not a date
     * character (I, O, Q are never used)}. Always the first position only: an operator looks
     * for where to start reading, and the rule names the offending value.
     */
    public String describe() {
        return "position " + position + " (" + field + "): " + rule;
    }

    @Override
    public String toString() {
        return describe();
    }
}
