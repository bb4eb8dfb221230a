package org.batteryledger.app.compliance.targets;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.batteryledger.app.compliance.Participants;
import org.batteryledger.app.compliance.Period;
import org.batteryledger.app.compliance.Report;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;

/**
 * Recycled content per battery model, production year and plant (EU 2023/1542 Art. 8; domain.md
 * §4.6): the shares each maker declared on the ledger, per material, against the minimum in
 * force, plus the (maker, model, plant, year) whose packs were placed on the market without a
 * declaration. The figures are the contract's (basis points, pre + post = total); this class
 * only compares them with {@link EuTargets#RECYCLED_CONTENT}. Reads two small indexed tables, never
 * the units.
 */
final class RecycledContentReport {
    static final String MEETS = "MEETS";
    static final String BELOW = "BELOW";
    static final String NO_MINIMUM_YET = "NO MINIMUM YET";
    static final String NOT_DECLARED = "NOT DECLARED";
    static final List<String> COLUMNS = List.of("maker", "makerName", "model", "plant", "year", "material",
            "preConsumerBp", "postConsumerBp", "declaredBp", "packsPlaced", "minimumBp", "minimumInForceFrom", "verdict",
            "nextMinimumBp", "nextMinimumFrom", "meetsNextMinimum", "clause", "evidence", "documentHash", "revision", "txId");

    private final JdbcTemplate jdbc;

    RecycledContentReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One declared material: shares in basis points, the supporting document and the revision. */
    private record Declared(String material, int pre, int post, int total, String documentHash, int revision,
            String txId) {}

    Report report(Period period, @Nullable String company, Map<String, String> parameters, long asOfBlock) {
        Participants participants = Participants.load(jdbc);
        // (maker, model, plant, year) → declared materials; years overlapping the period.
        Map<List<Object>, List<Declared>> declared = new TreeMap<>(KEY_ORDER);
        Map<List<Object>, Long> placed = new TreeMap<>(KEY_ORDER);
        String byMaker = company == null ? "" : " AND maker = ?";
        List<Object> args = new ArrayList<>(List.of(period.from().getYear(), period.to().getYear()));
        if (company != null) {
            args.add(company);
        }
        jdbc.query("SELECT maker, model, plant, production_year, material, pre_consumer_bp, post_consumer_bp,"
                + " total_bp, document_hash, revision, tx_id FROM rm_recycled_content"
                + " WHERE production_year >= ? AND production_year <= ?" + byMaker, rs -> {
                    declared.computeIfAbsent(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                            k -> new ArrayList<>()).add(new Declared(rs.getString(5), rs.getInt(6), rs.getInt(7),
                                    rs.getInt(8), rs.getString(9), rs.getInt(10), rs.getString(11)));
                }, args.toArray());
        jdbc.query("SELECT maker, model, plant, production_year, packs FROM rm_model_placed"
                + " WHERE production_year >= ? AND production_year <= ?" + byMaker,
                rs -> {
                    placed.put(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)), rs.getLong(5));
                }, args.toArray());

        Map<List<Object>, Boolean> keys = new TreeMap<>(KEY_ORDER);
        declared.keySet().forEach(k -> keys.put(k, true));
        placed.keySet().forEach(k -> keys.putIfAbsent(k, false));
        List<List<Object>> rows = new ArrayList<>();
        keys.forEach((k, isDeclared) -> {
            String maker = (String) k.get(0);
            int year = (Integer) k.get(3);
            Long packs = placed.getOrDefault(k, 0L);
            if (!isDeclared) {
                rows.add(Arrays.asList(maker, participants.name(maker), k.get(1), k.get(2), year, null, null, null,
                        null, packs, null, null, NOT_DECLARED, null, null, null, null, null, null, null, null));
                return;
            }
            List<Declared> materials = new ArrayList<>(declared.get(k));
            materials.sort(Comparator.comparing(Declared::material));
            for (Declared d : materials) {
                rows.add(row(k, participants.name(maker), packs, d));
            }
        });
        return new Report("recycled-content", "EU recycled content per model, year and plant", parameters, COLUMNS,
                rows, notes(), asOfBlock);
    }

    private static List<Object> row(List<Object> k, String makerName, long packs, Declared d) {
        int year = (Integer) k.get(3);
        // A production year is judged against the tier in force on its 31 December, as the other EU reports.
        LocalDate judged = LocalDate.of(year, 12, 31);
        Optional<EuTarget> now = EuTargets.inForce(EuTargets.RECYCLED_CONTENT, d.material(), judged);
        Optional<EuTarget> next = EuTargets.RECYCLED_CONTENT.stream()
                .filter(t -> t.subject().equals(d.material()) && t.inForceFrom().isAfter(judged))
                .min(Comparator.comparing(EuTarget::inForceFrom));
        String verdict = now.map(t -> d.total() >= t.basisPoints() ? MEETS : BELOW).orElse(NO_MINIMUM_YET);
        EuTarget cited = now.or(() -> next).orElse(null);
        return Arrays.asList(k.get(0), makerName, k.get(1), k.get(2), year, d.material(), d.pre(), d.post(), d.total(),
                packs, now.map(EuTarget::basisPoints).orElse(null), now.map(t -> t.inForceFrom().toString()).orElse(null),
                verdict, next.map(EuTarget::basisPoints).orElse(null),
                next.map(t -> t.inForceFrom().toString()).orElse(null),
                next.map(t -> d.total() >= t.basisPoints()).orElse(null), cited == null ? null : cited.clause(),
                cited == null ? null : cited.evidence().name(), d.documentHash(), d.revision(), d.txId());
    }

    private static List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("Declared share = pre-consumer (manufacturing waste) + post-consumer share of the material, as the"
                + " battery maker declared it on the ledger per model, plant and production year (EU 2023/1542 Art. 8;"
                + " domain.md §4.6); Co, Li and Ni in the active materials, Pb in the battery. A later declaration of"
                + " the same model, plant and year replaces the earlier (revision; history on the ledger).");
        StringBuilder minimums = new StringBuilder("Minimums (domain.md §4.6, confirmed):");
        for (EuTarget t : EuTargets.RECYCLED_CONTENT) {
            minimums.append(' ').append(t.subject()).append(' ').append(t.basisPoints() / 100).append(" % from ")
                    .append(t.inForceFrom()).append(';');
        }
        notes.add(minimums.toString());
        notes.add("A production year is judged against the minimum in force on its 31 December: 2031 and 2036 are judged"
                + " against the new tier although it applies from 18 August. NO MINIMUM YET = no minimum in force for"
                + " that year; nextMinimum* show the coming tier and whether the declared share already meets it.");
        notes.add("UNCONFIRMED (domain.md §4.1 ❓): the date from which the Art. 8(1) documentation is due,"
                + " 2028-08-18 or 24 months after the delegated act, whichever is later (one source says 2027-02-18)."
                + " NOT DECLARED rows before that date are gaps, not breaches.");
        notes.add("NOT DECLARED = packs (GB/T 34014 standard codes) with a model in their spec first shipped or"
                + " installed, counted by registering maker, model, plant (spec placeOfManufacture; empty when none)"
                + " and production year (from the code), with no declaration for that key. Packs without a model are"
                + " not counted (see passport-completeness). The ledger does not know which of Co, Li, Ni, Pb a model"
                + " contains, so a material the maker did not declare has no row.");
        return notes;
    }

    /** Orders composite keys of strings and integers. */
    private static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
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
