package org.batteryledger.app.web.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, double quotes around fields that hold commas, quotes or line
 * breaks, a doubled quote for a quote. Lines end in CRLF or LF. A leading byte-order mark (as
 * spreadsheet programs write) is dropped.
 */
final class Csv {
    private Csv() {}

    /** One record and the line it starts on (1-based), so errors can name the line a person sees. */
    record Line(int number, List<String> fields) {}

    static List<Line> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Line> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int start = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    any = true;
                }
                case '\r' -> { }
                case '\n' -> {
                    if (any || field.length() > 0) {
                        fields.add(field.toString());
                        out.add(new Line(start, List.copyOf(fields)));
                    }
                    fields.clear();
                    field.setLength(0);
                    any = false;
                    line++;
                    start = line;
                }
                default -> {
                    field.append(c);
                    any = true;
                }
            }
        }
        if (any || field.length() > 0) {
            fields.add(field.toString());
            out.add(new Line(start, List.copyOf(fields)));
        }
        return out;
    }
}
