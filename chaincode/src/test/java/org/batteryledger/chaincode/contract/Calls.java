package org.batteryledger.chaincode.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Certification;
import org.batteryledger.chaincode.participant.ParticipantInput;
import org.batteryledger.chaincode.participant.ParticipantRequests;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.participant.Uscc;
import org.batteryledger.chaincode.testkit.InMemoryLedger;
import org.batteryledger.chaincode.testkit.TestIdentities.Identity;
import org.batteryledger.chaincode.testkit.TxRunner;
import org.hyperledger.fabric.contract.RouterInvoker;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/**
 * Small helpers of the contract tests: calls with a raw certificate, extra participants, and
 * snapshots of the ledger to prove that a rejected write changed nothing.
 */
final class Calls {
    private Calls() {}

    /** A valid unified social credit code whose 15 characters after "91" are {@code body}. */
    static String uscc(String body15) {
        return Uscc.withCheckCharacter("91" + body15);
    }

    /** Submits with any certificate through the real router, answering like the fixture does. */
    static Outcome submitAs(TxRunner runner, RouterInvoker router, Identity identity, String transaction,
            Object request) {
        String json = request instanceof String s ? s : Json.string(request);
        TxRunner.TxResult<Chaincode.Response> r = runner.submit(identity, router, transaction, json);
        return outcome(r.value(), r.txId(), r.eventName(), r.eventPayloadUtf8());
    }

    static Outcome submitAs(LedgerFixture f, Identity identity, String transaction, Object request) {
        return submitAs(f.runner, f.router, identity, transaction, request);
    }

    /** Evaluates with any certificate through the real router. */
    static Outcome evaluateAs(LedgerFixture f, Identity identity, String transaction, String... args) {
        return evaluateAs(f.runner, f.router, identity, transaction, args);
    }

    static Outcome evaluateAs(TxRunner runner, RouterInvoker router, Identity identity, String transaction,
            String... args) {
        return outcome(runner.evaluate(identity, router, transaction, args), null, null, null);
    }

    private static Outcome outcome(Chaincode.Response r, String txId, String eventName, String event) {
        String payload = r.getPayload() == null ? null : new String(r.getPayload(), StandardCharsets.UTF_8);
        return new Outcome(r.getStatusCode(), r.getMessage(), payload, txId, eventName, event);
    }

    /** Registers a further company through the regulator; the party acts in the first role. */
    static Party registerParty(LedgerFixture f, String body15, String name, String mspId, List<Role> roles,
            String... prefixes) {
        Party p = new Party(uscc(body15), name, mspId, roles.get(0), List.of(prefixes));
        f.submit(f.regulator, Transactions.REGISTER_PARTICIPANT, new ParticipantRequests.Register(f.nextEventId(),
                null, new ParticipantInput(p.id(), name, roles, mspId, List.of(prefixes), List.<Certification>of())))
                .expectOk();
        return p;
    }

    /** The whole committed world state, values in hex, for before/after comparisons. */
    static Map<String, String> state(LedgerFixture f) {
        Map<String, String> out = new TreeMap<>();
        f.runner.ledger().stateSnapshot().forEach((k, v) -> out.put(k, HexFormat.of().formatHex(v)));
        return out;
    }

    /** Every committed event as name and payload, in commit order. */
    static List<String> events(LedgerFixture f) {
        List<String> out = new ArrayList<>();
        for (InMemoryLedger.CommittedEvent e : f.runner.ledger().events()) {
            out.add(e.txId() + " " + e.eventName() + " " + e.payloadUtf8());
        }
        return out;
    }

    /** The key history of a key as tx id and value, newest first. */
    static List<String> history(LedgerFixture f, String key) {
        List<String> out = new ArrayList<>();
        for (KeyModification m : f.runner.ledger().history(key)) {
            out.add(m.getTxId() + " " + m.getStringValue());
        }
        return out;
    }

    /** A map request without the fixture's automatic client event id. */
    static Map<String, Object> raw(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
