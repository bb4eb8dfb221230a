package org.batteryledger.app.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerIntegrity;
import org.batteryledger.app.ledger.embedded.VerifyReport;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ledger itself: its height, and (embedded ledger, authorities) a full verification of the hash chain. */
@RestController
@Tag(name = "Ledger")
class LedgerController {
    private final Ledger ledger;
    private final LedgerIntegrity integrity;
    private final CurrentUser currentUser;

    LedgerController(Ledger ledger, LedgerIntegrity integrity, CurrentUser currentUser) {
        this.ledger = ledger;
        this.integrity = integrity;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Walk the chain from block 0 and report the first block or state row that does not match")
    @GetMapping("/api/ledger/verify")
    VerifyReport verify() {
        AppUser me = currentUser.require();
        if (!me.role().isAuthority()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "verification is for authorities");
        }
        // Recorded too: a tampering found now stops writes as one found at start-up does.
        return integrity.verify().orElseThrow(() -> new ApiException(HttpStatus.NOT_IMPLEMENTED, "NOT_EMBEDDED",
                "a Fabric network verifies its own chain (peer node); this is for the embedded ledger"));
    }

    @Operation(summary = "The number of committed blocks")
    @GetMapping("/api/ledger/height")
    Map<String, Object> height() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("height", ledger.height());
        return out;
    }
}
