package org.batteryledger.app.compliance.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * China's working days: Monday to Friday, minus public holidays, plus the Saturdays and Sundays
 * worked to make up for bridged holidays (调休上班), as the State Council announces them each year.
 * The 溯源管理暂行规定 (domain.md §3.2, §6.6) counts its upload deadlines in these working days.
 *
 * <p>The days come from a data file ({@code compliance/cn-workdays.csv} in the jar, or the file
 * named by {@code battery.compliance.calendar-file}), so a new year's notice needs no release. A
 * file that breaks a rule is refused with its line and the rule, never half-loaded. Dates outside
 * the years the file covers are refused too: a deadline must not be computed on guessed days.
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkdayCalendar {
    /** The file in the jar. */
    public static final String BUNDLED = "compliance/cn-workdays.csv";

    private static final Pattern COVERS = Pattern.compile("#!\\s*covers\\s+(\\d{4})\\.\\.(\\d{4})\\s*");
    private static final Pattern PROVISIONAL = Pattern.compile("#!\\s*provisional\\s+(\\d{4})\\s*");

    /** What a listed date is. */
    public enum Kind {
        HOLIDAY,
        MAKEUP_WORKDAY
    }

    private final Map<LocalDate, Kind> exceptions;
    private final int firstYear;
    private final int lastYear;
    private final SortedSet<Integer> provisionalYears;
    private final String source;

    private WorkdayCalendar(Map<LocalDate, Kind> exceptions, int firstYear, int lastYear,
            SortedSet<Integer> provisionalYears, String source) {
        this.exceptions = Map.copyOf(exceptions);
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        this.provisionalYears = Collections.unmodifiableSortedSet(new TreeSet<>(provisionalYears));
        this.source = source;
    }

    /** The calendar in the jar. */
    public static WorkdayCalendar bundled() {
        InputStream in = WorkdayCalendar.class.getClassLoader().getResourceAsStream(BUNDLED);
        if (in == null) {
            throw new IllegalStateException("the bundled calendar " + BUNDLED + " is missing from the class path");
        }
        try (in) {
            return parse(in, "classpath:" + BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A calendar file (the override setting); refused with the line and rule if it is malformed. */
    public static WorkdayCalendar load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new CalendarFileException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** Parses the format described at the top of the bundled file. */
    public static WorkdayCalendar parse(InputStream in, String source) throws IOException {
        Objects.requireNonNull(source, "source");
        Map<LocalDate, Kind> days = new HashMap<>();
        Integer first = null;
        Integer last = null;
        SortedSet<Integer> provisional = new TreeSet<>();
        Map<LocalDate, Integer> lineOf = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        boolean header = false;
        while ((line = reader.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("#!")) {
                Matcher c = COVERS.matcher(t);
                Matcher p = PROVISIONAL.matcher(t);
                if (c.matches()) {
                    first = Integer.parseInt(c.group(1));
                    last = Integer.parseInt(c.group(2));
                    if (first > last) {
                        throw fail(source, n, "'#! covers FROM..TO' needs FROM <= TO");
                    }
                } else if (p.matches()) {
                    provisional.add(Integer.parseInt(p.group(1)));
                } else {
                    throw fail(source, n, "unknown directive; expected '#! covers FROM..TO' or '#! provisional YEAR'");
                }
                continue;
            }
            if (t.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!t.equals("date,kind,note") && !t.equals("date,kind")) {
                    throw fail(source, n, "the first data line must be the header 'date,kind,note'");
                }
                header = true;
                continue;
            }
            String[] f = t.split(",", 3);
            if (f.length < 2) {
                throw fail(source, n, "a line is 'date,kind[,note]'");
            }
            LocalDate day;
            try {
                day = LocalDate.parse(f[0].strip());
            } catch (DateTimeParseException e) {
                throw fail(source, n, "date '" + f[0].strip() + "' is not an ISO date (yyyy-MM-dd)");
            }
            Kind kind;
            try {
                kind = Kind.valueOf(f[1].strip());
            } catch (IllegalArgumentException e) {
                throw fail(source, n, "kind '" + f[1].strip() + "' must be HOLIDAY or MAKEUP_WORKDAY");
            }
            if (kind == Kind.MAKEUP_WORKDAY && !isWeekend(day)) {
                throw fail(source, n, "MAKEUP_WORKDAY " + day + " is a " + day.getDayOfWeek()
                        + "; only a Saturday or Sunday can be a make-up working day");
            }
            Integer before = lineOf.putIfAbsent(day, n);
            if (before != null) {
                throw fail(source, n, "date " + day + " is listed twice (first on line " + before + ")");
            }
            days.put(day, kind);
        }
        if (!header) {
            throw fail(source, n, "no header 'date,kind,note' found");
        }
        if (first == null) {
            throw fail(source, n, "the directive '#! covers FROM..TO' is missing");
        }
        for (Map.Entry<LocalDate, Integer> e : lineOf.entrySet()) {
            int y = e.getKey().getYear();
            // the eve of the first covered year may carry a New Year bridge day (e.g. 2018-12-29)
            if (y < first - 1 || y > last) {
                throw fail(source, e.getValue(), "date " + e.getKey() + " is outside the covered years " + first
                        + ".." + last);
            }
        }
        for (int y : provisional) {
            if (y < first || y > last) {
                throw fail(source, n, "provisional year " + y + " is outside the covered years " + first + ".."
                        + last);
            }
        }
        return new WorkdayCalendar(days, first, last, provisional, source);
    }

    private static CalendarFileException fail(String source, int line, String rule) {
        return new CalendarFileException(source + " line " + line + ": " + rule);
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** Whether {@code day} is a working day; refused outside the covered years. */
    public boolean isWorkingDay(LocalDate day) {
        requireCovered(day);
        Kind k = exceptions.get(day);
        if (k != null) {
            return k == Kind.MAKEUP_WORKDAY;
        }
        return !isWeekend(day);
    }

    /**
     * The {@code n}-th working day after {@code day} (the day itself is not counted, whatever it
     * is): a deadline of n working days from an event on {@code day} falls on this date.
     */
    public LocalDate addWorkingDays(LocalDate day, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0: " + n);
        }
        requireCovered(day);
        LocalDate d = day;
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Whether a computation that touches {@code day} rests on a provisional year. */
    public boolean isProvisional(LocalDate day) {
        return provisionalYears.contains(day.getYear());
    }

    public boolean covers(LocalDate day) {
        return day.getYear() >= firstYear && day.getYear() <= lastYear;
    }

    private void requireCovered(LocalDate day) {
        if (!covers(day)) {
            throw new OutsideCalendarException(day, firstYear, lastYear, source);
        }
    }

    public int firstYear() {
        return firstYear;
    }

    public int lastYear() {
        return lastYear;
    }

    public SortedSet<Integer> provisionalYears() {
        return provisionalYears;
    }

    /** Where the days came from (file path or class-path resource). */
    public String source() {
        return source;
    }

    /** The listed exception of {@code day}, if any. */
    public java.util.Optional<Kind> exception(LocalDate day) {
        return java.util.Optional.ofNullable(exceptions.get(day));
    }

    /** A calendar file that breaks a rule; the message names the file, the line and the rule. */
    public static final class CalendarFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CalendarFileException(String message) {
            super(message);
        }
    }

    /** A date the calendar does not cover: no deadline is computed on guessed days. */
    public static final class OutsideCalendarException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutsideCalendarException(LocalDate day, int first, int last, String source) {
            super("date " + day + " is outside the working-day calendar (" + first + ".." + last + ", " + source
                    + "); install a newer file with battery.compliance.calendar-file");
        }
    }
}
