package org.batteryledger.app.compliance.export;

import java.util.List;
import org.batteryledger.app.compliance.Report;
import org.springframework.web.util.HtmlUtils;

/**
 * A report as a self-contained printable HTML page (A4 landscape print styles, no scripts, no
 * external resources): title, issuing parameters, the table, and the notes with every unconfirmed
 * threshold or provisional calendar year the figures depend on.
 */
public final class ReportHtml {
    private ReportHtml() {}

    public static String write(Report report, String issuedFor) {
        StringBuilder sb = new StringBuilder(256 * (report.rows().size() + 10));
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(report.title())).append("</title>\n<style>")
                .append("@page{size:A4 landscape;margin:12mm}body{font:10pt sans-serif;color:#000}")
                .append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:2px 4px;")
                .append("text-align:left;vertical-align:top}th{background:#eee}td.n{text-align:right}")
                .append("thead{display:table-header-group}tr{page-break-inside:avoid}.notes li{margin:2px 0}")
                .append(".warn{font-weight:bold}</style></head><body>\n");
        sb.append("<h1>").append(esc(report.title())).append("</h1>\n<p>");
        report.parameters().forEach((k, v) -> sb.append("<b>").append(esc(k)).append("</b>: ").append(esc(v))
                .append(" &nbsp; "));
        sb.append("<b>ledger block</b>: ").append(report.asOfBlock()).append(" &nbsp; <b>issued for</b>: ")
                .append(esc(issuedFor)).append("</p>\n<table><thead><tr>");
        for (String c : report.columns()) {
            sb.append("<th>").append(esc(c)).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (List<Object> row : report.rows()) {
            sb.append("<tr>");
            for (Object v : row) {
                boolean number = v instanceof Number;
                sb.append(number ? "<td class=\"n\">" : "<td>").append(v == null ? "" : esc(v.toString()))
                        .append("</td>");
            }
            sb.append("</tr>\n");
        }
        if (report.rows().isEmpty()) {
            sb.append("<tr><td colspan=\"").append(report.columns().size()).append("\">no rows</td></tr>\n");
        }
        sb.append("</tbody></table>\n<h2>Notes</h2><ul class=\"notes\">\n");
        for (String n : report.notes()) {
            boolean warn = n.contains("UNCONFIRMED") || n.contains("PROVISIONAL") || n.startsWith("NO DATA");
            sb.append(warn ? "<li class=\"warn\">" : "<li>").append(esc(n)).append("</li>\n");
        }
        sb.append("</ul>\n</body></html>\n");
        return sb.toString();
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s, "UTF-8");
    }
}
