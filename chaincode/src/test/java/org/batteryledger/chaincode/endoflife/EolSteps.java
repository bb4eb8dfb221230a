package org.batteryledger.chaincode.endoflife;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.participant.Certification;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.ParticipantInput;
import org.batteryledger.chaincode.participant.ParticipantRequests;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.participant.Uscc;

/**
 * Steps shared by the end-of-life contract tests: units taken to a given point of their life
 * through the real transactions, and extra companies registered by the regulator.
 */
final class EolSteps {
    private EolSteps() {}

    static final String SOH_STANDARD = "GB/T 34015-2017";

    /** A pack in use in vehicle {@code vin(serial)}, scrapped, removed and collected by the dismantler. */
    static String collectedAtDismantler(LedgerFixture f, int serial) {
        String pack = f.code(f.batteryMaker, 'P', serial);
        String vin = f.packInUse(pack, serial);
        f.scrapAndCollect(pack, vin);
        return pack;
    }

    /** A pack removed from its scrapped vehicle by the dismantler, not yet collected. */
    static String removedAtDismantler(LedgerFixture f, int serial) {
        String pack = f.code(f.batteryMaker, 'P', serial);
        String vin = f.packInUse(pack, serial);
        f.submit(f.dismantler, Transactions.SCRAP_VEHICLE,
                f.req("vin", vin, "presentCodes", List.of(pack), "certificateNumber", "SCRAP-" + vin)).expectOk();
        f.submit(f.dismantler, Transactions.REMOVE, f.req("code", pack)).expectOk();
        return pack;
    }

    /** A collected pack handed over to the recycler: AT_RECYCLER. */
    static String atRecycler(LedgerFixture f, int serial) {
        String pack = collectedAtDismantler(f, serial);
        f.handOver(f.dismantler, f.recycler, pack);
        return pack;
    }

    /** A collected pack handed over to the cascade operator: AT_CASCADE_OPERATOR. */
    static String atCascadeOperator(LedgerFixture f, int serial) {
        String pack = collectedAtDismantler(f, serial);
        f.handOver(f.dismantler, f.cascadeOperator, pack);
        return pack;
    }

    /** A pack at the cascade operator with a recorded state-of-health test: TESTED. */
    static String tested(LedgerFixture f, int serial) {
        String pack = atCascadeOperator(f, serial);
        f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", pack, "result", sohResult(780))).expectOk();
        return pack;
    }

    static Map<String, Object> sohResult(int permille) {
        return Map.of("sohPermille", permille, "standard", SOH_STANDARD);
    }

    /** A pack IN_STOCK at the battery maker (registered and shipped). */
    static String inStock(LedgerFixture f, int serial) {
        String pack = f.code(f.batteryMaker, 'P', serial);
        f.registerUnits(f.batteryMaker, pack).expectOk();
        f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();
        return pack;
    }

    /**
     * Registers a pack with two modules bound to it in one RegisterUnits request and takes the
     * pack through vehicle life to COLLECTED at the dismantler. Returns [pack, module1, module2].
     */
    static List<String> packWithModulesCollected(LedgerFixture f, int serial) {
        List<String> codes = registerPackWithModules(f, serial);
        String pack = codes.get(0);
        String vin = LedgerFixture.vin(serial);
        f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();
        f.handOver(f.batteryMaker, f.automaker, pack);
        f.submit(f.automaker, Transactions.INSTALL, f.req("code", pack, "vin", vin)).expectOk();
        f.submit(f.automaker, Transactions.SELL, f.req("vin", vin)).expectOk();
        f.scrapAndCollect(pack, vin);
        return codes;
    }

    /** Pack {@code serial} with modules {@code serial*10+1} and {@code serial*10+2}, bound at registration. */
    static List<String> registerPackWithModules(LedgerFixture f, int serial) {
        String pack = f.code(f.batteryMaker, 'P', serial);
        String m1 = f.code(f.batteryMaker, 'M', serial * 10 + 1);
        String m2 = f.code(f.batteryMaker, 'M', serial * 10 + 2);
        f.submit(f.batteryMaker, Transactions.REGISTER_UNITS, f.req("units", List.of(
                Map.of("code", pack, "children", List.of(m1, m2)),
                Map.of("code", m1),
                Map.of("code", m2)))).expectOk();
        return List.of(pack, m1, m2);
    }

    static JsonNode unit(LedgerFixture f, String code) {
        return f.unit(f.regulator, code);
    }

    static String status(LedgerFixture f, String code) {
        return unit(f, code).get("status").asText();
    }

    static String holder(LedgerFixture f, String code) {
        return unit(f, code).get("holder").asText();
    }

    /** The certifications a role needs, valid from 2020 until {@code until}. */
    static List<Certification> certifications(Role role, String id, LocalDate until) {
        List<Certification> certs = new ArrayList<>();
        for (CertificationType t : CertificationType.requiredFor(role)) {
            certs.add(new Certification(t, t.name() + "-" + id, "MIIT", LedgerFixture.CERT_FROM, until));
        }
        return certs;
    }

    /**
     * Registers a company through the regulator. {@code n} makes its unified social credit code
     * (distinct from the consortium's); it acts in the first of {@code roles}.
     */
    static Party register(LedgerFixture f, int n, String name, String mspId, List<Role> roles, List<String> prefixes,
            List<Certification> certs) {
        String id = Uscc.withCheckCharacter("91" + String.format("%015d", 700 + n));
        f.submit(f.regulator, Transactions.REGISTER_PARTICIPANT, new ParticipantRequests.Register(f.nextEventId(), null,
                new ParticipantInput(id, name, roles, mspId, prefixes, certs))).expectOk();
        return new Party(id, name, mspId, roles.get(0), prefixes);
    }

    /** Replaces the party's certification of this type (same number) with one valid until {@code until}. */
    static Outcome recertify(LedgerFixture f, Party p, CertificationType type, LocalDate until) {
        return f.submit(f.regulator, Transactions.CERTIFY_PARTICIPANT, f.req("participantId", p.id(), "certification",
                new Certification(type, type.name() + "-" + p.id(), "MIIT", LedgerFixture.CERT_FROM, until)));
    }
}
