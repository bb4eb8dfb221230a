package org.batteryledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.batteryledger.app.security.CurrentUser;
import org.batteryledger.chaincode.Transactions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Repurposing (second life) and recycling batches. */
@RestController
@Tag(name = "Second life and recycling")
class SecondLifeController {
    private final Writes writes;
    private final Readers readers;
    private final CurrentUser currentUser;

    SecondLifeController(Writes writes, Readers readers, CurrentUser currentUser) {
        this.writes = writes;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Repurpose tested originals into a successor under the operator's prefix")
    @PostMapping("/api/repurposings")
    ResponseEntity<JsonNode> repurpose(@RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        return writes.submit(currentUser.require(), Transactions.REPURPOSE, body, key);
    }

    @Operation(summary = "Record a recycling batch (mass balance enforced)")
    @PostMapping("/api/recycling-batches")
    ResponseEntity<JsonNode> recycle(@RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        return writes.submit(currentUser.require(), Transactions.RECORD_RECYCLING, body, key);
    }

    @Operation(summary = "A recycling batch")
    @GetMapping("/api/recycling-batches/{batchId}")
    JsonNode batch(@PathVariable String batchId) {
        return readers.evaluate(Transactions.GET_RECYCLING_BATCH, batchId);
    }
}
