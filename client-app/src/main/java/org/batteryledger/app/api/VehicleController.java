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
import org.springframework.web.bind.annotation.RestController;

/** Vehicles: sale and scrapping, and the VIN ↔ pack record. */
@RestController
@RequestMapping("/api/vehicles")
@Tag(name = "Vehicles")
class VehicleController {
    private final Writes writes;
    private final Readers readers;
    private final CurrentUser currentUser;

    VehicleController(Writes writes, Readers readers, CurrentUser currentUser) {
        this.writes = writes;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Record the sale: every pack of the vehicle goes IN_USE")
    @PostMapping("/{vin}/sell")
    ResponseEntity<JsonNode> sell(@PathVariable String vin, @RequestBody(required = false) ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        ObjectNode request = body == null ? org.batteryledger.chaincode.json.Json.mapper().createObjectNode() : body;
        request.put("vin", vin);
        return writes.submit(currentUser.require(), Transactions.SELL, request, key);
    }

    @Operation(summary = "Scrap the vehicle; every bound pack must be presented (车电一体)")
    @PostMapping("/{vin}/scrap")
    ResponseEntity<JsonNode> scrap(@PathVariable String vin, @RequestBody ObjectNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        body.put("vin", vin);
        return writes.submit(currentUser.require(), Transactions.SCRAP_VEHICLE, body, key);
    }

    @Operation(summary = "A vehicle and its current packs")
    @GetMapping("/{vin}")
    JsonNode get(@PathVariable String vin) {
        return readers.evaluate(Transactions.GET_VEHICLE, vin);
    }

    @Operation(summary = "Every pack ever bound to the VIN")
    @GetMapping("/{vin}/packs")
    JsonNode packs(@PathVariable String vin) {
        return readers.evaluate(Transactions.LIST_BY_VIN, vin, "1000", "");
    }
}
