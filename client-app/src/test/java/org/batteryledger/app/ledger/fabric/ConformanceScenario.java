package org.batteryledger.app.ledger.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.app.demo.DemoData;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.unit.Vin;

/**
 * One scenario run through the ledger port as the demo companies, whichever ledger is behind it,
 * ending in a {@link Snapshot} of world state and key histories with what legitimately differs
 * between two runs removed (transaction ids, timestamps, block numbers). Two ledgers conform when
 * their snapshots are equal. Used on the embedded ledger against the Gateway adapter here, and
 * against a real network in {@code ConformanceFabricIT}.
 *
 * <p>The scenario: a pack with two modules and a second pack are registered and shipped; one ship
 * is repeated (the contract answers with its first result); the automaker receives both, installs
 * and sells one; it is scrapped, removed, collected, declared waste, handed to the recycler and
 * recycled with mass balance; a shipment of an unknown code and a recycling that recovers more
 * than went in are refused (their codes are part of the snapshot).
 */
public final class ConformanceScenario {
    /** Keys whose values differ between two honest runs: ids and times the ledger stamps. */
    private static final Pattern VOLATILE = Pattern.compile("txId|.*TxId|timestamp|.*Timestamp|.*[a-z]At|.*Since"
            + "|blockNumber|.*Block|bookmark");

    /** World state and histories of the scenario's units, normalised. */
    public record Snapshot(Map<String, JsonNode> units, Map<String, JsonNode> histories, List<String> refusals) {}

    private final Ledger ledger;
    private final Map<String, LedgerUser> users;
    private final List<String> refusals = new ArrayList<>();

    private ConformanceScenario(Ledger ledger, Map<String, LedgerUser> users) {
        this.ledger = ledger;
        this.users = users;
    }

    /**
     * Registers the demo companies (idempotent), runs the scenario on units numbered from {@code
     * serialBase} (distinct per run on a long-lived network) and takes the snapshot.
     *
     * @param users the demo users' identities, by user name
     */
    public static Snapshot run(Ledger ledger, Map<String, LedgerUser> users, int serialBase) {
        new DemoData(ledger, users).seedRegistry();
        return new ConformanceScenario(ledger, users).play(serialBase);
    }

    private Snapshot play(int serialBase) {
        String pack = code('P', serialBase);
        String module1 = code('M', serialBase + 1);
        String module2 = code('M', serialBase + 2);
        String pack2 = code('P', serialBase + 3);
        String vin = Vin.withCheckDigit(String.format("LSV0A0000%08d", serialBase));
        String automaker = DemoConsortium.byUsername("automaker").id();
        String recycler = DemoConsortium.byUsername("recycler").id();

        submit("maker", Transactions.REGISTER_UNITS, request("units", List.of(
                Map.of("code", module1, "children", List.of()),
                Map.of("code", module2, "children", List.of()),
                Map.of("code", pack, "children", List.of(module1, module2)),
                Map.of("code", pack2, "children", List.of()))));
        submit("maker", Transactions.SHIP, request("code", pack));
        String ship2 = request("code", pack2);
        submit("maker", Transactions.SHIP, ship2);
        submit("maker", Transactions.SHIP, ship2); // a repeat: answered, not applied again
        submit("maker", Transactions.SHIP, request("code", code('P', serialBase + 9))); // unknown: refused
        submit("maker", Transactions.OFFER_HANDOVER, request("codes", List.of(pack, pack2), "to", automaker));
        submit("automaker", Transactions.ACCEPT_HANDOVER, request("codes", List.of(pack, pack2)));
        submit("automaker", Transactions.INSTALL, request("code", pack, "vin", vin, "maxPacks", 1));
        submit("automaker", Transactions.SELL, request("vin", vin));
        submit("dismantler", Transactions.SCRAP_VEHICLE, request("vin", vin, "presentCodes", List.of(pack),
                "certificateNumber", "SCRAP-" + serialBase));
        submit("dismantler", Transactions.REMOVE, request("code", pack));
        submit("dismantler", Transactions.COLLECT, request("code", pack));
        submit("dismantler", Transactions.DECLARE_WASTE, request("code", pack, "reason", "crushed"));
        submit("dismantler", Transactions.OFFER_HANDOVER, request("codes", List.of(pack), "to", recycler));
        submit("recycler", Transactions.ACCEPT_HANDOVER, request("codes", List.of(pack)));
        String batch = "CONF-" + serialBase;
        submit("recycler", Transactions.RECORD_RECYCLING, recycling(batch + "-X", pack, 9_000)); // more out than in
        submit("recycler", Transactions.RECORD_RECYCLING, recycling(batch, pack, 6_000));

        Map<String, JsonNode> state = new LinkedHashMap<>();
        Map<String, JsonNode> histories = new LinkedHashMap<>();
        for (String code : List.of(pack, module1, module2, pack2)) {
            state.put(code, normalise(Json.tree(ledger.evaluate(user("regulator"), Transactions.GET_UNIT, code))));
            histories.put(code, normalise(Json.tree(ledger.evaluate(user("regulator"), Transactions.GET_HISTORY, code,
                    "1000", ""))));
        }
        return new Snapshot(state, histories, List.copyOf(refusals));
    }

    private String recycling(String batchId, String pack, int lithiumRecovered) {
        return request("batchId", batchId, "route", "HYDROMETALLURGY",
                "inputs", List.of(Map.of("code", pack, "massGrams", 400_000)),
                "elementsInput", Map.of("LI", 8_000, "CO", 10_000, "NI", 30_000),
                "elementsRecovered", Map.of("LI", lithiumRecovered, "CO", 9_500, "NI", 29_000),
                "outputs", List.of(Map.of("name", "black mass", "massGrams", 300_000, "destination", "refinery",
                        "countsAsRecycling", true)));
    }

    private void submit(String username, String transaction, String request) {
        try {
            ledger.submit(user(username), transaction, Map.of(), request).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LedgerRejectedException r) {
                refusals.add(transaction + " -> " + r.code().map(Enum::name).orElse("?"));
                return;
            }
            throw e;
        }
    }

    private LedgerUser user(String username) {
        LedgerUser u = users.get(username);
        if (u == null) {
            throw new IllegalArgumentException("no identity for demo user " + username);
        }
        return u;
    }

    private static String code(char level, int serial) {
        return DemoConsortium.MAKER_NCM_PREFIX + level + "EA1CONFRM1" + BatteryCodes.encodeDate(LocalDate.of(2026, 2, 1))
                + String.format("%07d", serial);
    }

    private static String request(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientEventId", "conf-" + UUID.randomUUID());
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Json.string(m);
    }

    /** Drops the volatile keys everywhere in the tree. */
    static JsonNode normalise(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (VOLATILE.matcher(k).matches()) {
                    it.remove();
                } else {
                    normalise(o.get(k));
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(ConformanceScenario::normalise);
        }
        return node;
    }
}
