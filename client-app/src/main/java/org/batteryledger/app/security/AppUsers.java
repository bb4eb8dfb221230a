package org.batteryledger.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.batteryledger.chaincode.participant.Role;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Repository;

/**
 * Users and API tokens in the app database. Passwords are stored as hashes from the configured
 * encoder; tokens only as their SHA-256, so a copy of the database gives away neither.
 */
@Repository
public class AppUsers {
    private static final RowMapper<AppUser> ROW = (rs, i) -> new AppUser(rs.getString("username"),
            rs.getString("password_hash"), rs.getString("display_name"), rs.getString("participant_id"),
            rs.getString("company_name"), Role.valueOf(rs.getString("role")), rs.getString("msp_id"),
            rs.getString("ledger_identity"), rs.getBoolean("enabled"));

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    public AppUsers(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        new ResourceDatabasePopulator(new ClassPathResource("db/users.sql")).execute(dataSource);
    }

    public Optional<AppUser> find(String username) {
        return jdbc.query("SELECT * FROM app_users WHERE username = ?", ROW, username).stream().findFirst();
    }

    public List<AppUser> all() {
        return jdbc.query("SELECT * FROM app_users ORDER BY username", ROW);
    }

    /** Adds or replaces a user. */
    public void save(AppUser u) {
        jdbc.update("MERGE INTO app_users (username, password_hash, display_name, participant_id, company_name, role,"
                + " msp_id, ledger_identity, enabled) KEY (username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                u.username(), u.passwordHash(), u.displayName(), u.participantId(), u.companyName(), u.role().name(),
                u.mspId(), u.ledgerIdentity(), u.enabled());
    }

    /** Enables or disables a user; false if there is no such user. Disabling also revokes its tokens. */
    public boolean setEnabled(String username, boolean enabled) {
        int n = jdbc.update("UPDATE app_users SET enabled = ? WHERE username = ?", enabled, username);
        if (n == 1 && !enabled) {
            revokeTokens(username);
        }
        return n == 1;
    }

    /** Replaces a user's password hash and revokes its tokens; false if there is no such user. */
    public boolean setPasswordHash(String username, String passwordHash) {
        int n = jdbc.update("UPDATE app_users SET password_hash = ? WHERE username = ?", passwordHash, username);
        if (n == 1) {
            revokeTokens(username);
        }
        return n == 1;
    }

    /** Deletes every bearer token of the user; returns how many there were. */
    public int revokeTokens(String username) {
        return jdbc.update("DELETE FROM api_tokens WHERE username = ?", username);
    }

    /** Issues a bearer token for the user; only its hash is stored. */
    public String issueToken(String username, Duration validity) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = Instant.now();
        jdbc.update("INSERT INTO api_tokens (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)",
                sha256(token), username, java.sql.Timestamp.from(now), java.sql.Timestamp.from(now.plus(validity)));
        return token;
    }

    /** The user a valid, unexpired token belongs to. */
    public Optional<AppUser> byToken(String token) {
        List<String> names = jdbc.queryForList(
                "SELECT username FROM api_tokens WHERE token_hash = ? AND expires_at > CURRENT_TIMESTAMP", String.class,
                sha256(token));
        return names.stream().findFirst().flatMap(this::find).filter(AppUser::enabled);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
