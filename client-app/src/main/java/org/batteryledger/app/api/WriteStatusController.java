package org.batteryledger.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.batteryledger.app.outbox.Outbox;
import org.batteryledger.app.outbox.OutboxEntry;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.app.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The status of a write by its client event id: PENDING, COMMITTED (with tx and block) or REJECTED (with the rule). */
@RestController
@Tag(name = "Writes")
class WriteStatusController {
    private final Outbox outbox;
    private final CurrentUser currentUser;

    WriteStatusController(Outbox outbox, CurrentUser currentUser) {
        this.outbox = outbox;
        this.currentUser = currentUser;
    }

    @Operation(summary = "The status of one of the signed-in company's writes")
    @GetMapping("/api/writes/{clientEventId}")
    ObjectNode status(@PathVariable String clientEventId) {
        OutboxEntry e = outbox.status(currentUser.require().participantId(), clientEventId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND",
                        "no write with client event id " + clientEventId));
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("clientEventId", e.clientEventId());
        out.put("transaction", e.transaction());
        out.put("status", e.status().name());
        out.put("attempts", e.attempts());
        if (e.txId() != null) {
            out.put("txId", e.txId());
        }
        if (e.blockNumber() != null) {
            out.put("blockNumber", e.blockNumber());
        }
        if (e.errorCode() != null) {
            out.put("errorCode", e.errorCode());
        }
        if (e.lastError() != null) {
            out.put("lastError", e.lastError());
        }
        if (e.resultJson() != null) {
            out.set("result", Json.tree(e.resultJson()));
        }
        if (e.isPurged()) {
            // Past battery.outbox.retention: only the tombstone is left (no request, no result).
            out.put("purged", true);
            out.put("purgedAt", e.purgedAt().toString());
        }
        return out;
    }
}
