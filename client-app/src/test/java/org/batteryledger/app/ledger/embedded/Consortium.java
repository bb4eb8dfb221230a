package org.batteryledger.app.ledger.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Certification;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.ParticipantRequests;
import org.batteryledger.chaincode.testkit.TestIdentities;

/**
 * The chaincode fixture's demo consortium ({@link LedgerFixture}'s companies, MSPs, prefixes and
 * certificates), registered on any {@link Ledger} through its public API, as {@code
 * LedgerFixture.withConsortium()} registers it on the in-memory test ledger; plus request helpers.
 */
final class Consortium {
    /** The fixture, used only for its party definitions and code helpers (built once, on first use). */
    private static final class Fixture {
        static final LedgerFixture F = LedgerFixture.withConsortium();
    }

    final LedgerFixture fixture = Fixture.F;
    final Party regulator = fixture.regulator;
    final Party batteryMaker = fixture.batteryMaker;
    final Party automaker = fixture.automaker;
    final Party repairer = fixture.repairer;
    final Party dismantler = fixture.dismantler;
    final Party recycler = fixture.recycler;

    private final Ledger ledger;
    private final AtomicLong eventIds = new AtomicLong();

    private Consortium(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Bootstraps the registry as the regulator and registers every other party of the fixture. */
    static Consortium registeredOn(Ledger ledger) {
        Consortium c = new Consortium(ledger);
        LedgerFixture f = c.fixture;
        c.submit(c.regulator, Transactions.BOOTSTRAP,
                new ParticipantRequests.Register(c.nextEventId(), null, f.input(c.regulator, List.of())));
        for (Party p : f.all()) {
            if (p != c.regulator) {
                c.register(p, p == f.lapsedRecycler ? LocalDate.of(2021, 12, 31) : LedgerFixture.CERT_UNTIL);
            }
        }
        return c;
    }

    /** The regulator registers {@code p} with the certifications its role requires, valid until {@code until}. */
    Commit register(Party p, LocalDate until) {
        List<Certification> certs = new ArrayList<>();
        for (CertificationType t : CertificationType.requiredFor(p.role())) {
            certs.add(new Certification(t, t.name() + "-" + p.id(), "MIIT", LedgerFixture.CERT_FROM, until));
        }
        return submit(regulator, Transactions.REGISTER_PARTICIPANT,
                new ParticipantRequests.Register(nextEventId(), null, fixture.input(p, certs)));
    }

    /** The same parties, for a ledger that was registered before (e.g. reopened). */
    static Consortium alreadyOn(Ledger ledger) {
        Consortium c = new Consortium(ledger);
        c.eventIds.set(1_000_000);
        return c;
    }

    /** How many participants {@link #registeredOn} registers after the bootstrap. */
    int registrations() {
        return fixture.all().size() - 1;
    }

    /** A party's user as the application holds it: MSP id, certificate, key, serialized identity. */
    static LedgerUser user(Party p) {
        TestIdentities.Identity id = p.identity();
        return new LedgerUser(id.enrollmentId(), id.mspId(), id.certificate(), id.certificatePem(), id.privateKey(),
                id.serialized());
    }

    String nextEventId() {
        return "evt-" + eventIds.incrementAndGet();
    }

    /** A request map with a fresh client event id: {@code req("code", c)}. */
    Map<String, Object> req(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientEventId", nextEventId());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** Submits and waits for the commit; fails the test on any error. */
    Commit submit(Party who, String transaction, Object request) {
        return ledger.submit(user(who), transaction, Map.of(), json(request)).join();
    }

    static String json(Object request) {
        return request instanceof String s ? s : Json.string(request);
    }

    JsonNode evaluate(Party who, String transaction, String... args) {
        return Json.tree(ledger.evaluate(user(who), transaction, args));
    }

    String code(Party maker, char level, int serial) {
        return fixture.code(maker, level, serial);
    }

    static String vin(int n) {
        return LedgerFixture.vin(n);
    }

    /** Registers a pack and takes it to IN_USE in a sold vehicle; returns the six commits in order. */
    List<Commit> packInUse(String pack, String vin) {
        List<Commit> commits = new ArrayList<>();
        commits.add(submit(batteryMaker, Transactions.REGISTER_UNITS, req("units", List.of(Map.of("code", pack)))));
        commits.add(submit(batteryMaker, Transactions.SHIP, req("code", pack)));
        commits.add(submit(batteryMaker, Transactions.OFFER_HANDOVER, req("codes", List.of(pack), "to",
                automaker.id())));
        commits.add(submit(automaker, Transactions.ACCEPT_HANDOVER, req("codes", List.of(pack))));
        commits.add(submit(automaker, Transactions.INSTALL, req("code", pack, "vin", vin)));
        commits.add(submit(automaker, Transactions.SELL, req("vin", vin)));
        return commits;
    }
}
