package org.batteryledger.app.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.ChaincodeEvent;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Certification;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.ParticipantInput;
import org.batteryledger.chaincode.participant.ParticipantRequests;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.participant.Uscc;
import org.batteryledger.chaincode.testkit.TestIdentities;
import org.batteryledger.chaincode.unit.Vin;

/**
 * The chaincode fixture's demo consortium set up through the {@link Ledger} port: the regulator
 * bootstraps the registry and registers the others, with the certifications their roles need.
 * Shared by the outbox and read-model tests.
 */
public final class Consortium {
    public static final LocalDate PRODUCED_ON = LocalDate.of(2026, 1, 15);

    /** A company and the user acting for it in one role. */
    public record Member(String id, String name, String mspId, Role role, List<String> prefixes, LedgerUser user) {}

    public final Ledger ledger;
    public final Member regulator = member("100000000000000001", "Traceability office", "RegulatorMSP", Role.REGULATOR);
    public final Member batteryMaker = member("100000000000000002", "Ningde Cells", "MakerMSP", Role.BATTERY_MAKER,
            "A1B");
    public final Member automaker = member("100000000000000004", "Shanghai Motors", "AutoMSP", Role.AUTOMAKER);
    public final Member collectionPoint = member("100000000000000007", "Collection Point East", "CollectMSP",
            Role.COLLECTION_POINT);
    public final Member dismantler = member("100000000000000008", "ELV Dismantling", "DismantleMSP", Role.DISMANTLER);
    public final Member recycler = member("100000000000000010", "Green Recycling", "RecycleMSP", Role.RECYCLER);
    private final AtomicLong eventIds = new AtomicLong();

    private Consortium(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Bootstraps the registry on an empty ledger and registers every member. */
    public static Consortium on(Ledger ledger) {
        return on(ledger, user -> { });
    }

    /** As {@link #on(Ledger)}, first telling {@code announce} each member's user (a fake peer must know them). */
    public static Consortium on(Ledger ledger, java.util.function.Consumer<LedgerUser> announce) {
        Consortium c = new Consortium(ledger);
        c.all().forEach(m -> announce.accept(m.user()));
        c.submit(c.regulator, Transactions.BOOTSTRAP,
                Json.string(new ParticipantRequests.Register(c.nextEventId(), null, c.input(c.regulator))));
        for (Member m : c.all()) {
            if (m != c.regulator) {
                c.submit(c.regulator, Transactions.REGISTER_PARTICIPANT,
                        Json.string(new ParticipantRequests.Register(c.nextEventId(), null, c.input(m))));
            }
        }
        return c;
    }

    public List<Member> all() {
        return List.of(regulator, batteryMaker, automaker, collectionPoint, dismantler, recycler);
    }

    /** The users by name, as the outbox sender resolves them. */
    public Function<String, LedgerUser> users() {
        Map<String, LedgerUser> byName = new LinkedHashMap<>();
        all().forEach(m -> byName.put(m.user().name(), m.user()));
        return byName::get;
    }

    public String nextEventId() {
        return "evt-" + eventIds.incrementAndGet();
    }

    /** A request with a fresh client event id: {@code request("code", c, "note", "x")}. */
    public String request(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientEventId", nextEventId());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Json.string(m);
    }

    /** A RegisterUnits request: {@code units} maps each code to its children. */
    public String registerRequest(Map<String, List<String>> units) {
        List<Map<String, Object>> list = new ArrayList<>();
        units.forEach((code, children) -> list.add(Map.of("code", code, "children", children)));
        return request("units", list);
    }

    /** Submits directly (not through the outbox) and waits for the commit. */
    public Commit submit(Member who, String transaction, String requestJson) {
        return ledger.submit(who.user(), transaction, Map.of(), requestJson).join();
    }

    /** Offer and accept in one go. */
    public void handOver(Member from, Member to, String... codes) {
        submit(from, Transactions.OFFER_HANDOVER, request("codes", List.of(codes), "to", to.id()));
        submit(to, Transactions.ACCEPT_HANDOVER, request("codes", List.of(codes)));
    }

    /** A valid 24-character code under the maker's first prefix. */
    public String code(Member maker, char level, int serial) {
        return maker.prefixes().get(0) + level + "EA1TRACE01" + BatteryCodes.encodeDate(PRODUCED_ON)
                + String.format("%07d", serial);
    }

    /** A valid VIN with its check digit. */
    public static String vin(int n) {
        return Vin.withCheckDigit(String.format("LSV0A0000%08d", n));
    }

    /** The units the ledger lists for a holder, read as the regulator. */
    public JsonNode unitsHeldBy(Member holder) {
        return Json.tree(ledger.evaluate(regulator.user(), Transactions.LIST_BY_HOLDER, holder.id(), "1000", ""));
    }

    /** Every chaincode event committed so far, in order. */
    public List<ChaincodeEvent> events() {
        List<ChaincodeEvent> events = new ArrayList<>();
        ledger.subscribe(0, (BlockEvents b) -> events.addAll(b.events())).close();
        return events;
    }

    private ParticipantInput input(Member m) {
        List<Certification> certs = new ArrayList<>();
        for (CertificationType t : CertificationType.requiredFor(m.role())) {
            certs.add(new Certification(t, t.name() + "-" + m.id(), "MIIT", LocalDate.of(2020, 1, 1),
                    LocalDate.of(2030, 12, 31)));
        }
        return new ParticipantInput(m.id(), m.name(), List.of(m.role()), m.mspId(), m.prefixes(), certs);
    }

    private static Member member(String first17ish, String name, String msp, Role role, String... prefixes) {
        String id = Uscc.withCheckCharacter("91" + first17ish.substring(3));
        TestIdentities.Identity identity = TestIdentities.member(msp, id, role.name());
        LedgerUser user = new LedgerUser(identity.enrollmentId(), identity.mspId(), identity.certificate(),
                identity.certificatePem(), identity.privateKey(), identity.serialized());
        return new Member(id, name, msp, role, List.of(prefixes), user);
    }
}
