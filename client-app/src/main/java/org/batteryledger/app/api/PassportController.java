package org.batteryledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.batteryledger.chaincode.Transactions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The battery passport reached from the QR label (EU 2023/1542 Art. 77(3)): open without sign-in,
 * answering the public tier; a signed-in user gets its own tier.
 */
@RestController
@Tag(name = "Passport")
class PassportController {
    private final Readers readers;

    PassportController(Readers readers) {
        this.readers = readers;
    }

    @Operation(summary = "The passport of a unit (public tier unless signed in)")
    @GetMapping("/api/passport/{code}")
    JsonNode passport(@PathVariable String code) {
        return readers.evaluate(Transactions.GET_UNIT, code);
    }
}
