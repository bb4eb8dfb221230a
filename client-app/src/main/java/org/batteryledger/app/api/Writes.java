package org.batteryledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.batteryledger.app.config.BatterySettings;
import org.batteryledger.app.ledger.LedgerIntegrity;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.outbox.Outbox;
import org.batteryledger.app.outbox.OutboxConflictException;
import org.batteryledger.app.outbox.OutboxEntry;
import org.batteryledger.app.outbox.OutboxSender;
import org.batteryledger.app.outbox.OutboxStatus;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.chaincode.json.Json;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * Every write of the API: stored in the outbox with its client event id, sent to the ledger, and
 * answered 201 with the contract's result when it commits within {@code battery.write-wait}, 202
 * with the status URL when it has not yet (the outbox keeps trying), or the contract's refusal as
 * a problem. The client event id comes from the body, else the {@code Idempotency-Key} header, else
 * a new one (then the client cannot retry safely, so it should send one).
 */
@Service
public class Writes {
    private final Outbox outbox;
    private final OutboxSender sender;
    private final BatterySettings settings;
    private final LedgerIntegrity integrity;

    public Writes(Outbox outbox, OutboxSender sender, BatterySettings settings, LedgerIntegrity integrity) {
        this.outbox = outbox;
        this.sender = sender;
        this.settings = settings;
        this.integrity = integrity;
    }

    public ResponseEntity<JsonNode> submit(AppUser user, String transaction, ObjectNode body, String idempotencyKey) {
        return submit(user, transaction, body, idempotencyKey, Map.of());
    }

    public ResponseEntity<JsonNode> submit(AppUser user, String transaction, ObjectNode body, String idempotencyKey,
            Map<String, byte[]> transientData) {
        if (integrity.tampered()) {
            // Refused, not queued: a queued write would wait for a restore and the caller should know now.
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "LEDGER_TAMPERED", integrity.refusal());
        }
        if (!body.hasNonNull("clientEventId")) {
            body.put("clientEventId", idempotencyKey != null && !idempotencyKey.isBlank() ? idempotencyKey
                    : UUID.randomUUID().toString());
        }
        String eventId = body.get("clientEventId").asText();
        OutboxEntry entry;
        try {
            entry = outbox.enqueue(user.username(), user.participantId(), transaction, Json.string(body), transientData);
        } catch (OutboxConflictException e) {
            throw new ApiException(HttpStatus.CONFLICT, "DUPLICATE", e.getMessage());
        }
        sender.wake();
        OutboxEntry settled = outbox.awaitSettled(user.participantId(), eventId, settings.writeWait());
        return answer(settled == null ? entry : settled);
    }

    /** The HTTP answer for an outbox entry in whatever state it is. */
    public static ResponseEntity<JsonNode> answer(OutboxEntry e) {
        URI status = URI.create("/api/writes/" + e.clientEventId());
        if (e.status() == OutboxStatus.REJECTED) {
            throw new LedgerRejectedException(e.lastError(), e.txId());
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("clientEventId", e.clientEventId());
        out.put("status", e.status().name());
        out.put("statusUrl", status.toString());
        if (e.status() == OutboxStatus.COMMITTED) {
            out.put("txId", e.txId());
            if (e.blockNumber() != null) {
                out.put("blockNumber", e.blockNumber());
            }
            if (e.resultJson() != null) {
                out.set("result", Json.tree(e.resultJson()));
            }
            return ResponseEntity.status(HttpStatus.CREATED).location(status).body(out);
        }
        out.put("attempts", e.attempts());
        if (e.lastError() != null) {
            out.put("lastError", e.lastError());
        }
        return ResponseEntity.accepted().location(status).body(out);
    }

    /** Transient data from an optional JSON object in the body (removed from the request). */
    public static Map<String, byte[]> takeTransient(ObjectNode body, String field, String key) {
        JsonNode node = body.remove(field);
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (node != null && !node.isNull()) {
            out.put(key, Json.string(node).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
