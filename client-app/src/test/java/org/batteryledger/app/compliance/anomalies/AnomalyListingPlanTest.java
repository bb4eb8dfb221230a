package org.batteryledger.app.compliance.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.batteryledger.app.ledger.TestkitLedger;
import org.batteryledger.app.outbox.TestDb;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anomaly queries go through the indexes that hold every column they read, or that give the
 * listing order so that reading stops at the limit (readmodel.sql): over a year of a million packs
 * the other plans took seconds (docs/performance.md §9).
 */
class AnomalyListingPlanTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-03-02T00:00:00+08:00");

    @TempDir
    Path dir;
    TestDb db;

    @BeforeEach
    void setUp() {
        db = new TestDb(dir, "app");
        new ReadModelProjector(db.dataSource(), new TestkitLedger()); // creates the tables
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void rejectionsAreGroupedFromTheActionIndex() {
        assertThat(plan(Anomalies.REJECTIONS, T, T.plusDays(1), 2)).contains("RM_UNIT_EVENT_ACTION_CODE");
    }

    @Test
    void lateEventsAreReadFromTheActorDayIndex() {
        assertThat(plan(Anomalies.LATE_EVENTS, "AUTO", "INSTALL", "AUTOMAKER", T, T.plusDays(1), T.plusDays(30),
                T.plusDays(31))).contains("RM_UNIT_EVENT_ACTOR_DAY");
    }

    @Test
    void receiptsAreReadFromTheActorDayIndex() {
        assertThat(plan(Anomalies.RECEIPTS, "REPAIRER", T, T.plusDays(1), "REPAIRER"))
                .contains("RM_UNIT_EVENT_ACTOR_DAY");
    }

    @Test
    void packlessVehiclesAreReadFromTheirIndex() {
        assertThat(plan(Anomalies.PACKLESS, T)).contains("RM_VEHICLE_PACKLESS_SOLD");
    }

    @Test
    void pendingHandoversAreReadInListingOrderUpToTheLimit() {
        String sql = Anomalies.PENDING + " ORDER BY pending_to, code LIMIT ?";
        assertThat(plan(sql, T, 500)).contains("RM_UNIT_PENDING_CODE", "index sorted");
    }

    @Test
    void retiredUnitsAreReadInCodeOrderUpToTheLimit() {
        assertThat(plan(Anomalies.RETIRED, T, 500)).contains("RM_UNIT_STATUS", "index sorted");
        assertThat(plan(Anomalies.RETIRED_OF, T, "AUTO", 500)).contains("RM_UNIT_RESPONSIBLE", "index sorted");
    }

    private String plan(String sql, Object... args) {
        return db.jdbc().queryForObject("EXPLAIN " + sql, String.class, args);
    }
}
