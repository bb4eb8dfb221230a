package org.batteryledger.app.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.compliance.export.ReportCsv;
import org.batteryledger.app.compliance.export.ReportHtml;
import org.junit.jupiter.api.Test;

/** CSV and the printable page: escaping, absent values, and the marked notes. */
class ReportFormatsTest {
    private final Report report = new Report("t", "Title <b>", Map.of("company", "X"), List.of("name", "n", "flag"),
            List.of(Arrays.asList("=HYPERLINK(\"x\")", 5L, null), Arrays.asList("a,b", -3L, true)),
            List.of("UNCONFIRMED: 70 %", "plain"), 12);

    @Test
    void csvQuotesSeparatorsAndDefusesFormulasButNotNegativeNumbers() {
        String csv = ReportCsv.write(report);

        assertThat(csv).contains("# company=X\r\n# asOfBlock=12\r\n# UNCONFIRMED: 70 %\r\n");
        assertThat(csv).contains("name,n,flag\r\n\"'=HYPERLINK(\"\"x\"\")\",5,\r\n\"a,b\",-3,true\r\n");
    }

    @Test
    void thePrintablePageEscapesAndMarksUnconfirmedNotes() {
        String html = ReportHtml.write(report, "Regulator <x>");

        assertThat(html).contains("<h1>Title &lt;b&gt;</h1>").contains("Regulator &lt;x&gt;")
                .contains("<li class=\"warn\">UNCONFIRMED: 70 %</li>").contains("<li>plain</li>")
                .contains("<td class=\"n\">-3</td>").doesNotContain("<script");
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Report("t", "t", Map.of(), List.of("a", "b"),
                List.of(List.of(1)), List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
