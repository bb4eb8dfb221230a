package org.batteryledger.app.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.batteryledger.app.compliance.anomalies.AnomalyKind;
import org.batteryledger.app.compliance.calendar.WorkdayCalendar;
import org.batteryledger.app.ledger.TestkitLedger;
import org.batteryledger.app.outbox.Consortium;
import org.batteryledger.app.outbox.TestDb;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every report against the hand-worked answers of {@link ComplianceScenario}. */
class ComplianceReportsTest {
    private static final Period Y2026 = Period.year(2026);
    private static final Period Y2027 = Period.year(2027);

    @TempDir
    Path dir;
    TestDb db;
    TestkitLedger ledger;
    Consortium c;
    ReadModelProjector projector;
    ComplianceReports reports;
    ComplianceScenario s;

    @BeforeEach
    void setUp() {
        db = new TestDb(dir, "app");
        ledger = new TestkitLedger();
        ledger.setTime(java.time.Instant.parse("2026-01-20T00:00:00Z"));
        c = Consortium.on(ledger);
        projector = new ReadModelProjector(db.dataSource(), ledger);
        projector.start();
        s = ComplianceScenario.run(c, ledger);
        reports = new ComplianceReports(db.dataSource(), WorkdayCalendar.bundled(), ComplianceSettings.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        projector.stop();
        db.close();
    }

    private static List<Object> only(List<List<Object>> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static List<Object> row(Report r, Object... keyValues) {
        List<List<Object>> rows = r.rows();
        for (int i = 0; i < keyValues.length; i += 2) {
            int col = r.columns().indexOf((String) keyValues[i]);
            Object v = keyValues[i + 1];
            rows = rows.stream().filter(x -> v.equals(x.get(col))).toList();
        }
        return only(rows);
    }

    @Test
    void installsAreJudgedAcrossSpringFestivalInChinaTime() {
        Report r = reports.report(ReportName.DEADLINES, Y2026, c.automaker.id(), null, 500);

        List<Object> install = row(r, "company", c.automaker.id(), "action", "INSTALL");
        assertThat(r.value(install, "units")).isEqualTo(3L);
        assertThat(r.value(install, "onTime")).isEqualTo(2L);
        assertThat(r.value(install, "late")).isEqualTo(1L);
        assertThat(r.value(install, "lateRateBp")).isEqualTo(3333L);
        assertThat(r.value(install, "workingDays")).isEqualTo(15);
        assertThat(r.value(install, "evidence")).isEqualTo("SECONDARY");
        List<Object> replace = row(r, "company", c.automaker.id(), "action", "REPLACE");
        assertThat(r.value(replace, "late")).isEqualTo(0L);
        assertThat(r.value(row(r, "company", "ALL", "action", "INSTALL"), "late")).isEqualTo(1L);
    }

    @Test
    void everyDeadlineOfTheDismantlerAndRecyclerWasMet() {
        Report r = reports.report(ReportName.DEADLINES, Y2026, null, null, 500);

        for (String action : List.of("SCRAP_VEHICLE", "REMOVE", "OFFER_HANDOVER")) {
            List<Object> x = row(r, "company", c.dismantler.id(), "action", action);
            assertThat(r.value(x, "units")).as(action).isEqualTo(1L);
            assertThat(r.value(x, "late")).as(action).isEqualTo(0L);
        }
        assertThat(r.value(row(r, "company", c.recycler.id(), "action", "ACCEPT_HANDOVER"), "onTime")).isEqualTo(1L);
        // Collecting at a dismantler and shipping by a battery maker carry no deadline in the sources.
        assertThat(r.rowsWhere("action", "COLLECT")).isEmpty();
        assertThat(r.rowsWhere("action", "SHIP")).isEmpty();
    }

    @Test
    void aDeadlineBeyondTheCalendarIsCountedApartNotGuessed() {
        Report r = reports.report(ReportName.DEADLINES, Y2027, null, null, 500);

        List<Object> x = row(r, "company", c.recycler.id(), "action", "RECORD_RECYCLING");
        assertThat(r.value(x, "outsideCalendar")).isEqualTo(1L);
        assertThat(r.value(x, "late")).isEqualTo(0L);
        assertThat(r.value(x, "provisionalUnits")).isEqualTo(1L);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("PROVISIONAL"));
    }

    @Test
    void producerResponsibilityCountsFlowsAndUnaccountedUnits() {
        Report r = reports.report(ReportName.PRODUCER_RESPONSIBILITY, Y2026, null, null, 500);

        List<Object> auto = row(r, "company", c.automaker.id(), "perspective", "AUTOMAKER");
        assertThat(auto.subList(3, 13)).containsExactly(3L, 0L, 2L, 1L, 1L, 0L, 0L, 1L, 0L, 0L);
        List<Object> maker = row(r, "company", c.batteryMaker.id(), "perspective", "BATTERY_MAKER");
        assertThat(maker.subList(3, 13)).containsExactly(5L, 0L, 2L, 1L, 1L, 0L, 0L, 1L, 0L, 1L);
        List<Object> maker2027 = row(reports.report(ReportName.PRODUCER_RESPONSIBILITY, Y2027, c.batteryMaker.id(),
                null, 500), "perspective", "BATTERY_MAKER");
        assertThat(maker2027.get(3)).isEqualTo(1L); // p6 shipped
        assertThat(maker2027.get(9)).isEqualTo(1L); // p1 recycled
    }

    @Test
    void recyclingEfficiencyIsJudgedAgainstTheTargetInForceAtYearEnd() {
        Report r = reports.report(ReportName.RECYCLING_EFFICIENCY, Y2027, null, null, 500);

        List<Object> x = only(r.rows());
        assertThat(x).containsExactly(c.recycler.id(), c.recycler.name(), 2027, "NCM", "LITHIUM", 1L, 400_000L,
                300_000L, 7500L, 6500, "2025-12-31", "EU 2023/1542 Art. 71, Annex XII Part B (domain.md §4.5)",
                "CONFIRMED", true);
        assertThat(reports.report(ReportName.RECYCLING_EFFICIENCY, Y2026, null, null, 500).rows()).isEmpty();
    }

    @Test
    void materialRecoveryPerElementMarksTheSecondaryThreshold() {
        Report r = reports.report(ReportName.MATERIAL_RECOVERY, Y2027, c.recycler.id(), null, 500);

        assertThat(r.value(row(r, "element", "LI"), "recoveryBp")).isEqualTo(7500L);
        assertThat(r.value(row(r, "element", "LI"), "meetsTarget")).isEqualTo(true);
        assertThat(r.value(row(r, "element", "CO"), "recoveryBp")).isEqualTo(9500L);
        assertThat(r.value(row(r, "element", "CO"), "evidence")).isEqualTo("SECONDARY");
        assertThat(r.value(row(r, "element", "NI"), "recoveryBp")).isEqualTo(8666L);
        assertThat(r.value(row(r, "element", "NI"), "meetsTarget")).isEqualTo(false);
        assertThat(r.rows()).hasSize(3);
    }

    @Test
    void passportCompletenessCountsOnlyPacksPlacedFromTheTwentySeventhOfFebruary2027() {
        Report r = reports.report(ReportName.PASSPORT_COMPLETENESS, Period.year(2027), null, null, 500);

        List<Object> x = only(r.rows());
        assertThat(r.value(x, "company")).isEqualTo(c.batteryMaker.id());
        assertThat(r.value(x, "placed")).isEqualTo(1L);
        assertThat(r.value(x, "withoutEuId")).isEqualTo(1L);
        assertThat(reports.report(ReportName.PASSPORT_COMPLETENESS, Y2026, null, null, 500).rows()).isEmpty();
    }

    @Test
    void recycledContentHasNoRowsWithoutDeclarationsOrPacksWithAModel() {
        Report r = reports.report(ReportName.RECYCLED_CONTENT, Y2026, null, null, 500);

        assertThat(r.rows()).isEmpty(); // the scenario's packs carry no model in their spec
        assertThat(r.notes()).anyMatch(n -> n.contains("CO 16 % from 2031-08-18"));
    }

    @Test
    void anomaliesListEachKindWithTheBlockBehindIt() {
        Report r = reports.report(ReportName.ANOMALIES, Y2026, null, null, 500);

        List<Object> repeated = row(r, "kind", "REPEATED_ATTEMPTS", "subject", s.p5);
        assertThat((String) r.value(repeated, "detail")).startsWith("2 handovers");
        assertThat(r.value(repeated, "block")).isNotNull();
        List<Object> overdue = row(r, "kind", "OVERDUE_REPORT");
        assertThat(r.value(overdue, "subject")).isEqualTo(s.p2);
        assertThat((String) r.value(overdue, "detail")).contains("due 2026-03-11").contains("recorded 2026-03-12");
        assertThat(r.value(row(r, "kind", "VEHICLE_WITHOUT_PACK"), "subject")).isEqualTo(s.vin2);
        assertThat(r.value(row(r, "kind", "LONG_PENDING_HANDOVER"), "subject")).isEqualTo(s.p4);
        assertThat(r.value(row(r, "kind", "RETIRED_NOT_COLLECTED"), "subject")).isEqualTo(s.p2);
        assertThat(r.rowsWhere("kind", "DIVERTED_TO_UNCERTIFIED")).isEmpty();
        assertThat(r.rowsWhere("kind", "MASS_IMBALANCE")).isEmpty();
    }

    @Test
    void aCompanySeesOnlyTheAnomaliesThatConcernIt() {
        Report r = reports.report(ReportName.ANOMALIES, Y2026, c.recycler.id(), null, 500);

        assertThat(r.rows()).isEmpty();
        Report k = reports.report(ReportName.ANOMALIES, Y2026, null, AnomalyKind.OVERDUE_REPORT, 500);
        assertThat(k.rows()).allMatch(x -> x.get(0).equals("OVERDUE_REPORT")).hasSize(1);
    }

    @Test
    void aWeighedInputFarFromTheDeclaredMassIsAMassImbalance() {
        // The scenario's units declare no mass; as if p1 had declared 500 kg.
        db.jdbc().update("UPDATE rm_recycling_batch SET declared_mass_grams = 500000 WHERE batch_id = 'B-2027-1'");

        Report r = reports.report(ReportName.ANOMALIES, Y2027, null, AnomalyKind.MASS_IMBALANCE, 500);

        List<Object> x = only(r.rows());
        assertThat(x.get(1)).isEqualTo("B-2027-1");
        assertThat((String) x.get(4)).isEqualTo("weighed input 400000 g differs from the units' declared 500000 g by"
                + " 2000 bp");
    }

    @Test
    void theBlocksOfAReportSpanItsEventsAndTheCurrentBlock() {
        long head = reports.asOfBlock();
        var blocks = reports.blocks(Y2026, c.automaker.id(), head);

        assertThat(blocks).isNotEmpty();
        assertThat(blocks.get(blocks.size() - 1).number()).isEqualTo(head);
        assertThat(head).isEqualTo(ledger.height() - 1);
    }

    @Test
    void theRebuiltReadModelGivesTheSameReports() {
        Report before = reports.report(ReportName.PRODUCER_RESPONSIBILITY, Y2026, null, null, 500);
        Report deadlines = reports.report(ReportName.DEADLINES, Y2026, null, null, 500);

        assertThat(projector.rebuild(java.time.Duration.ofSeconds(10))).isTrue();

        assertThat(reports.report(ReportName.PRODUCER_RESPONSIBILITY, Y2026, null, null, 500)).isEqualTo(before);
        assertThat(reports.report(ReportName.DEADLINES, Y2026, null, null, 500)).isEqualTo(deadlines);
        assertThat(LocalDate.of(2026, 1, 1)).isEqualTo(Y2026.from());
    }
}
