package org.batteryledger.app.web.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.batteryledger.app.web.importer.ImportJob.RowError;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void a_row_becomes_the_register_transactions_unit() {
        Columns c = Columns.of(List.of("Code", "model", "massGrams", "hazards"));
        List<RowError> errors = new ArrayList<>();

        var unit = c.unit(new Csv.Line(2, List.of("np1x", "M1", "420000", "high voltage; corrosive")), errors);

        assertThat(errors).isEmpty();
        assertThat(unit.toString()).isEqualTo(
                "{\"code\":\"NP1X\",\"spec\":{\"model\":\"M1\",\"massGrams\":420000,\"hazards\":[\"high voltage\",\"corrosive\"]}}");
    }

    @Test
    void every_bad_cell_is_reported_with_its_line_and_column() {
        Columns c = Columns.of(List.of("code", "massGrams", "ratedEnergyWh"));
        List<RowError> errors = new ArrayList<>();

        c.unit(new Csv.Line(7, List.of("", "heavy", "1.5")), errors);

        assertThat(errors).extracting(RowError::line, RowError::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(7, "code"), org.assertj.core.groups.Tuple.tuple(7, "massGrams"),
                org.assertj.core.groups.Tuple.tuple(7, "ratedEnergyWh"));
    }

    @Test
    void a_row_with_the_wrong_number_of_cells_is_reported() {
        List<RowError> errors = new ArrayList<>();

        Columns.of(List.of("code", "model")).unit(new Csv.Line(3, List.of("A")), errors);

        assertThat(errors).singleElement().satisfies(e -> assertThat(e.message()).contains("1 cells", "2"));
    }

    @Test
    void an_unknown_or_missing_column_refuses_the_file() {
        assertThatThrownBy(() -> Columns.of(List.of("code", "colour"))).hasMessageContaining("'colour'");
        assertThatThrownBy(() -> Columns.of(List.of("model"))).hasMessageContaining("'code'");
        assertThatThrownBy(() -> Columns.of(List.of("code", "CODE"))).hasMessageContaining("twice");
    }
}
