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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recycled-content declarations (EU 2023/1542 Art. 8): a battery maker declares per model, plant
 * and production year; anyone reads a model's declarations. The rules are the contract's.
 */
@RestController
@Tag(name = "Recycled content")
class RecycledContentController {
    private final Writes writes;
    private final Readers readers;
    private final CurrentUser currentUser;

    RecycledContentController(Writes writes, Readers readers, CurrentUser currentUser) {
        this.writes = writes;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Declare (or supersede) the recycled content of a model at a plant for a production year")
    @PostMapping("/api/recycled-content")
    ResponseEntity<JsonNode> declare(@RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        return writes.submit(currentUser.require(), Transactions.DECLARE_RECYCLED_CONTENT, body, key);
    }

    @Operation(summary = "A maker's declarations for one model: every plant and year in force")
    @GetMapping("/api/recycled-content/{maker}/{model}")
    JsonNode declarations(@PathVariable String maker, @PathVariable String model,
            @RequestParam(defaultValue = "100") int pageSize, @RequestParam(defaultValue = "") String bookmark) {
        return readers.evaluate(Transactions.LIST_RECYCLED_CONTENT, maker, model, Integer.toString(pageSize),
                bookmark);
    }
}
