package org.batteryledger.app.compliance.targets;

import static org.batteryledger.app.compliance.Evidence.CONFIRMED;
import static org.batteryledger.app.compliance.Evidence.SECONDARY;
import static org.batteryledger.app.compliance.Evidence.UNCONFIRMED;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The EU Batteries Regulation's numbers as domain.md gives them, each with its clause and evidence
 * marker. A target is "in force" on a date from the date it applies ("by 31 Dec 2025" = from that
 * day); the latest tier in force wins.
 */
public final class EuTargets {
    private static final String PART_B = "EU 2023/1542 Art. 71, Annex XII Part B (domain.md §4.5)";
    private static final String PART_C = "EU 2023/1542 Art. 71, Annex XII Part C (domain.md §4.5)";
    private static final String ART_8 = "EU 2023/1542 Art. 8 (domain.md §4.6)";

    /** Recycling efficiency by battery category: LITHIUM, LEAD_ACID, NICKEL_CADMIUM, OTHER. */
    public static final List<EuTarget> RECYCLING_EFFICIENCY = List.of(
            new EuTarget("LITHIUM", LocalDate.of(2025, 12, 31), 6500, PART_B, CONFIRMED),
            new EuTarget("LITHIUM", LocalDate.of(2030, 12, 31), 7000, PART_B, UNCONFIRMED),
            new EuTarget("LEAD_ACID", LocalDate.of(2025, 12, 31), 7500, PART_B, CONFIRMED),
            new EuTarget("LEAD_ACID", LocalDate.of(2030, 12, 31), 8000, PART_B, UNCONFIRMED),
            new EuTarget("NICKEL_CADMIUM", LocalDate.of(2025, 12, 31), 8000, PART_B, CONFIRMED),
            new EuTarget("OTHER", LocalDate.of(2025, 12, 31), 5000, PART_B, CONFIRMED));

    /** Material recovery per element (Co, Cu, Li, Ni, Pb). */
    public static final List<EuTarget> MATERIAL_RECOVERY = List.of(
            new EuTarget("LI", LocalDate.of(2027, 12, 31), 5000, PART_C, CONFIRMED),
            new EuTarget("LI", LocalDate.of(2031, 12, 31), 8000, PART_C, CONFIRMED),
            new EuTarget("CO", LocalDate.of(2027, 12, 31), 9000, PART_C, SECONDARY),
            new EuTarget("CO", LocalDate.of(2031, 12, 31), 9500, PART_C, UNCONFIRMED),
            new EuTarget("NI", LocalDate.of(2027, 12, 31), 9000, PART_C, SECONDARY),
            new EuTarget("NI", LocalDate.of(2031, 12, 31), 9500, PART_C, UNCONFIRMED),
            new EuTarget("CU", LocalDate.of(2027, 12, 31), 9000, PART_C, SECONDARY),
            new EuTarget("CU", LocalDate.of(2031, 12, 31), 9500, PART_C, UNCONFIRMED),
            new EuTarget("PB", LocalDate.of(2027, 12, 31), 9000, PART_C, UNCONFIRMED),
            new EuTarget("PB", LocalDate.of(2031, 12, 31), 9500, PART_C, UNCONFIRMED));

    /** Recycled-content minimums per material, in the active materials (Pb: in the battery). */
    public static final List<EuTarget> RECYCLED_CONTENT = List.of(
            new EuTarget("CO", LocalDate.of(2031, 8, 18), 1600, ART_8, CONFIRMED),
            new EuTarget("LI", LocalDate.of(2031, 8, 18), 600, ART_8, CONFIRMED),
            new EuTarget("NI", LocalDate.of(2031, 8, 18), 600, ART_8, CONFIRMED),
            new EuTarget("PB", LocalDate.of(2031, 8, 18), 8500, ART_8, CONFIRMED),
            new EuTarget("CO", LocalDate.of(2036, 8, 18), 2600, ART_8, CONFIRMED),
            new EuTarget("LI", LocalDate.of(2036, 8, 18), 1200, ART_8, CONFIRMED),
            new EuTarget("NI", LocalDate.of(2036, 8, 18), 1500, ART_8, CONFIRMED),
            new EuTarget("PB", LocalDate.of(2036, 8, 18), 8500, ART_8, CONFIRMED));

    /** Battery passport for EV batteries placed on the market (Art. 77(1); domain.md §4.1, §6.5). */
    public static final LocalDate PASSPORT_FROM = LocalDate.of(2027, 2, 18);

    private EuTargets() {}

    /** The tier of {@code subject} in force on {@code day}, if any. */
    public static Optional<EuTarget> inForce(List<EuTarget> table, String subject, LocalDate day) {
        return table.stream().filter(t -> t.subject().equals(subject) && !t.inForceFrom().isAfter(day))
                .max(Comparator.comparing(EuTarget::inForceFrom));
    }

    /**
     * The Annex XII Part B category of a GB/T 34014 battery-type key (code position 5): the
     * lithium chemistries are lithium-based; nickel-metal hydride and the rest are "other".
     * Mixed or unknown batches have no category.
     */
    public static Optional<String> efficiencyCategory(String batteryTypeKey) {
        return switch (batteryTypeKey) {
            case "LFP", "LMO", "LCO", "NCM", "LTO" -> Optional.of("LITHIUM");
            case "NIMH", "OTHER", "SUPERCAPACITOR" -> Optional.of("OTHER");
            default -> Optional.empty();
        };
    }
}
