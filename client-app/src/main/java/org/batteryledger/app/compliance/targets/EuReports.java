package org.batteryledger.app.compliance.targets;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.batteryledger.app.compliance.Participants;
import org.batteryledger.app.compliance.Period;
import org.batteryledger.app.compliance.Report;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;

/**
 * The EU checks of domain.md §6.5 on the recyclers' batches and the units placed on the market:
 * recycling efficiency per recycler, year and chemistry; material recovery per element against
 * the target in force; recycled content; passport completeness. Shares in basis points, floor,
 * from integer grams, as the contract computes them. A year is judged against the tier in force
 * on its 31 December (the targets apply "by 31 December" of their year).
 */
public final class EuReports {
    private static final Set<String> RECOVERY_ELEMENTS = Set.of("CO", "CU", "LI", "NI", "PB");
    private static final List<String> PASSPORT_FIELDS = List.of("model", "chemistry", "mass", "capacity",
            "placeOfManufacture", "extinguishingAgent");

    private final JdbcTemplate jdbc;

    public EuReports(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    private static Map<String, String> params(Period period, @Nullable String company) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("from", period.from().toString());
        p.put("to", period.to().toString());
        p.put("company", company == null ? "ALL" : company);
        return p;
    }

    private static int year(OffsetDateTime t) {
        return t.atZoneSameInstant(Period.CHINA).getYear();
    }

    static long share(long part, long whole) {
        return whole == 0 ? 0 : part * 10_000 / whole;
    }

    public Report recyclingEfficiency(Period period, @Nullable String company, long asOfBlock) {
        Participants participants = Participants.load(jdbc);
        Map<List<Object>, long[]> acc = new TreeMap<>(KEY_ORDER);
        StringBuilder sql = new StringBuilder("SELECT recycler, COALESCE(occurred_at, recorded_at), chemistry,"
                + " input_mass_grams, recycling_mass_grams FROM rm_recycling_batch"
                + " WHERE COALESCE(occurred_at, recorded_at) >= ? AND COALESCE(occurred_at, recorded_at) < ?");
        List<Object> args = new ArrayList<>(List.of(period.start(), period.end()));
        if (company != null) {
            sql.append(" AND recycler = ?");
            args.add(company);
        }
        jdbc.query(sql.toString(), rs -> {
            List<Object> k = List.of(rs.getString(1), year(rs.getObject(2, OffsetDateTime.class)),
                    rs.getString(3) == null ? "UNKNOWN" : rs.getString(3));
            long[] a = acc.computeIfAbsent(k, x -> new long[3]);
            a[0]++;
            a[1] += rs.getLong(4);
            a[2] += rs.getLong(5);
        }, args.toArray());
        List<List<Object>> rows = new ArrayList<>();
        acc.forEach((k, a) -> {
            String recycler = (String) k.get(0);
            int y = (Integer) k.get(1);
            String chemistry = (String) k.get(2);
            Optional<String> category = EuTargets.efficiencyCategory(chemistry);
            Optional<EuTarget> t = category.flatMap(c -> EuTargets.inForce(EuTargets.RECYCLING_EFFICIENCY, c,
                    LocalDate.of(y, 12, 31)));
            long bp = share(a[2], a[1]);
            rows.add(Arrays.asList(recycler, participants.name(recycler), y, chemistry, category.orElse(null), a[0],
                    a[1], a[2], bp, t.map(EuTarget::basisPoints).orElse(null),
                    t.map(x -> x.inForceFrom().toString()).orElse(null), t.map(EuTarget::clause).orElse(null),
                    t.map(x -> x.evidence().name()).orElse(null), t.map(x -> bp >= x.basisPoints()).orElse(null)));
        });
        List<String> notes = new ArrayList<>();
        notes.add("Recycling efficiency = mass of output fractions counted as recycling / input mass of waste"
                + " batteries (Annex XII Part B; methodology of Delegated Reg. (EU) 2025/606), per calendar year in"
                + " China time. Mixed-chemistry batches have no category and are not judged.");
        notes.add("UNCONFIRMED thresholds (domain.md §4.5 ❓): lithium-based 70 % and lead-acid 80 % from"
                + " 2030-12-31. Confirmed: 65 % lithium-based, 75 % lead-acid, 80 % NiCd, 50 % other from 2025-12-31.");
        return new Report("recycling-efficiency", "EU recycling efficiency per recycler, year and chemistry",
                params(period, company), List.of("recycler", "recyclerName", "year", "chemistry", "category",
                        "batches", "inputGrams", "recyclingGrams", "efficiencyBp", "targetBp", "targetInForceFrom",
                        "clause", "evidence", "meetsTarget"),
                rows, notes, asOfBlock);
    }

    public Report materialRecovery(Period period, @Nullable String company, long asOfBlock) {
        Participants participants = Participants.load(jdbc);
        Map<List<Object>, long[]> acc = new TreeMap<>(KEY_ORDER);
        StringBuilder sql = new StringBuilder("SELECT b.recycler, COALESCE(b.occurred_at, b.recorded_at), e.element,"
                + " e.input_grams, e.recovered_grams FROM rm_recycling_element e JOIN rm_recycling_batch b"
                + " ON b.batch_id = e.batch_id WHERE COALESCE(b.occurred_at, b.recorded_at) >= ?"
                + " AND COALESCE(b.occurred_at, b.recorded_at) < ?");
        List<Object> args = new ArrayList<>(List.of(period.start(), period.end()));
        if (company != null) {
            sql.append(" AND b.recycler = ?");
            args.add(company);
        }
        jdbc.query(sql.toString(), rs -> {
            String element = rs.getString(3);
            if (!RECOVERY_ELEMENTS.contains(element)) {
                return;
            }
            List<Object> k = List.of(rs.getString(1), year(rs.getObject(2, OffsetDateTime.class)), element);
            long[] a = acc.computeIfAbsent(k, x -> new long[2]);
            a[0] += rs.getLong(4);
            a[1] += rs.getLong(5);
        }, args.toArray());
        List<List<Object>> rows = new ArrayList<>();
        acc.forEach((k, a) -> {
            String recycler = (String) k.get(0);
            int y = (Integer) k.get(1);
            String element = (String) k.get(2);
            Optional<EuTarget> t = EuTargets.inForce(EuTargets.MATERIAL_RECOVERY, element, LocalDate.of(y, 12, 31));
            long bp = share(a[1], a[0]);
            rows.add(Arrays.asList(recycler, participants.name(recycler), y, element, a[0], a[1], bp,
                    t.map(EuTarget::basisPoints).orElse(null), t.map(x -> x.inForceFrom().toString()).orElse(null),
                    t.map(EuTarget::clause).orElse(null), t.map(x -> x.evidence().name()).orElse(null),
                    t.map(x -> bp >= x.basisPoints()).orElse(null)));
        });
        List<String> notes = List.of(
                "Material recovery = recovered mass / mass of the element in the input (Annex XII Part C), per"
                        + " recycler, calendar year (China time) and element; no target is in force before 2027-12-31.",
                "Evidence (domain.md §4.5): Li 50 % (2027-12-31) and 80 % (2031-12-31) confirmed; Co, Ni, Cu 90 %"
                        + " (2027) from a secondary source only; Co, Ni, Cu 95 % (2031) and Pb 90 % / 95 % UNCONFIRMED.");
        return new Report("material-recovery", "EU material recovery per recycler, year and element",
                params(period, company), List.of("recycler", "recyclerName", "year", "element", "inputGrams",
                        "recoveredGrams", "recoveryBp", "targetBp", "targetInForceFrom", "clause", "evidence",
                        "meetsTarget"),
                rows, notes, asOfBlock);
    }

    /** Recycled content per model, year and plant (Art. 8): see {@link RecycledContentReport}. */
    public Report recycledContent(Period period, @Nullable String company, long asOfBlock) {
        return new RecycledContentReport(jdbc).report(period, company, params(period, company), asOfBlock);
    }

    /** Passport completeness of the packs placed on the market from 2027-02-18 (Art. 77(1)). */
    public Report passportCompleteness(Period period, @Nullable String company, long asOfBlock) {
        Participants participants = Participants.load(jdbc);
        OffsetDateTime from = period.start();
        OffsetDateTime passportFrom = EuTargets.PASSPORT_FROM.atStartOfDay().atOffset(Period.CHINA);
        if (from.isBefore(passportFrom)) {
            from = passportFrom;
        }
        Map<String, long[]> acc = new TreeMap<>();
        StringBuilder sql = new StringBuilder("SELECT registered_by, passport_gaps, COUNT(*) FROM rm_unit"
                + " WHERE placed_at >= ? AND placed_at < ? AND level = 'PACK'");
        List<Object> args = new ArrayList<>(List.of(from, period.end()));
        if (company != null) {
            sql.append(" AND registered_by = ?");
            args.add(company);
        }
        sql.append(" GROUP BY registered_by, passport_gaps");
        jdbc.query(sql.toString(), rs -> {
            long[] a = acc.computeIfAbsent(rs.getString(1), x -> new long[4 + PASSPORT_FIELDS.size()]);
            String gaps = rs.getString(2) == null ? "" : rs.getString(2);
            List<String> missing = gaps.isEmpty() ? List.of() : List.of(gaps.split(","));
            long n = rs.getLong(3);
            a[0] += n;
            if (missing.contains("euUniqueId")) {
                a[1] += n;
            } else if (missing.isEmpty()) {
                a[2] += n;
            } else {
                a[3] += n;
                for (int i = 0; i < PASSPORT_FIELDS.size(); i++) {
                    if (missing.contains(PASSPORT_FIELDS.get(i))) {
                        a[4 + i] += n;
                    }
                }
            }
        }, args.toArray());
        List<List<Object>> rows = new ArrayList<>();
        acc.forEach((id, a) -> {
            List<Object> r = new ArrayList<>(List.of(id, participants.name(id)));
            for (long v : a) {
                r.add(v);
            }
            rows.add(r);
        });
        List<String> columns = new ArrayList<>(List.of("company", "companyName", "placed", "withoutEuId", "complete",
                "incomplete"));
        PASSPORT_FIELDS.forEach(f -> columns.add("missing_" + f));
        List<String> notes = List.of(
                "Packs first shipped or installed from 2027-02-18 (EU 2023/1542 Art. 77(1), confirmed) within the"
                        + " period, per company that registered them. Complete = EU unique identifier (Art. 77(3)) and"
                        + " the Annex XIII point 1 fields the ledger holds: model, chemistry, mass, capacity or energy,"
                        + " place of manufacture, extinguishing agent (manufacturer and date come from the code).",
                "withoutEuId: the ledger cannot tell a China-only pack from an EU-bound pack missing its identifier;"
                        + " both are counted there. missing_* counts only packs with an EU identifier.");
        return new Report("passport-completeness", "EU battery passport completeness (from 2027-02-18)",
                params(period, company), columns, rows, notes, asOfBlock);
    }

    /** Orders composite keys of strings and integers. */
    private static final java.util.Comparator<List<Object>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };
}
