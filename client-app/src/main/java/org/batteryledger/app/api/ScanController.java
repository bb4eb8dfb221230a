package org.batteryledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.json.Json;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a recycler sees when it scans a label: the code decoded, what the unit is, its status and
 * holder (in the caller's tier), hazards, and the actions the caller may take now. One ledger
 * read; the decoding uses the chaincode's own parser.
 */
@RestController
@Tag(name = "Scan")
class ScanController {
    private final Readers readers;

    ScanController(Readers readers) {
        this.readers = readers;
    }

    @Operation(summary = "Scan a pack, module or cell code")
    @GetMapping("/api/scan/{code}")
    JsonNode scan(@PathVariable String code) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.set("decoded", Json.mapper().valueToTree(BatteryCodes.parse(code, null)));
        JsonNode scan = readers.evaluate(Transactions.SCAN, code);
        JsonNode unit = scan.get("unit");
        out.set("unit", unit);
        out.put("status", unit.path("status").asText());
        if (unit.has("holder")) {
            out.put("holder", unit.get("holder").asText());
        }
        out.set("hazards", unit.path("spec").path("hazards"));
        ArrayNode actions = out.putArray("actions");
        for (JsonNode a : scan.get("actions")) {
            ObjectNode action = actions.addObject();
            action.put("action", a.asText());
            action.put("event", Action.valueOf(a.asText()).eventName());
        }
        return out;
    }
}
