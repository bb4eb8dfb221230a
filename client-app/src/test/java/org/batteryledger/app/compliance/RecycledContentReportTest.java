package org.batteryledger.app.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.compliance.calendar.WorkdayCalendar;
import org.batteryledger.app.ledger.TestkitLedger;
import org.batteryledger.app.outbox.Consortium;
import org.batteryledger.app.outbox.TestDb;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.batteryledger.chaincode.Transactions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recycled-content report (EU 2023/1542 Art. 8) on declarations made through the contract:
 * the verdict against the minimum in force on the year's 31 December, the coming minimum, and the
 * models placed on the market without a declaration.
 */
class RecycledContentReportTest {
    private static final String PLANT = "Ningde, Fujian, China";

    @TempDir
    Path dir;
    TestDb db;
    TestkitLedger ledger;
    Consortium c;
    ReadModelProjector projector;
    ComplianceReports reports;

    @BeforeEach
    void setUp() {
        db = new TestDb(dir, "app");
        ledger = new TestkitLedger();
        ledger.setTime(Instant.parse("2026-03-01T00:00:00Z"));
        c = Consortium.on(ledger);
        projector = new ReadModelProjector(db.dataSource(), ledger);
        projector.start();
        // Two packs of model CR-1 made in 2026 (the code's date) at PLANT, shipped: placed on the market.
        for (int serial : new int[] {1, 2}) {
            String pack = c.code(c.batteryMaker, 'P', serial);
            c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.request("units", List.of(Map.of("code", pack,
                    "spec", Map.of("model", "CR-1", "placeOfManufacture", PLANT)))));
            c.submit(c.batteryMaker, Transactions.SHIP, c.request("code", pack));
        }
        // Declarations of later years can only be made in those years.
        ledger.setTime(Instant.parse("2037-03-01T00:00:00Z"));
        declare("CR-9", 2030, Map.of("CO", share(1_000, 700)));
        declare("CR-9", 2031, Map.of("CO", share(1_000, 500), "LI", share(300, 300)));
        declare("CR-9", 2036, Map.of("CO", share(1_300, 1_300), "NI", share(1_000, 400), "PB", share(0, 8_500)));
        reports = new ComplianceReports(db.dataSource(), WorkdayCalendar.bundled(), ComplianceSettings.defaults());
        assertThat(projector.awaitBlock(ledger.height() - 1, Duration.ofSeconds(20))).isTrue();
    }

    @AfterEach
    void tearDown() throws Exception {
        projector.stop();
        db.close();
    }

    private void declare(String model, int year, Map<String, Object> shares) {
        c.submit(c.batteryMaker, Transactions.DECLARE_RECYCLED_CONTENT, c.request("model", model, "plant", PLANT,
                "year", year, "shares", shares, "documentHash", "c".repeat(64)));
    }

    private static Map<String, Object> share(int pre, int post) {
        return Map.of("preConsumerBasisPoints", pre, "postConsumerBasisPoints", post);
    }

    private Report report(int fromYear, int toYear, String company) {
        return reports.report(ReportName.RECYCLED_CONTENT, new Period(java.time.LocalDate.of(fromYear, 1, 1),
                java.time.LocalDate.of(toYear, 12, 31)), company, null, 500);
    }

    private static List<Object> row(Report r, int year, String material) {
        List<List<Object>> rows = r.rows().stream()
                .filter(x -> Integer.valueOf(year).equals(r.value(x, "year")) && material.equals(r.value(x, "material")))
                .toList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void aYearBeforeTheFirstMinimumHasNoVerdictButShowsTheComingOne() {
        Report r = report(2030, 2030, null);

        List<Object> co = row(r, 2030, "CO");
        assertThat(r.value(co, "declaredBp")).isEqualTo(1_700);
        assertThat(r.value(co, "verdict")).isEqualTo("NO MINIMUM YET");
        assertThat(r.value(co, "minimumBp")).isNull();
        assertThat(r.value(co, "nextMinimumBp")).isEqualTo(1_600);
        assertThat(r.value(co, "nextMinimumFrom")).isEqualTo("2031-08-18");
        assertThat(r.value(co, "meetsNextMinimum")).isEqualTo(true);
    }

    @Test
    void twentyThirtyOneIsJudgedAgainstPhaseOneExactlyMeetingCounts() {
        Report r = report(2031, 2031, null);

        List<Object> co = row(r, 2031, "CO");
        assertThat(r.value(co, "preConsumerBp")).isEqualTo(1_000);
        assertThat(r.value(co, "postConsumerBp")).isEqualTo(500);
        assertThat(r.value(co, "minimumBp")).isEqualTo(1_600);
        assertThat(r.value(co, "minimumInForceFrom")).isEqualTo("2031-08-18");
        assertThat(r.value(co, "verdict")).isEqualTo("BELOW");
        assertThat(r.value(co, "nextMinimumBp")).isEqualTo(2_600);
        List<Object> li = row(r, 2031, "LI");
        assertThat(r.value(li, "declaredBp")).isEqualTo(600);
        assertThat(r.value(li, "verdict")).isEqualTo("MEETS");
        assertThat(r.value(li, "evidence")).isEqualTo("CONFIRMED");
        assertThat((String) r.value(li, "txId")).isNotBlank();
    }

    @Test
    void twentyThirtySixIsJudgedAgainstPhaseTwo() {
        Report r = report(2036, 2036, null);

        assertThat(r.value(row(r, 2036, "CO"), "verdict")).isEqualTo("MEETS");
        List<Object> ni = row(r, 2036, "NI");
        assertThat(r.value(ni, "minimumBp")).isEqualTo(1_500);
        assertThat(r.value(ni, "verdict")).isEqualTo("BELOW");
        assertThat(r.value(ni, "nextMinimumBp")).isNull();
        assertThat(r.value(row(r, 2036, "PB"), "verdict")).isEqualTo("MEETS");
    }

    @Test
    void aModelPlacedWithoutADeclarationIsListedAsNotDeclared() {
        Report r = report(2026, 2026, null);

        assertThat(r.rows()).hasSize(1);
        List<Object> x = r.rows().get(0);
        assertThat(r.value(x, "maker")).isEqualTo(c.batteryMaker.id());
        assertThat(r.value(x, "model")).isEqualTo("CR-1");
        assertThat(r.value(x, "plant")).isEqualTo(PLANT);
        assertThat(r.value(x, "year")).isEqualTo(2026);
        assertThat(r.value(x, "packsPlaced")).isEqualTo(2L);
        assertThat(r.value(x, "material")).isNull();
        assertThat(r.value(x, "verdict")).isEqualTo("NOT DECLARED");
    }

    @Test
    void declaringTheModelRemovesItsNotDeclaredRowAndCarriesThePackCount() {
        declare("CR-1", 2026, Map.of("LI", share(100, 200)));
        assertThat(projector.awaitBlock(ledger.height() - 1, Duration.ofSeconds(20))).isTrue();

        Report r = report(2026, 2026, null);

        assertThat(r.rowsWhere("verdict", "NOT DECLARED")).isEmpty();
        List<Object> li = row(r, 2026, "LI");
        assertThat(r.value(li, "packsPlaced")).isEqualTo(2L);
        assertThat(r.value(li, "declaredBp")).isEqualTo(300);
        assertThat(r.value(li, "verdict")).isEqualTo("NO MINIMUM YET");
    }

    @Test
    void aCompanyFilterKeepsOnlyThatMakersRows() {
        assertThat(report(2030, 2036, c.batteryMaker.id()).rows()).hasSize(6);
        assertThat(report(2026, 2026, c.batteryMaker.id()).rows()).hasSize(1);
        assertThat(report(2026, 2029, c.automaker.id()).rows()).isEmpty();
    }

    @Test
    void theUnconfirmedDocumentationDateIsMarked() {
        assertThat(report(2026, 2026, null).notes()).anyMatch(n -> n.startsWith("UNCONFIRMED") && n.contains("2028-08-18"));
    }
}
