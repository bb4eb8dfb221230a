package org.batteryledger.app.web.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void splits_on_commas_and_keeps_the_line_each_record_starts_on() {
        var lines = Csv.parse("code,model\r\nA,B\n\nC,D\n");

        assertThat(lines).containsExactly(new Csv.Line(1, List.of("code", "model")), new Csv.Line(2, List.of("A", "B")),
                new Csv.Line(4, List.of("C", "D")));
    }

    @Test
    void quoted_fields_hold_commas_quotes_and_line_breaks() {
        var lines = Csv.parse("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,x,y");

        assertThat(lines.get(0).fields()).containsExactly("a,b", "say \"hi\"", "two\nlines");
        assertThat(lines.get(1).number()).isEqualTo(3);
    }

    @Test
    void drops_a_byte_order_mark_and_keeps_empty_cells() {
        assertThat(Csv.parse("\uFEFFcode,,x").get(0).fields()).containsExactly("code", "", "x");
    }
}
