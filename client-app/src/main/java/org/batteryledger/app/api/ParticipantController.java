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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The participant registry, kept by the regulator. */
@RestController
@RequestMapping("/api/participants")
@Tag(name = "Participants")
class ParticipantController {
    private final Writes writes;
    private final Readers readers;
    private final CurrentUser currentUser;

    ParticipantController(Writes writes, Readers readers, CurrentUser currentUser) {
        this.writes = writes;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Register a company (regulator)", description = "Body: {clientEventId, participant: {...}}")
    @PostMapping
    ResponseEntity<JsonNode> register(@RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        return writes.submit(currentUser.require(), Transactions.REGISTER_PARTICIPANT, body, key);
    }

    @Operation(summary = "Add or renew a certification (regulator)")
    @PostMapping("/{id}/certifications")
    ResponseEntity<JsonNode> certify(@PathVariable String id, @RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        body.put("participantId", id);
        return writes.submit(currentUser.require(), Transactions.CERTIFY_PARTICIPANT, body, key);
    }

    @Operation(summary = "Suspend, reinstate or revoke (regulator)", description = "standing: suspend | reinstate | revoke")
    @PostMapping("/{id}/{standing}")
    ResponseEntity<JsonNode> standing(@PathVariable String id, @PathVariable String standing,
            @RequestBody(required = false) ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        String transaction = switch (standing) {
            case "suspend" -> Transactions.SUSPEND_PARTICIPANT;
            case "reinstate" -> Transactions.REINSTATE_PARTICIPANT;
            case "revoke" -> Transactions.REVOKE_PARTICIPANT;
            default -> throw new ApiException(org.springframework.http.HttpStatus.NOT_FOUND, "NOT_FOUND",
                    "no standing change '" + standing + "'; known: suspend, reinstate, revoke");
        };
        ObjectNode request = body == null ? org.batteryledger.chaincode.json.Json.mapper().createObjectNode() : body;
        request.put("participantId", id);
        return writes.submit(currentUser.require(), transaction, request, key);
    }

    @Operation(summary = "A registry entry")
    @GetMapping("/{id}")
    JsonNode get(@PathVariable String id) {
        return readers.evaluate(Transactions.GET_PARTICIPANT, id);
    }

    @Operation(summary = "The registry, a page at a time")
    @GetMapping
    JsonNode list(@RequestParam(defaultValue = "100") int pageSize, @RequestParam(defaultValue = "") String bookmark) {
        return readers.evaluate(Transactions.LIST_PARTICIPANTS, Integer.toString(pageSize), bookmark);
    }

    @Operation(summary = "How the ledger sees the signed-in user")
    @GetMapping("/me")
    JsonNode me() {
        return readers.evaluateAs(currentUser.require(), Transactions.WHO_AM_I);
    }
}
