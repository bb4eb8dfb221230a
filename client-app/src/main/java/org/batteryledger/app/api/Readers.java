package org.batteryledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.CurrentUser;
import org.batteryledger.chaincode.json.Json;
import org.springframework.stereotype.Service;

/**
 * Reads from the ledger as the signed-in user, so the contract answers in that user's tier; an
 * anonymous caller reads as the public reader, an identity the registry does not know, which the
 * contract answers with the public tier only.
 */
@Service
public class Readers {
    public static final String PUBLIC_READER = "public-reader";
    public static final String PUBLIC_MSP = "PublicMSP";

    private final Ledger ledger;
    private final IdentityStore identities;
    private final CurrentUser currentUser;

    public Readers(Ledger ledger, IdentityStore identities, CurrentUser currentUser) {
        this.ledger = ledger;
        this.identities = identities;
        this.currentUser = currentUser;
    }

    public JsonNode evaluate(String transaction, String... args) {
        return Json.tree(ledger.evaluate(identity(), transaction, args));
    }

    public JsonNode evaluateAs(AppUser user, String transaction, String... args) {
        return Json.tree(ledger.evaluate(identities.user(user.ledgerIdentity()), transaction, args));
    }

    public LedgerUser identity() {
        return currentUser.find().map(u -> identities.user(u.ledgerIdentity())).orElseGet(this::publicReader);
    }

    LedgerUser publicReader() {
        return identities.issueIfAbsent(PUBLIC_MSP, PUBLIC_READER, null, null);
    }
}
