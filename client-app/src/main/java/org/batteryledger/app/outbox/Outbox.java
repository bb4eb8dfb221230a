package org.batteryledger.app.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.chaincode.json.Json;
import org.springframework.lang.Nullable;

/**
 * The durable queue of the application's writes. A write is stored PENDING, committed to H2,
 * before anything is sent, so a crash or an unreachable ledger loses nothing; an
 * {@link OutboxSender} then sends it. The key is (participant, client event id), the key the
 * contract makes idempotent, so enqueueing the same request twice is harmless.
 *
 * <pre>{@code
 * OutboxEntry e = outbox.enqueue(user, participantId, Transactions.SHIP, requestJson, Map.of());
 * OutboxEntry now = outbox.awaitSettled(participantId, e.clientEventId(), Duration.ofSeconds(5));
 * // COMMITTED -> 201, REJECTED -> the contract's error, PENDING -> 202 Accepted
 * }</pre>
 *
 * <p>Thread-safe. Creates its table ({@code db/outbox.sql}) if missing.
 */
public final class Outbox {
    private static final int MAX_PARTICIPANT = 64;
    private static final int MAX_EVENT_ID = 128;
    private static final int MAX_USERNAME = 200;
    private static final int MAX_TRANSACTION = 100;

    private final OutboxStore store;
    private final Clock clock;
    private final ConcurrentMap<EntryKey, CompletableFuture<OutboxEntry>> waiters = new ConcurrentHashMap<>();
    private final List<Runnable> enqueueListeners = new CopyOnWriteArrayList<>();

    /** @param cipher encrypts the transient data at rest (see {@link OutboxCipher}) */
    public Outbox(DataSource dataSource, OutboxCipher cipher) {
        this(dataSource, Clock.systemUTC(), cipher);
    }

    /** With a clock for creation times, retry schedules and retention. */
    public Outbox(DataSource dataSource, Clock clock, OutboxCipher cipher) {
        this.store = new OutboxStore(Objects.requireNonNull(dataSource, "dataSource"),
                Objects.requireNonNull(cipher, "cipher"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores a write as PENDING, committed in its own transaction, and returns it. The client
     * event id is read from the request's {@code clientEventId}. Repeating the same transaction
     * and request (compared as JSON, so key order and spacing do not matter) returns the entry
     * already stored, whatever its status; the transient data of a repeat is ignored, as on the
     * ledger.
     *
     * @param username the user the write is sent as (resolved by the sender)
     * @param participantId the participant the user acts for
     * @param transaction a {@code Transactions} constant
     * @param requestJson the request, a JSON object with {@code clientEventId}
     * @param transientData private data sent alongside (e.g. {@code commercial}); may be null
     * @throws IllegalArgumentException if the request is not a JSON object with a clientEventId of
     *     1–128 characters, or a field is too long for the table
     * @throws OutboxConflictException if the client event id was already used with another request
     */
    public OutboxEntry enqueue(String username, String participantId, String transaction, String requestJson,
            @Nullable Map<String, byte[]> transientData) {
        bounded(username, "username", MAX_USERNAME);
        bounded(participantId, "participantId", MAX_PARTICIPANT);
        bounded(transaction, "transaction", MAX_TRANSACTION);
        JsonNode request = parse(Objects.requireNonNull(requestJson, "requestJson"));
        EntryKey key = new EntryKey(participantId, clientEventId(request));

        Optional<OutboxEntry> existing = store.findWithoutTransient(key);
        if (existing.isEmpty()) {
            if (store.insert(key, username, transaction, requestJson, requestHash(request),
                    transientData == null ? Map.of() : transientData, OrderingKeys.of(request), clock.instant())) {
                enqueueListeners.forEach(Runnable::run);
                return store.findWithoutTransient(key)
                        .orElseThrow(() -> new IllegalStateException("inserted entry vanished: " + key));
            }
            existing = store.findWithoutTransient(key); // lost a race with the same key
        }
        OutboxEntry entry = existing.orElseThrow(() -> new IllegalStateException("entry neither new nor stored: " + key));
        boolean sameRequest = entry.isPurged()
                // Only the tombstone is left: compare the hash (rows from before it was recorded: unknown, accept).
                ? store.requestHash(key).map(h -> h.equals(requestHash(request))).orElse(true)
                : parse(entry.requestJson()).equals(request);
        if (!entry.transaction().equals(transaction) || !sameRequest) {
            throw new OutboxConflictException(participantId, key.clientEventId(), entry.transaction());
        }
        return entry;
    }

    /** The entry of a write, as stored now, without its transient data. */
    public Optional<OutboxEntry> status(String participantId, String clientEventId) {
        return store.findWithoutTransient(new EntryKey(participantId, clientEventId));
    }

    /**
     * Reduces entries settled more than {@code retention} ago to tombstones (key, status, tx id,
     * block, error): their requests and results are erased, their status stays answerable, and a
     * repeat of the same write is still recognised (by the request's hash) and answered with the
     * status. Returns how many were reduced. PENDING entries are never touched.
     */
    public int purgeSettled(Duration retention) {
        Instant now = clock.instant();
        return store.purgeSettled(now.minus(retention), now);
    }

    /** The number of PENDING entries: the backlog, for health checks and metrics. */
    public long depth() {
        return store.countPending();
    }

    /**
     * Completes with the entry once it is COMMITTED or REJECTED (at once if it already is).
     * Completes exceptionally with {@link NoSuchElementException} if there is no such entry.
     * Completion is driven by the {@link OutboxSender} of this outbox.
     */
    public CompletableFuture<OutboxEntry> completion(String participantId, String clientEventId) {
        EntryKey key = new EntryKey(participantId, clientEventId);
        // Register first, then read: a settlement between the two is seen by one or the other.
        CompletableFuture<OutboxEntry> future = waiters.computeIfAbsent(key, k -> new CompletableFuture<>());
        Optional<OutboxEntry> now = store.findWithoutTransient(key);
        if (now.isEmpty()) {
            waiters.remove(key, future);
            future.completeExceptionally(new NoSuchElementException("no outbox entry " + participantId + "/"
                    + clientEventId));
        } else if (now.get().isSettled()) {
            waiters.remove(key, future);
            future.complete(now.get());
        }
        return future.copy();
    }

    /**
     * Waits up to {@code timeout} for the write to settle and returns the entry as it is then:
     * COMMITTED or REJECTED, or still PENDING when the ledger did not answer in time. Lets a REST
     * call answer 201 when the commit is quick and 202 otherwise.
     *
     * @throws NoSuchElementException if there is no such entry
     */
    public OutboxEntry awaitSettled(String participantId, String clientEventId, Duration timeout) {
        CompletableFuture<OutboxEntry> future = completion(participantId, clientEventId);
        try {
            return future.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // fall through to the stored state
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoSuchElementException missing) {
                throw missing;
            }
        }
        return status(participantId, clientEventId)
                .orElseThrow(() -> new NoSuchElementException("no outbox entry " + participantId + "/" + clientEventId));
    }

    // ------------------------------------------------------------------ for the sender

    Clock clock() {
        return clock;
    }

    void onEnqueue(Runnable listener) {
        enqueueListeners.add(listener);
    }

    void removeOnEnqueue(Runnable listener) {
        enqueueListeners.remove(listener);
    }

    List<OutboxStore.PendingRef> pendingWindow(int limit) {
        return store.pendingWindow(limit);
    }

    /** With the transient data decrypted, for sending. */
    Optional<OutboxEntry> find(EntryKey key) {
        return store.find(key);
    }

    void committed(EntryKey key, Commit commit, String txId) {
        store.settle(key, OutboxStatus.COMMITTED, txId, commit.blockNumber(), commit.result(), null, null,
                clock.instant());
        notifySettled(key);
    }

    void rejected(EntryKey key, @Nullable String errorCode, String message) {
        store.settle(key, OutboxStatus.REJECTED, null, null, null, errorCode, message, clock.instant());
        notifySettled(key);
    }

    void retryLater(EntryKey key, Instant next, String error) {
        store.retryLater(key, next, error, clock.instant());
    }

    private void notifySettled(EntryKey key) {
        CompletableFuture<OutboxEntry> future = waiters.remove(key);
        if (future != null) {
            store.findWithoutTransient(key).filter(OutboxEntry::isSettled).ifPresent(future::complete);
        }
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode tree = Json.mapper().readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("the request must be a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** SHA-256 of the request in canonical form (keys sorted, no spacing), as JSON equality sees it. */
    static String requestHash(JsonNode request) {
        String canonical = Json.string(Json.mapper().convertValue(request, Object.class));
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String clientEventId(JsonNode request) {
        JsonNode id = request.get("clientEventId");
        if (id == null || !id.isTextual() || id.textValue().isBlank() || id.textValue().length() > MAX_EVENT_ID) {
            throw new IllegalArgumentException("the request needs a clientEventId of 1-" + MAX_EVENT_ID + " characters");
        }
        return id.textValue();
    }

    private static void bounded(String value, String name, int max) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " needs 1-" + max + " characters");
        }
    }
}
