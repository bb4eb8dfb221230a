package org.batteryledger.app.compliance.clocks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.batteryledger.app.compliance.Participants;
import org.batteryledger.app.compliance.Period;
import org.batteryledger.app.compliance.Report;
import org.batteryledger.app.compliance.calendar.WorkdayCalendar;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;

/**
 * China's reporting clocks (domain.md §6.5 first item, §6.6): for every unit event a deadline rule
 * covers, {@code due = addWorkingDays(trigger date, N)} and {@code onTime = recorded date <= due},
 * where the trigger is the event's occurrence time and the recording is the ledger transaction's
 * timestamp, both as China dates. Late rates per company and per event type, in basis points
 * (floor), as the contract computes shares.
 *
 * <p>Reads {@code rm_clock_day}, where the projector counts events per (company, action, trigger
 * date, recording date): the work is per distinct day pair, not per event.
 */
public final class ReportingClocks {
    /** The company column's value on the rows that total one event type over all companies. */
    public static final String ALL = "ALL";

    /** The actions some rule covers, as an SQL list of literals (constants of the rule table). */
    private static final String RULE_ACTIONS = DeadlineRules.all().stream().map(r -> "'" + r.action().name() + "'")
            .distinct().collect(java.util.stream.Collectors.joining(", "));

    /** The fewest working days any rule allows. */
    private static final int MIN_WORKING_DAYS = DeadlineRules.all().stream().mapToInt(DeadlineRule::workingDays).min()
            .orElse(0);

    private final JdbcTemplate jdbc;
    private final WorkdayCalendar calendar;

    public ReportingClocks(DataSource dataSource, WorkdayCalendar calendar) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.calendar = calendar;
    }

    /** One day-pair group of events under a rule, with its due date (null when the calendar does not cover it). */
    public record Group(String participant, String role, String action, LocalDate occurred, LocalDate recorded,
            long units, DeadlineRule rule, @Nullable LocalDate due, boolean provisional) {
        public boolean late() {
            return due != null && recorded.isAfter(due);
        }
    }

    /** Every group with a deadline whose trigger falls in the period, optionally for one company. */
    public List<Group> groups(Period period, @Nullable String company) {
        return groups(period, company, false);
    }

    /**
     * The groups that may be late, which include every late one: the N-th working day after a
     * date is at least N calendar days after it, whatever the calendar says, so a group recorded
     * within the shortest rule's N days of its trigger is on time and is not read.
     */
    public List<Group> lateCandidates(Period period, @Nullable String company) {
        return groups(period, company, true);
    }

    private List<Group> groups(Period period, @Nullable String company, boolean lateCandidates) {
        // One row per key (the primary key), only for actions a rule covers.
        StringBuilder sql = new StringBuilder("SELECT participant, role, action, occurred_day, recorded_day,"
                + " units FROM rm_clock_day WHERE occurred_day >= ? AND occurred_day <= ? AND action IN ("
                + RULE_ACTIONS + ")");
        List<Object> args = new ArrayList<>(List.of(period.from(), period.to()));
        if (lateCandidates) {
            sql.append(" AND recorded_day > DATEADD(DAY, ").append(MIN_WORKING_DAYS).append(", occurred_day)");
        }
        if (company != null) {
            sql.append(" AND participant = ?");
            args.add(company);
        }
        Map<String, LocalDate> dueCache = new HashMap<>();
        List<Group> out = new ArrayList<>();
        jdbc.query(sql.toString(), rs -> {
            String action = rs.getString(3);
            String role = rs.getString(2);
            Optional<DeadlineRule> rule = DeadlineRules.find(action, role);
            if (rule.isEmpty()) {
                return;
            }
            LocalDate occurred = rs.getObject(4, LocalDate.class);
            LocalDate recorded = rs.getObject(5, LocalDate.class);
            int n = rule.get().workingDays();
            LocalDate due = dueCache.computeIfAbsent(occurred + "+" + n, k -> dueOrNull(occurred, n));
            boolean provisional = calendar.isProvisional(occurred) || (due != null && calendar.isProvisional(due));
            out.add(new Group(rs.getString(1), role, action, occurred, recorded, rs.getLong(6), rule.get(), due,
                    provisional));
        }, args.toArray());
        return out;
    }

    @Nullable
    private LocalDate dueOrNull(LocalDate occurred, int n) {
        try {
            return calendar.addWorkingDays(occurred, n);
        } catch (WorkdayCalendar.OutsideCalendarException e) {
            return null;
        }
    }

    /** The deadline report: one row per company and event type, then one total row per event type. */
    public Report report(Period period, @Nullable String company, long asOfBlock) {
        Participants participants = Participants.load(jdbc);
        Map<List<String>, long[]> perCompany = new TreeMap<>((a, b) -> String.join("\u0000", a)
                .compareTo(String.join("\u0000", b)));
        Map<List<String>, long[]> perType = new TreeMap<>((a, b) -> String.join("\u0000", a)
                .compareTo(String.join("\u0000", b)));
        Map<List<String>, DeadlineRule> rules = new LinkedHashMap<>();
        boolean anyProvisional = false;
        for (Group g : groups(period, company)) {
            List<String> k = List.of(g.participant(), g.action(), g.role());
            List<String> t = List.of(ALL, g.action(), g.role());
            rules.put(k, g.rule());
            rules.put(t, g.rule());
            for (long[] acc : List.of(perCompany.computeIfAbsent(k, x -> new long[4]),
                    perType.computeIfAbsent(t, x -> new long[4]))) {
                acc[0] += g.units();
                if (g.due() == null) {
                    acc[3] += g.units();
                } else if (g.late()) {
                    acc[1] += g.units();
                }
                if (g.provisional()) {
                    acc[2] += g.units();
                }
            }
            anyProvisional |= g.provisional();
        }
        List<List<Object>> rows = new ArrayList<>();
        Map<List<String>, long[]> all = new LinkedHashMap<>(perCompany);
        all.putAll(perType);
        all.forEach((k, acc) -> {
            DeadlineRule r = rules.get(k);
            long judged = acc[0] - acc[3];
            rows.add(List.of(k.get(0), ALL.equals(k.get(0)) ? "all companies" : participants.name(k.get(0)),
                    k.get(1), k.get(2), r.basis(), r.workingDays(), r.evidence().name(), acc[0], judged - acc[1],
                    acc[1], judged == 0 ? 0L : acc[1] * 10_000 / judged, acc[2], acc[3]));
        });
        List<String> notes = new ArrayList<>();
        notes.add("Due date = the N-th China working day after the trigger date (calendar " + calendar.source()
                + ", covering " + calendar.firstYear() + ".." + calendar.lastYear() + "); on time = recorded on or"
                + " before the due date. Counts are units (top-level: packs, or modules and cells not inside one).");
        if (anyProvisional) {
            notes.add("PROVISIONAL: some due dates fall in " + calendar.provisionalYears() + ", whose holiday notice"
                    + " is not in the calendar yet (statutory days only); see column provisionalUnits.");
        }
        notes.addAll(DeadlineRules.GAPS);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", period.from().toString());
        params.put("to", period.to().toString());
        params.put("company", company == null ? ALL : company);
        return new Report("deadlines", "Reporting deadlines (溯源管理暂行规定 Arts 9-15)", params,
                List.of("company", "companyName", "action", "role", "basis", "workingDays", "evidence", "units",
                        "onTime", "late", "lateRateBp", "provisionalUnits", "outsideCalendar"),
                rows, notes, asOfBlock);
    }
}
