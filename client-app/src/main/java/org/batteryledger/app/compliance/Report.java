package org.batteryledger.app.compliance;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A compliance report as data: named columns and rows of plain values (strings, integers,
 * booleans, ISO dates as strings), the parameters it was made with, the notes that qualify it
 * (unconfirmed thresholds, provisional calendar years, what the ledger does not hold) and the
 * read model's block height it was computed at. The same value is served as JSON, CSV, a
 * printable page and a signed export, so the four never disagree.
 *
 * @param name the report's path name, e.g. {@code deadlines}
 * @param parameters company, period and any threshold setting the figures depend on
 * @param asOfBlock the last block the read model had applied (−1 when empty)
 */
public record Report(String name, String title, Map<String, String> parameters, List<String> columns,
        List<List<Object>> rows, List<String> notes, long asOfBlock) {

    public Report {
        Objects.requireNonNull(name, "name");
        parameters = new TreeMap<>(parameters);
        columns = List.copyOf(columns);
        int width = columns.size();
        List<List<Object>> copy = new java.util.ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            if (r.size() != width) {
                throw new IllegalArgumentException("row " + r + " has " + r.size() + " values for " + width
                        + " columns");
            }
            // values may be null (absent), so not List.copyOf
            copy.add(java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)));
        }
        rows = java.util.Collections.unmodifiableList(copy);
        notes = List.copyOf(notes);
    }

    /** The value of {@code column} in {@code row}. */
    public Object value(List<Object> row, String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column + " in report " + name);
        }
        return row.get(i);
    }

    /** The rows whose {@code column} equals {@code value}. */
    public List<List<Object>> rowsWhere(String column, Object value) {
        int i = columns.indexOf(column);
        return rows.stream().filter(r -> Objects.equals(r.get(i), value)).toList();
    }
}
