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
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * How long a looked-up user or token is trusted without asking the database again. A scanner
     * sends a token with every scan; two queries per request cost more than the scan itself. Every
     * change made through this class clears the caches at once; the bound covers changes made to
     * the database behind the application's back.
     */
    static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final int CACHE_MAX = 10_000;

    private record Cached<T>(T value, long loadedAt) {}

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached<Optional<AppUser>>> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Cached<Optional<String>>> byTokenHash = new ConcurrentHashMap<>();

    public AppUsers(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        new ResourceDatabasePopulator(new ClassPathResource("db/users.sql")).execute(dataSource);
    }

    public Optional<AppUser> find(String username) {
        return cached(byName, username,
                () -> jdbc.query("SELECT * FROM app_users WHERE username = ?", ROW, username).stream().findFirst());
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
        forgetCached();
    }

    /** Drops every cached user and token: the next request reads the database. */
    public void forgetCached() {
        byName.clear();
        byTokenHash.clear();
    }

    private static <T> T cached(ConcurrentHashMap<String, Cached<T>> cache, String key,
            java.util.function.Supplier<T> load) {
        long now = System.nanoTime();
        Cached<T> c = cache.get(key);
        if (c != null && now - c.loadedAt() < CACHE_TTL.toNanos()) {
            return c.value();
        }
        T value = load.get();
        if (cache.size() >= CACHE_MAX) {
            cache.clear();
        }
        cache.put(key, new Cached<>(value, now));
        return value;
    }

    /** Enables or disables a user; false if there is no such user. Disabling also revokes its tokens. */
    public boolean setEnabled(String username, boolean enabled) {
        int n = jdbc.update("UPDATE app_users SET enabled = ? WHERE username = ?", enabled, username);
        forgetCached();
        if (n == 1 && !enabled) {
            revokeTokens(username);
        }
        return n == 1;
    }

    /** Replaces a user's password hash and revokes its tokens; false if there is no such user. */
    public boolean setPasswordHash(String username, String passwordHash) {
        int n = jdbc.update("UPDATE app_users SET password_hash = ? WHERE username = ?", passwordHash, username);
        forgetCached();
        if (n == 1) {
            revokeTokens(username);
        }
        return n == 1;
    }

    /** Deletes every bearer token of the user; returns how many there were. */
    public int revokeTokens(String username) {
        int n = jdbc.update("DELETE FROM api_tokens WHERE username = ?", username);
        forgetCached();
        return n;
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
        String hash = sha256(token);
        // The expiry is checked by the query, so a cached answer outlives it by CACHE_TTL at most.
        Optional<String> name = cached(byTokenHash, hash, () -> jdbc.queryForList(
                "SELECT username FROM api_tokens WHERE token_hash = ? AND expires_at > CURRENT_TIMESTAMP", String.class,
                hash).stream().findFirst());
        return name.flatMap(this::find).filter(AppUser::enabled);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
