package org.batteryledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.batteryledger.app.security.CurrentUser;
import org.batteryledger.chaincode.Transactions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Batteries: registration, each lifecycle action, and the authoritative reads from the ledger.
 * Request bodies are the contract's requests (docs/chaincode-api.md); the code in the path is
 * added to them. The contract decides everything; this class only routes.
 */
@RestController
@RequestMapping("/api/batteries")
@Tag(name = "Batteries")
class BatteryController {
    /** Path action → contract transaction for writes on one unit. */
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("ship", Transactions.SHIP),
            Map.entry("install", Transactions.INSTALL),
            Map.entry("repair", Transactions.REPAIR),
            Map.entry("replace", Transactions.REPLACE),
            Map.entry("swap", Transactions.SWAP),
            Map.entry("remove", Transactions.REMOVE),
            Map.entry("collect", Transactions.COLLECT),
            Map.entry("test", Transactions.TEST),
            Map.entry("declare-waste", Transactions.DECLARE_WASTE),
            Map.entry("dismantle", Transactions.DISMANTLE),
            Map.entry("eu-id", Transactions.ATTACH_EU_ID));

    private final Writes writes;
    private final Readers readers;
    private final CurrentUser currentUser;

    BatteryController(Writes writes, Readers readers, CurrentUser currentUser) {
        this.writes = writes;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Register one unit or a production batch (up to 500 units)",
            description = "Body: {clientEventId, units: [{code, spec, euUniqueId, children}]}, or one unit {clientEventId, code, spec, ...}")
    @PostMapping
    ResponseEntity<JsonNode> register(@RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        if (!body.has("units") && body.has("code")) {
            ObjectNode unit = body.deepCopy();
            unit.remove("clientEventId");
            unit.remove("occurredAt");
            ObjectNode wrapped = body.objectNode();
            if (body.has("clientEventId")) {
                wrapped.set("clientEventId", body.get("clientEventId"));
            }
            if (body.has("occurredAt")) {
                wrapped.set("occurredAt", body.get("occurredAt"));
            }
            wrapped.putArray("units").add(unit);
            body = wrapped;
        }
        return writes.submit(currentUser.require(), Transactions.REGISTER_UNITS, body, key);
    }

    @Operation(summary = "A lifecycle action on one unit",
            description = "action: ship, install, repair, replace, swap, remove, collect, test, declare-waste, dismantle, eu-id")
    @PostMapping("/{code}/{action}")
    ResponseEntity<JsonNode> act(@PathVariable String code, @PathVariable String action,
            @RequestBody(required = false) ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        String transaction = ACTIONS.get(action);
        if (transaction == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", "no action '" + action + "'; known: "
                    + new java.util.TreeSet<>(ACTIONS.keySet()));
        }
        ObjectNode request = body == null ? org.batteryledger.chaincode.json.Json.mapper().createObjectNode() : body;
        request.put("code", code);
        return writes.submit(currentUser.require(), transaction, request, key);
    }

    @Operation(summary = "Bind modules or cells to a parent")
    @PostMapping("/{code}/children")
    ResponseEntity<JsonNode> bind(@PathVariable String code, @RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        body.put("parent", code);
        return writes.submit(currentUser.require(), Transactions.BIND_CHILDREN, body, key);
    }

    @Operation(summary = "A unit, in the caller's tier (public, legitimate interest, authority)")
    @GetMapping("/{code}")
    JsonNode get(@PathVariable String code) {
        return readers.evaluate(Transactions.GET_UNIT, code);
    }

    @Operation(summary = "A unit's history, newest first, paginated")
    @GetMapping("/{code}/history")
    JsonNode history(@PathVariable String code, @RequestParam(defaultValue = "100") int pageSize,
            @RequestParam(defaultValue = "") String bookmark) {
        return readers.evaluate(Transactions.GET_HISTORY, code, Integer.toString(pageSize), bookmark);
    }

    @Operation(summary = "Parent, children, predecessors and successors")
    @GetMapping("/{code}/relations")
    JsonNode relations(@PathVariable String code) {
        return readers.evaluate(Transactions.GET_RELATIONS, code);
    }

    @Operation(summary = "Who answers for the unit under EPR")
    @GetMapping("/{code}/responsibility")
    JsonNode responsibility(@PathVariable String code) {
        return readers.evaluate(Transactions.GET_RESPONSIBILITY, code);
    }
}
