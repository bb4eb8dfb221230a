package org.batteryledger.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.batteryledger.app.outbox.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema script on a database an earlier version left: its indexes are replaced on start. */
class ReadModelSchemaTest {
    @TempDir
    Path dir;
    TestDb db;

    @BeforeEach
    void setUp() {
        db = new TestDb(dir, "app");
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void aDatabaseWithTheEarlierIndexesGetsTheCoveringOnesOnStart() {
        ReadModelSchema.apply(db.dataSource());
        // As the previous version left it: the narrower indexes, none of the covering ones.
        db.jdbc().execute("DROP INDEX rm_unit_event_actor_day");
        db.jdbc().execute("DROP INDEX rm_unit_event_action_code");
        db.jdbc().execute("CREATE INDEX rm_unit_event_action ON rm_unit_event (action, occurred_at)");
        db.jdbc().execute("DROP INDEX rm_vehicle_packless_sold");
        db.jdbc().execute("DROP INDEX rm_unit_pending_code");
        db.jdbc().execute("CREATE INDEX rm_unit_pending_to ON rm_unit (pending_to)");
        db.jdbc().execute("CREATE INDEX rm_unit_event_participant_action ON rm_unit_event (participant, action,"
                + " occurred_at)");
        db.jdbc().execute("CREATE INDEX rm_vehicle_packless ON rm_vehicle (pack_count, scrapped_at, vin)");
        db.jdbc().update("INSERT INTO rm_unit_event (block_number, tx_index, code, tx_id, action, to_status,"
                + " participant, role, occurred_at, recorded_at) VALUES (1, 0, 'C1', 'tx1', 'INSTALL', 'INSTALLED',"
                + " 'AUTO', 'AUTOMAKER', TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+08',"
                + " TIMESTAMP WITH TIME ZONE '2026-02-05 10:00:00+08')");

        ReadModelSchema.apply(db.dataSource());
        ReadModelSchema.apply(db.dataSource()); // every start applies it again

        assertThat(indexes("RM_UNIT_EVENT")).contains("RM_UNIT_EVENT_ACTOR_DAY", "RM_UNIT_EVENT_ACTION_CODE")
                .doesNotContain("RM_UNIT_EVENT_PARTICIPANT_ACTION", "RM_UNIT_EVENT_ACTION");
        assertThat(indexes("RM_UNIT")).contains("RM_UNIT_PENDING_CODE").doesNotContain("RM_UNIT_PENDING_TO");
        assertThat(indexes("RM_VEHICLE")).contains("RM_VEHICLE_PACKLESS_SOLD").doesNotContain("RM_VEHICLE_PACKLESS");
        // Back-filled from the rows already there.
        assertThat(db.jdbc().queryForObject("SELECT code FROM rm_unit_event USE INDEX (rm_unit_event_actor_day)"
                + " WHERE participant = 'AUTO' AND action = 'INSTALL' AND role = 'AUTOMAKER'", String.class))
                .isEqualTo("C1");
    }

    private List<String> indexes(String table) {
        return db.jdbc().queryForList("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = ?",
                String.class, table);
    }
}
