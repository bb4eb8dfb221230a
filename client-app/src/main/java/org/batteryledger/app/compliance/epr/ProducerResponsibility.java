package org.batteryledger.app.compliance.epr;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.batteryledger.app.compliance.ComplianceSettings;
import org.batteryledger.app.compliance.Participants;
import org.batteryledger.app.compliance.Period;
import org.batteryledger.app.compliance.Report;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.unit.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;

/**
 * Producer responsibility (2018 办法: the automaker bears primary responsibility; 2026 办法: battery
 * makers and automakers carry collection duties; domain.md §3.1, §3.6, §6.5 collection KPIs). For
 * each automaker (the units it answers for, {@code responsible}) and each battery maker (the
 * units it registered): the flows of the period and the units unaccounted for.
 *
 * <p>Flows count unit events whose trigger falls in the period. {@code inUse} and the three
 * unaccounted-for figures are the units' state now (at the report's block), judged against the
 * end of the period: retired and still not collected {@code retiredNotCollectedDays} after it was
 * retired; received by a company not certified for it; offered in a handover still pending after
 * {@code pendingHandoverDays}.
 */
public final class ProducerResponsibility {
    /** The ways a unit leaves service: its status becomes REMOVED. */
    private static final Set<String> RETIRING = Set.of("REMOVE", "SCRAP_VEHICLE", "REPLACE", "SWAP");
    private static final Set<String> IN_USE = Set.of(Status.IN_USE.name(), Status.IN_SECOND_USE.name());
    static final List<String> COLUMNS = List.of("company", "companyName", "perspective", "placedOnMarket", "inUse",
            "retired", "collected", "toCertifiedRecyclers", "toSecondLife", "recycled", "retiredNotCollected",
            "toUncertified", "pendingHandoverStuck");

    private final JdbcTemplate jdbc;
    private final ComplianceSettings settings;

    public ProducerResponsibility(DataSource dataSource, ComplianceSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.settings = settings;
    }

    /** Which key a row counts by. */
    public enum Perspective {
        /** Units the company answers for now (automaker, importer, repurposer). */
        AUTOMAKER,
        /** Units the company registered (battery maker). */
        BATTERY_MAKER
    }

    public Report report(Period period, @Nullable String company, long asOfBlock) {
        Participants participants = Participants.load(jdbc);
        Map<String, long[]> auto = new TreeMap<>();
        Map<String, long[]> maker = new TreeMap<>();
        for (Participant p : participants.all()) {
            if (company != null && !company.equals(p.id())) {
                continue;
            }
            if (p.hasRole(Role.AUTOMAKER) || p.hasRole(Role.IMPORTER)) {
                auto.put(p.id(), new long[10]);
            }
            if (p.hasRole(Role.BATTERY_MAKER)) {
                maker.put(p.id(), new long[10]);
            }
        }
        flows(period, participants, auto, maker);
        stocks(period, auto, maker);
        List<List<Object>> rows = new ArrayList<>();
        auto.forEach((id, a) -> rows.add(row(id, participants, Perspective.AUTOMAKER, a)));
        maker.forEach((id, a) -> rows.add(row(id, participants, Perspective.BATTERY_MAKER, a)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", period.from().toString());
        params.put("to", period.to().toString());
        params.put("company", company == null ? "ALL" : company);
        params.put("retiredNotCollectedDays", Integer.toString(settings.retiredNotCollectedDays()));
        params.put("pendingHandoverDays", Integer.toString(settings.pendingHandoverDays()));
        List<String> notes = List.of(
                "Counts are units (packs, or modules and cells not inside a pack). AUTOMAKER rows count the units the"
                        + " company answers for (responsible party on the ledger); BATTERY_MAKER rows the units it"
                        + " registered.",
                "placedOnMarket: installed in a vehicle (automaker) or first shipped (battery maker) in the period."
                        + " inUse: in a vehicle or in second use now. toCertifiedRecyclers / toSecondLife: received"
                        + " by a recycler / cascade operator holding its certifications that day (规范条件 white-list,"
                        + " hazardous-waste licence).",
                "retiredNotCollectedDays and pendingHandoverDays are this operator's settings, not regulatory"
                        + " numbers: the sources set none (domain.md §6.4 'after N days').");
        return new Report("producer-responsibility", "Producer responsibility (EPR) per automaker and battery maker",
                params, COLUMNS, rows, notes, asOfBlock);
    }

    private static List<Object> row(String id, Participants participants, Perspective p, long[] a) {
        List<Object> r = new ArrayList<>();
        r.add(id);
        r.add(participants.name(id));
        r.add(p.name());
        for (long v : a) {
            r.add(v);
        }
        return r;
    }

    // a[]: 0 placed, 1 inUse, 2 retired, 3 collected, 4 certified recyclers, 5 second life, 6 recycled,
    //      7 retired not collected, 8 to uncertified, 9 pending stuck
    private void flows(Period period, Participants participants, Map<String, long[]> auto, Map<String, long[]> maker) {
        // One row per key (the primary key), only for the actions counted here.
        jdbc.query("SELECT responsible, registered_by, participant, role, action, to_status, occurred_day, units"
                + " FROM rm_flow_day WHERE occurred_day >= ? AND occurred_day <= ? AND action IN ('INSTALL', 'SHIP',"
                + " 'REMOVE', 'SCRAP_VEHICLE', 'REPLACE', 'SWAP', 'COLLECT', 'RECORD_RECYCLING', 'ACCEPT_HANDOVER')",
                rs -> {
                    String responsible = rs.getString(1);
                    String registeredBy = rs.getString(2);
                    String participant = rs.getString(3);
                    String role = rs.getString(4);
                    String action = rs.getString(5);
                    String to = rs.getString(6);
                    LocalDate day = rs.getObject(7, LocalDate.class);
                    long n = rs.getLong(8);
                    long[] a = auto.get(responsible);
                    long[] m = maker.get(registeredBy);
                    if ("INSTALL".equals(action) && a != null) {
                        a[0] += n;
                    }
                    if ("SHIP".equals(action) && Status.IN_STOCK.name().equals(to) && m != null) {
                        m[0] += n;
                    }
                    int slot = -1;
                    if (RETIRING.contains(action) && Status.REMOVED.name().equals(to)) {
                        slot = 2;
                    } else if ("COLLECT".equals(action)) {
                        slot = 3;
                    } else if ("RECORD_RECYCLING".equals(action)) {
                        slot = 6;
                    } else if ("ACCEPT_HANDOVER".equals(action) && endOfLife(to)) {
                        boolean uncertified = participants.uncertifiedReason(participant, role, day).isPresent();
                        slot = uncertified ? 8 : "RECYCLER".equals(role) ? 4 : "CASCADE_OPERATOR".equals(role) ? 5 : -1;
                    }
                    if (slot >= 0) {
                        if (a != null) {
                            a[slot] += n;
                        }
                        if (m != null) {
                            m[slot] += n;
                        }
                    }
                }, period.from(), period.to());
    }

    /** Statuses of a unit that has left service and must end with a certified company. */
    static boolean endOfLife(String status) {
        return EnumSet.of(Status.REMOVED, Status.COLLECTED, Status.AT_CASCADE_OPERATOR, Status.TESTED, Status.WASTE,
                Status.AT_RECYCLER).stream().map(Enum::name).anyMatch(status::equals);
    }

    private void stocks(Period period, Map<String, long[]> auto, Map<String, long[]> maker) {
        jdbc.query("SELECT responsible, registered_by, SUM(units) FROM rm_stock WHERE status IN (?, ?) AND top_level"
                + " GROUP BY responsible, registered_by", rs -> {
                    add(auto, maker, rs.getString(1), rs.getString(2), 1, rs.getLong(3));
                }, IN_USE.toArray());
        // Both cut-offs fall on the start of a China day, so "last change before the cut-off" is
        // "since_day before the cut-off's date" (rm_stock keeps that day for REMOVED and pending units).
        LocalDate retiredBefore = period.to().plusDays(1).minusDays(settings.retiredNotCollectedDays());
        jdbc.query("SELECT responsible, registered_by, SUM(units) FROM rm_stock WHERE status = 'REMOVED' AND top_level"
                + " AND since_day < ? AND since_day > ? GROUP BY responsible, registered_by", rs -> {
                    add(auto, maker, rs.getString(1), rs.getString(2), 7, rs.getLong(3));
                }, retiredBefore, UNTRACKED);
        LocalDate offeredBefore = period.to().plusDays(1).minusDays(settings.pendingHandoverDays());
        jdbc.query("SELECT responsible, registered_by, SUM(units) FROM rm_stock WHERE pending AND top_level"
                + " AND since_day < ? AND since_day > ? GROUP BY responsible, registered_by", rs -> {
                    add(auto, maker, rs.getString(1), rs.getString(2), 9, rs.getLong(3));
                }, offeredBefore, UNTRACKED);
    }

    private static final LocalDate UNTRACKED = LocalDate.EPOCH;

    private static void add(Map<String, long[]> auto, Map<String, long[]> maker, String responsible,
            String registeredBy, int slot, long n) {
        long[] a = auto.get(responsible);
        if (a != null) {
            a[slot] += n;
        }
        long[] m = maker.get(registeredBy);
        if (m != null) {
            m[slot] += n;
        }
    }
}
