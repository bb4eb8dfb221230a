package org.batteryledger.chaincode.code;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.batteryledger.chaincode.error.LedgerException;

/**
 * GB/T 34014-2017 codes (§4.2, §4.3; domain.md §1.3, §6.4) read with the standard
 * {@link CodeTables}: the entry point for the contract.
 */
public final class BatteryCodes {

    /**
     * UTC+14 (Line Islands, Kiribati): the first time zone to reach any calendar date. See
     * {@link #latestDateAt(Instant)}.
     */
    public static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private BatteryCodes() {}

    private static final class Holder {
        static final BatteryCodeParser PARSER = new BatteryCodeParser(CodeTables.standard());
    }

    /** The parser over the standard tables. */
    public static BatteryCodeParser parser() {
        return Holder.PARSER;
    }

    /**
     * Parses a code with the standard tables.
     *
     * @param notAfter latest production date allowed, usually {@link #latestDateAt} of the
     *     transaction timestamp; {@code null} skips that check
     * @throws LedgerException {@code INVALID_CODE} naming every violation
     * @see BatteryCodeParser#parse(String, LocalDate)
     */
    public static BatteryCode parse(String code, LocalDate notAfter) {
        return Holder.PARSER.parse(code, notAfter);
    }

    /**
     * Every violation of a code under the standard tables; empty if valid.
     *
     * @see BatteryCodeParser#violations(String, LocalDate)
     */
    public static List<CodeViolation> violations(String code, LocalDate notAfter) {
        return Holder.PARSER.violations(code, notAfter);
    }

    /**
     * The latest production date a code may carry in a transaction at {@code txTime}: the
     * calendar date at that instant in UTC+14, the earliest time zone on Earth.
     *
     * <p>A code carries a local date without a zone, and the ledger does not know where the
     * plant is. Any plant's local "today" is at most the UTC+14 date, so this limit never tells
     * a plant that a battery made today was made in the future, while still rejecting dates that
     * are in the future everywhere. Using the transaction timestamp (not the peer clock) keeps
     * every endorser's verdict identical.
     */
    public static LocalDate latestDateAt(Instant txTime) {
        Objects.requireNonNull(txTime, "txTime");
        return LocalDate.ofInstant(txTime, EARLIEST_ZONE);
    }

    /**
     * The three date characters for a production date under the standard tables: the inverse
     * of the decoding, for generating codes in tests and demo data.
     *
     * @throws IllegalArgumentException if the year is outside 2011–2041 (the 31-character
     *     standard alphabet)
     */
    public static String encodeDate(LocalDate date) {
        return CodeTables.standard().encodeDate(date);
    }
}
