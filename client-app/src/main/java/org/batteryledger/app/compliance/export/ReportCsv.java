package org.batteryledger.app.compliance.export;

import java.util.List;
import org.batteryledger.app.compliance.Report;

/**
 * A report as CSV (RFC 4180): a comment block with the title, parameters and notes (lines
 * starting with {@code #}), then the header and one line per row. Empty cells are absent values.
 */
public final class ReportCsv {
    private ReportCsv() {}

    public static String write(Report report) {
        StringBuilder sb = new StringBuilder(64 * (report.rows().size() + 8));
        sb.append("# ").append(report.title()).append("\r\n");
        report.parameters().forEach((k, v) -> sb.append("# ").append(k).append('=').append(v).append("\r\n"));
        sb.append("# asOfBlock=").append(report.asOfBlock()).append("\r\n");
        for (String n : report.notes()) {
            sb.append("# ").append(n.replace('\n', ' ')).append("\r\n");
        }
        line(sb, List.copyOf(report.columns()));
        for (List<Object> row : report.rows()) {
            line(sb, row);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values.get(i);
            if (v != null) {
                sb.append(field(v.toString()));
            }
        }
        sb.append("\r\n");
    }

    static String field(String s) {
        // A leading = + - @ would be run as a formula by spreadsheet programs; quote and prefix it.
        boolean formula = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+");
        if (formula) {
            s = "'" + s;
        }
        if (formula || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
