package org.batteryledger.app.compliance;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A reporting period: calendar dates in China (UTC+8), both ends inclusive, as the 溯源规定
 * deadlines and company reports count them.
 */
public record Period(LocalDate from, LocalDate to) {
    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    /** A report spans at most this many days: long enough for any annual report. */
    public static final int MAX_DAYS = 3660;

    public Period {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("field 'to': must not be before 'from'");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("field 'to': a period spans at most " + MAX_DAYS + " days");
        }
    }

    public static Period year(int year) {
        return new Period(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /** The first instant of the period. */
    public OffsetDateTime start() {
        return from.atStartOfDay().atOffset(CHINA);
    }

    /** The first instant after the period. */
    public OffsetDateTime end() {
        return to.plusDays(1).atStartOfDay().atOffset(CHINA);
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
