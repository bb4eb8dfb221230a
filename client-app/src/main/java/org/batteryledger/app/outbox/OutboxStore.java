package org.batteryledger.app.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.batteryledger.chaincode.json.Json;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.lang.Nullable;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The SQL of the {@code outbox_entry} table; no rules, only rows. */
final class OutboxStore {
    static final String SCHEMA = "db/outbox.sql";
    private static final int MAX_ERROR = 4000;
    private static final String COLUMNS = "participant_id, client_event_id, seq, username, transaction_name,"
            + " request_json, transient_json, status, attempts, next_attempt_at, last_error, error_code, tx_id,"
            + " block_number, result_json, created_at, updated_at, purged_at";
    private static final String COLUMNS_WITHOUT_TRANSIENT = COLUMNS.replace(" transient_json,", " NULL AS transient_json,");
    private static final String WHERE_KEY = " WHERE participant_id = ? AND client_event_id = ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final OutboxCipher cipher;
    private final RowMapper<OutboxEntry> entry = this::entry;

    OutboxStore(DataSource dataSource, OutboxCipher cipher) {
        this.cipher = cipher;
        new ResourceDatabasePopulator(new ClassPathResource(SCHEMA)).execute(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        this.ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        // Committed on return even when the caller runs inside a transaction of its own.
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        encryptPlaintextRows();
    }

    /**
     * Rows written before the transient data was encrypted: pending ones are encrypted in place,
     * settled ones lose it (it is no longer needed). A no-op once done.
     */
    private void encryptPlaintextRows() {
        jdbc.update("UPDATE outbox_entry SET transient_json = NULL WHERE status <> 'PENDING'"
                + " AND transient_json IS NOT NULL");
        jdbc.query("SELECT participant_id, client_event_id, transient_json FROM outbox_entry"
                + " WHERE transient_json IS NOT NULL AND transient_json NOT LIKE '" + OutboxCipher.PREFIX + "%'",
                rs -> {
                    EntryKey key = new EntryKey(rs.getString(1), rs.getString(2));
                    jdbc.update("UPDATE outbox_entry SET transient_json = ?" + WHERE_KEY,
                            cipher.seal(rs.getString(3), aad(key)), key.participantId(), key.clientEventId());
                });
    }

    /** A PENDING entry as the sender scans for work: no request body. */
    record PendingRef(EntryKey key, long sequence, Instant nextAttemptAt, Set<String> orderingKeys) {}

    /** Inserts a PENDING entry in its own committed transaction; false when the key already exists. */
    boolean insert(EntryKey key, String username, String transaction, String requestJson, String requestHash,
            Map<String, byte[]> transientData, Set<String> orderingKeys, Instant now) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update("INSERT INTO outbox_entry (participant_id,"
                    + " client_event_id, username, transaction_name, request_json, request_sha256, transient_json,"
                    + " ordering_keys, status, attempts, next_attempt_at, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)",
                    key.participantId(), key.clientEventId(), username, transaction, requestJson, requestHash,
                    sealTransient(key, transientData), OrderingKeys.join(orderingKeys), ts(now), ts(now), ts(now)));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The entry with its transient data decrypted, for sending. */
    Optional<OutboxEntry> find(EntryKey key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_entry" + WHERE_KEY, entry, key.participantId(),
                key.clientEventId()).stream().findFirst();
    }

    /** The entry without its transient data: status look-ups need neither the terms nor the key. */
    Optional<OutboxEntry> findWithoutTransient(EntryKey key) {
        return jdbc.query("SELECT " + COLUMNS_WITHOUT_TRANSIENT + " FROM outbox_entry" + WHERE_KEY, entry,
                key.participantId(), key.clientEventId()).stream().findFirst();
    }

    /** The SHA-256 of the request as enqueued (null on rows from before it was recorded). */
    Optional<String> requestHash(EntryKey key) {
        return jdbc.queryForList("SELECT request_sha256 FROM outbox_entry" + WHERE_KEY, String.class,
                key.participantId(), key.clientEventId()).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /**
     * Reduces every entry settled before {@code settledBefore} to its tombstone: the request, the
     * result and any transient data are erased; key, status, tx id, block, error code and message
     * stay. Returns how many entries were reduced.
     */
    int purgeSettled(Instant settledBefore, Instant now) {
        return jdbc.update("UPDATE outbox_entry SET request_json = '', result_json = NULL, transient_json = NULL,"
                + " ordering_keys = '', purged_at = ? WHERE status <> 'PENDING' AND purged_at IS NULL"
                + " AND updated_at < ?", ts(now), ts(settledBefore));
    }

    /** The first {@code limit} PENDING entries in creation order. */
    List<PendingRef> pendingWindow(int limit) {
        return jdbc.query("SELECT participant_id, client_event_id, seq, next_attempt_at, ordering_keys"
                + " FROM outbox_entry WHERE status = 'PENDING' ORDER BY seq LIMIT ?",
                (rs, i) -> new PendingRef(new EntryKey(rs.getString(1), rs.getString(2)), rs.getLong(3),
                        instant(rs, 4), OrderingKeys.split(rs.getString(5))), limit);
    }

    long countPending() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_entry WHERE status = 'PENDING'", Long.class);
        return n == null ? 0 : n;
    }

    /** Records the final answer; only a PENDING entry changes, so an answer is recorded once. */
    boolean settle(EntryKey key, OutboxStatus status, @Nullable String txId, @Nullable Long blockNumber,
            @Nullable String resultJson, @Nullable String errorCode, @Nullable String error, Instant now) {
        // The transient data goes with the answer: it was only needed to send the write.
        return jdbc.update("UPDATE outbox_entry SET status = ?, attempts = attempts + 1, tx_id = ?, block_number = ?,"
                + " result_json = ?, error_code = ?, last_error = ?, updated_at = ?, transient_json = NULL" + WHERE_KEY
                + " AND status = 'PENDING'", status.name(), txId, blockNumber, resultJson, errorCode, clip(error),
                ts(now), key.participantId(), key.clientEventId()) == 1;
    }

    /** Counts a failed attempt and schedules the next one. */
    boolean retryLater(EntryKey key, Instant next, String error, Instant now) {
        return jdbc.update("UPDATE outbox_entry SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                + " updated_at = ?" + WHERE_KEY + " AND status = 'PENDING'", ts(next), clip(error),
                ts(now), key.participantId(), key.clientEventId()) == 1;
    }

    private OutboxEntry entry(ResultSet rs, int row) throws SQLException {
        long block = rs.getLong("block_number");
        Long blockNumber = rs.wasNull() ? null : block;
        EntryKey key = new EntryKey(rs.getString("participant_id"), rs.getString("client_event_id"));
        OffsetDateTime purged = rs.getObject("purged_at", OffsetDateTime.class);
        return new OutboxEntry(key.participantId(), key.clientEventId(), rs.getLong("seq"),
                rs.getString("username"), rs.getString("transaction_name"), rs.getString("request_json"),
                openTransient(key, rs.getString("transient_json")), OutboxStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("last_error"),
                rs.getString("error_code"), rs.getString("tx_id"), blockNumber, rs.getString("result_json"),
                instant(rs, "created_at"), instant(rs, "updated_at"), purged == null ? null : purged.toInstant());
    }

    /** The associated data of an entry's ciphertext: it only decrypts in its own row. */
    private static String aad(EntryKey key) {
        return key.participantId() + "/" + key.clientEventId();
    }

    @Nullable
    private String sealTransient(EntryKey key, Map<String, byte[]> data) {
        if (data.isEmpty()) {
            return null;
        }
        Map<String, String> encoded = new TreeMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v)));
        return cipher.seal(Json.string(encoded), aad(key));
    }

    private Map<String, byte[]> openTransient(EntryKey key, @Nullable String stored) {
        Map<String, byte[]> data = new TreeMap<>();
        if (stored != null) {
            JsonNode tree = Json.tree(cipher.open(stored, aad(key)));
            tree.properties().forEach(f -> data.put(f.getKey(), Base64.getDecoder().decode(f.getValue().asText())));
        }
        return data;
    }

    @Nullable
    private static String clip(@Nullable String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
