package org.batteryledger.app.readmodel;

import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The read model's tables: created if missing, and emptied for a rebuild. */
final class ReadModelSchema {
    static final String SCRIPT = "db/readmodel.sql";
    /** Every projected table; the checkpoint is handled apart. */
    static final String[] DATA_TABLES = {"rm_unit", "rm_unit_event", "rm_participant", "rm_vehicle",
        "rm_recycling_batch", "rm_block", "rm_recycling_element", "rm_recycling_input", "rm_clock_day", "rm_flow_day", "rm_stock",
        "rm_recycled_content", "rm_model_placed"};

    private ReadModelSchema() {}

    static void apply(DataSource dataSource) {
        new ResourceDatabasePopulator(new ClassPathResource(SCRIPT)).execute(dataSource);
    }

    /** Deletes every projected row and the checkpoint; DELETE, not TRUNCATE, so it stays in the caller's transaction. */
    static void empty(JdbcTemplate jdbc, String projector) {
        for (String table : DATA_TABLES) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("DELETE FROM rm_checkpoint WHERE projector = ?", projector);
    }
}
