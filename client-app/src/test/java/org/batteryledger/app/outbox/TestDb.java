package org.batteryledger.app.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An H2 file database for a test. One connection stays open for the test's life, so the
 * database is not reopened for every statement; a "crash" keeps the file as it is.
 */
public final class TestDb implements AutoCloseable {
    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Connection keepOpen;

    public TestDb(Path dir, String name) {
        dataSource.setURL("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath());
        dataSource.setUser("sa");
        try {
            keepOpen = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    /** Every row of a table as text, ordered by the given columns, for whole-table comparisons. */
    public List<String> dump(String table, String orderBy) {
        List<String> rows = new ArrayList<>();
        jdbc().query("SELECT * FROM " + table + " ORDER BY " + orderBy, rs -> {
            StringBuilder sb = new StringBuilder();
            int n = rs.getMetaData().getColumnCount();
            for (int i = 1; i <= n; i++) {
                sb.append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
            }
            rows.add(sb.toString());
        });
        return rows;
    }

    @Override
    public void close() throws SQLException {
        keepOpen.close();
    }
}
