package org.batteryledger.app.web.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.batteryledger.app.web.importer.ImportJob.RowError;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.json.Json;

/**
 * The columns of an import file, named by its first line: {@code code} (required), {@code
 * euUniqueId}, and the unit's specification fields (docs/chaincode-api.md, {@code UnitSpec}).
 * Here only the shape of each cell is checked (a number where a number belongs); what the values
 * may be is the contract's to say when the row is registered.
 */
final class Columns {
    private static final Set<String> TEXT = Set.of("model", "chemistry", "placeOfManufacture", "extinguishingAgent");
    private static final Set<String> NUMBER = Set.of("massGrams", "ratedCapacityMah", "nominalVoltageMv",
            "ratedEnergyWh", "expectedCycles", "capacityThresholdPermille");
    /** Hazards, separated by ';' inside the cell. */
    private static final String HAZARDS = "hazards";
    static final List<String> KNOWN = List.of("code", "euUniqueId", "model", "chemistry", "massGrams",
            "ratedCapacityMah", "nominalVoltageMv", "ratedEnergyWh", "placeOfManufacture", HAZARDS,
            "extinguishingAgent", "expectedCycles", "capacityThresholdPermille");

    private final List<String> names;

    private Columns(List<String> names) {
        this.names = names;
    }

    /** The header, matched case-insensitively; an unknown or repeated column refuses the file. */
    static Columns of(List<String> header) {
        Map<String, String> byLower = new LinkedHashMap<>();
        KNOWN.forEach(k -> byLower.put(k.toLowerCase(Locale.ROOT), k));
        List<String> names = new ArrayList<>();
        for (String h : header) {
            String name = byLower.get(h.trim().toLowerCase(Locale.ROOT));
            if (name == null) {
                throw new ImportJobs.ImportRefused("file", "column '" + h.trim() + "' is not one of " + KNOWN);
            }
            if (names.contains(name)) {
                throw new ImportJobs.ImportRefused("file", "column '" + name + "' appears twice");
            }
            names.add(name);
        }
        if (!names.contains("code")) {
            throw new ImportJobs.ImportRefused("file", "the first line must name a 'code' column");
        }
        return new Columns(names);
    }

    /** The unit of one row as the register transaction takes it; problems go to {@code errors}. */
    ObjectNode unit(Csv.Line row, List<RowError> errors) {
        ObjectNode unit = Json.mapper().createObjectNode();
        ObjectNode spec = Json.mapper().createObjectNode();
        List<String> cells = row.fields();
        if (cells.size() != names.size()) {
            errors.add(new RowError(row.number(), "", LedgerError.INVALID_ARGUMENT.name(),
                    "has " + cells.size() + " cells; the header names " + names.size()));
            return unit;
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String cell = cells.get(i).trim();
            if (cell.isEmpty()) {
                if (name.equals("code")) {
                    errors.add(new RowError(row.number(), name, LedgerError.INVALID_ARGUMENT.name(), "is required"));
                }
                continue;
            }
            if (name.equals("code")) {
                unit.put("code", cell.toUpperCase(Locale.ROOT));
            } else if (name.equals("euUniqueId")) {
                unit.put("euUniqueId", cell);
            } else if (TEXT.contains(name)) {
                spec.put(name, cell);
            } else if (name.equals(HAZARDS)) {
                var list = spec.putArray(HAZARDS);
                for (String h : cell.split(";")) {
                    if (!h.isBlank()) {
                        list.add(h.trim());
                    }
                }
            } else if (NUMBER.contains(name)) {
                try {
                    spec.put(name, Long.parseLong(cell));
                } catch (NumberFormatException e) {
                    errors.add(new RowError(row.number(), name, LedgerError.INVALID_ARGUMENT.name(),
                            "must be a whole number, not '" + cell + "'"));
                }
            }
        }
        if (!spec.isEmpty()) {
            unit.set("spec", spec);
        }
        return unit;
    }
}
