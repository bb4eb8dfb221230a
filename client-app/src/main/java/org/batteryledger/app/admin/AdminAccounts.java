package org.batteryledger.app.admin;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Repository;

/**
 * The local administrator accounts ({@code app_admins}): they sign in to {@code /api/admin/**}
 * only, to manage the app's users; they act for no participant and have no ledger identity.
 * Passwords are stored as hashes from the configured encoder.
 */
@Repository
public class AdminAccounts {
    /** The authority an administrator signs in with (never a ledger role). */
    public static final String AUTHORITY = "ROLE_ADMIN";

    /** An administrator as stored. */
    public record Admin(String username, String passwordHash) {
        @Override
        public String toString() {
            return "Admin[" + username + "]";
        }
    }

    private final JdbcTemplate jdbc;

    public AdminAccounts(DataSource dataSource) {
        new ResourceDatabasePopulator(new ClassPathResource("db/admins.sql")).execute(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public Optional<Admin> find(String username) {
        return jdbc.query("SELECT username, password_hash FROM app_admins WHERE username = ?",
                (rs, i) -> new Admin(rs.getString(1), rs.getString(2)), username).stream().findFirst();
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM app_admins", Long.class);
        return n == null ? 0 : n;
    }

    /** Adds an administrator; false if the name is taken. */
    boolean create(String username, String passwordHash) {
        return jdbc.update("INSERT INTO app_admins (username, password_hash, created_at) SELECT ?, ?, ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM app_admins WHERE username = ?)", username, passwordHash,
                OffsetDateTime.now(ZoneOffset.UTC), username) == 1;
    }

    boolean setPasswordHash(String username, String passwordHash) {
        return jdbc.update("UPDATE app_admins SET password_hash = ? WHERE username = ?", passwordHash, username) == 1;
    }
}
