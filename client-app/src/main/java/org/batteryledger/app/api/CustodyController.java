package org.batteryledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.batteryledger.app.security.CurrentUser;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.custody.Handovers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Two-step handovers. Commercial terms, if any, travel as transient data into private collections. */
@RestController
@RequestMapping("/api/handovers")
@Tag(name = "Handovers")
class CustodyController {
    private final Writes writes;
    private final Readers readers;
    private final CurrentUser currentUser;

    CustodyController(Writes writes, Readers readers, CurrentUser currentUser) {
        this.writes = writes;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Offer units to a named receiver",
            description = "Body: {clientEventId, codes, to, commercial: {priceMinor, currency, contractRef}}; commercial terms go to private data")
    @PostMapping
    ResponseEntity<JsonNode> offer(@RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        var transientData = Writes.takeTransient(body, "commercial", Handovers.COMMERCIAL);
        return writes.submit(currentUser.require(), Transactions.OFFER_HANDOVER, body, key, transientData);
    }

    @Operation(summary = "Accept offered units (the named receiver only)")
    @PostMapping("/accept")
    ResponseEntity<JsonNode> accept(@RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        return writes.submit(currentUser.require(), Transactions.ACCEPT_HANDOVER, body, key);
    }

    @Operation(summary = "Reject offered units (the named receiver only)")
    @PostMapping("/reject")
    ResponseEntity<JsonNode> reject(@RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        return writes.submit(currentUser.require(), Transactions.REJECT_HANDOVER, body, key);
    }

    @Operation(summary = "Withdraw an offer (the holder only)")
    @PostMapping("/cancel")
    ResponseEntity<JsonNode> cancel(@RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        return writes.submit(currentUser.require(), Transactions.CANCEL_HANDOVER, body, key);
    }

    @Operation(summary = "Handovers offered to the signed-in user's company")
    @GetMapping("/incoming")
    JsonNode incoming(@RequestParam(defaultValue = "100") int pageSize, @RequestParam(defaultValue = "") String bookmark) {
        return readers.evaluate(Transactions.LIST_INCOMING_HANDOVERS, currentUser.require().participantId(),
                Integer.toString(pageSize), bookmark);
    }
}
