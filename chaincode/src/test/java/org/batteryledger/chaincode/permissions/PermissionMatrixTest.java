package org.batteryledger.chaincode.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.batteryledger.chaincode.participant.Role.AUTOMAKER;
import static org.batteryledger.chaincode.participant.Role.BATTERY_MAKER;
import static org.batteryledger.chaincode.participant.Role.CASCADE_OPERATOR;
import static org.batteryledger.chaincode.participant.Role.COLLECTION_POINT;
import static org.batteryledger.chaincode.participant.Role.DISMANTLER;
import static org.batteryledger.chaincode.participant.Role.IMPORTER;
import static org.batteryledger.chaincode.participant.Role.MARKET_SURVEILLANCE;
import static org.batteryledger.chaincode.participant.Role.NOTIFIED_BODY;
import static org.batteryledger.chaincode.participant.Role.RECYCLER;
import static org.batteryledger.chaincode.participant.Role.REGULATOR;
import static org.batteryledger.chaincode.participant.Role.REPAIRER;
import static org.batteryledger.chaincode.participant.Role.SWAP_OPERATOR;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.participant.Certification;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.ParticipantInput;
import org.batteryledger.chaincode.participant.ParticipantRequests;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.participant.Uscc;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may make which write (domain.md §6.3). Every write transaction of {@link Transactions} is
 * called by a freshly registered participant of every {@link Role}, with a syntactically valid
 * request on a unit that exists. A role not allowed is refused FORBIDDEN ("role X may not …")
 * before anything else happens; an allowed role gets past the role check (it may still fail
 * for another reason: custody, state, certification).
 *
 * <p>The expected matrix below is written from §6.3 (with §6.2 where §6.3 is silent or names the
 * transition elsewhere), not read from {@code access.Action}.
 */
class PermissionMatrixTest {

    // ---------------------------------------------------------------- the expected matrix (§6.3)

    private static final Set<Role> HOLDERS = EnumSet.complementOf(EnumSet.of(REGULATOR, MARKET_SURVEILLANCE,
            NOTIFIED_BODY));

    /** Transaction → roles allowed. Literal, from domain.md §6.3. */
    static final Map<String, Set<Role>> EXPECTED = new LinkedHashMap<>();

    static {
        // §6.3 "Register manufacturer-code prefix | REGULATOR or registry admin": the whole registry is the regulator's.
        allow(Transactions.REGISTER_PARTICIPANT, REGULATOR);
        allow(Transactions.UPDATE_PARTICIPANT, REGULATOR);
        allow(Transactions.CERTIFY_PARTICIPANT, REGULATOR);
        allow(Transactions.SUSPEND_PARTICIPANT, REGULATOR);
        allow(Transactions.REINSTATE_PARTICIPANT, REGULATOR);
        allow(Transactions.REVOKE_PARTICIPANT, REGULATOR);
        // "Create unit (PRODUCED) | CELL_MAKER / PACK_MAKER owning the code prefix" (one role here: BATTERY_MAKER).
        // The cascade operator's successor units are created by Repurpose, not RegisterUnits.
        allow(Transactions.REGISTER_UNITS, BATTERY_MAKER);
        // "Bind children | Creator of the parent unit": battery makers, and cascade operators for their successors.
        allow(Transactions.BIND_CHILDREN, BATTERY_MAKER, CASCADE_OPERATOR);
        // §6.3 is silent; Art. 77(3) (§4.2): the economic operator placing the battery on the market —
        // maker, automaker or importer placing the vehicle, repurposer placing the successor.
        allow(Transactions.ATTACH_EU_ID, BATTERY_MAKER, AUTOMAKER, IMPORTER, CASCADE_OPERATOR);
        // SHIPPED by the battery maker (§6.1, §6.6); "CASCADE_SHIPPED | CASCADE_OPERATOR".
        allow(Transactions.SHIP, BATTERY_MAKER, CASCADE_OPERATOR);
        // "Bind pack ↔ VIN, CERT_ISSUED, SOLD | AUTOMAKER / IMPORTER".
        allow(Transactions.INSTALL, AUTOMAKER, IMPORTER);
        allow(Transactions.SELL, AUTOMAKER, IMPORTER);
        // "REPAIRED / REPLACED | REPAIRER or LESSOR (or the automaker on its behalf)"; no LESSOR role exists;
        // the importer stands in the automaker's place for imported vehicles (溯源规定 Art. 9).
        allow(Transactions.REPAIR, REPAIRER, AUTOMAKER, IMPORTER);
        allow(Transactions.REPLACE, REPAIRER, AUTOMAKER, IMPORTER);
        // "SWAPPED | SWAP_OPERATOR".
        allow(Transactions.SWAP, SWAP_OPERATOR);
        // "VEHICLE_SCRAPPED, REMOVED at end of life, DISMANTLED | ELV_DISMANTLER".
        allow(Transactions.SCRAP_VEHICLE, DISMANTLER);
        // ... plus §6.2 "IN_SECOND_USE ──retire──> REMOVED" by the cascade operator.
        allow(Transactions.REMOVE, DISMANTLER, CASCADE_OPERATOR);
        // "COLLECTED_IN at a collection point | COLLECTION_POINT or its AUTOMAKER" (importer likewise);
        // §6.2 "REMOVED ──> COLLECTED (at a collection point or dismantler)", "COLLECTED (by cascade operator)".
        allow(Transactions.COLLECT, COLLECTION_POINT, AUTOMAKER, IMPORTER, DISMANTLER, CASCADE_OPERATOR);
        // "TESTED, REPURPOSED, CASCADE_SHIPPED | CASCADE_OPERATOR (whitelisted)".
        allow(Transactions.TEST, CASCADE_OPERATOR);
        allow(Transactions.REPURPOSE, CASCADE_OPERATOR);
        // §6.3 is silent on DECLARED_WASTE; §6.2: whoever holds a retired unit (REMOVED, COLLECTED, at the cascade
        // operator, TESTED) declares it: those who take packs out of vehicles, collection points, dismantlers and
        // cascade operators. Not the battery maker, not the recycler (receipt there makes it waste), not authorities.
        allow(Transactions.DECLARE_WASTE, DISMANTLER, COLLECTION_POINT, CASCADE_OPERATOR, REPAIRER, SWAP_OPERATOR,
                AUTOMAKER, IMPORTER);
        // "DISMANTLED | ELV_DISMANTLER"; §6.2 "Dismantling a pack into modules (cascade or recycling)";
        // §6.4 "Collection points may not record DISMANTLED".
        allow(Transactions.DISMANTLE, DISMANTLER, CASCADE_OPERATOR, RECYCLER);
        // "Any transfer | only the current custodian sends; only the named counterparty receives": any company
        // that can hold batteries; the regulator is read-only, the EU authorities only read.
        allow(Transactions.OFFER_HANDOVER, HOLDERS);
        allow(Transactions.ACCEPT_HANDOVER, HOLDERS);
        allow(Transactions.REJECT_HANDOVER, HOLDERS);
        allow(Transactions.CANCEL_HANDOVER, HOLDERS);
        // "RECEIVED at recycler, RECYCLED, RecyclingReport | RECYCLER".
        allow(Transactions.RECORD_RECYCLING, RECYCLER);
        // §6.3 has no row for it; Art. 8(1) documentation is the manufacturer's (domain.md §4.6, BatteryModel).
        allow(Transactions.DECLARE_RECYCLED_CONTENT, BATTERY_MAKER);
    }

    /**
     * Pairs where the code differs from §6.3 and the difference is a bug; each has its own
     * {@code @Disabled} test below and is left out of the parameterized matrix.
     */
    static final Set<String> KNOWN_DEVIATIONS = Set.of();

    /** Reads (and the bootstrap, tested apart) — every other constant of Transactions is a write in the matrix. */
    private static final Set<String> NOT_IN_MATRIX = Set.of(Transactions.BOOTSTRAP, Transactions.GET_PARTICIPANT,
            Transactions.GET_PREFIX_OWNER, Transactions.LIST_PARTICIPANTS, Transactions.WHO_AM_I);

    private static final Set<String> REGISTRY_WRITES = Set.of(Transactions.REGISTER_PARTICIPANT,
            Transactions.UPDATE_PARTICIPANT, Transactions.CERTIFY_PARTICIPANT, Transactions.SUSPEND_PARTICIPANT,
            Transactions.REINSTATE_PARTICIPANT, Transactions.REVOKE_PARTICIPANT);

    private static void allow(String tx, Role... roles) {
        allow(tx, roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles));
    }

    private static void allow(String tx, Set<Role> roles) {
        EXPECTED.put(tx, EnumSet.copyOf(roles));
    }

    // ---------------------------------------------------------------- one case per (transaction, role)

    record Pair(String tx, Role role, boolean allowed) {}

    static Stream<Named<Pair>> everyWriteByEveryRole() {
        List<Named<Pair>> cases = new ArrayList<>();
        for (var e : EXPECTED.entrySet()) {
            for (Role role : Role.values()) {
                if (KNOWN_DEVIATIONS.contains(e.getKey() + " by " + role)) {
                    continue;
                }
                boolean allowed = e.getValue().contains(role);
                cases.add(Named.of(function(e.getKey()) + " by " + role + (allowed ? " → allowed" : " → forbidden"),
                        new Pair(e.getKey(), role, allowed)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyWriteByEveryRole")
    void each_role_may_make_exactly_the_writes_section_6_3_gives_it(Pair pair) {
        LedgerFixture f = LedgerFixture.withConsortium();
        Party caller = registerRoleParticipant(f, pair.role());
        Object request = prepare(f, pair.tx(), caller);

        Outcome out = f.submit(caller, pair.tx(), request);

        if (pair.allowed()) {
            assertThat(isRoleRefusal(out, pair.role()))
                    .as("%s by %s must pass the role check, got: %s", pair.tx(), pair.role(), out.message()).isFalse();
            assertThat(out.error()).as("the request is well-formed and the caller registered: %s", out.message())
                    .isNotEqualTo(java.util.Optional.of(LedgerError.INVALID_ARGUMENT));
            if (!out.ok()) {
                assertThat(out.message()).doesNotContain("not in the registry", "is not registered in role");
            }
        } else {
            assertThat(out.error()).as(out.message()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("may not", "role " + pair.role() + " may not ");
        }
    }

    @Test
    void the_matrix_covers_every_write_transaction_and_every_role() throws IllegalAccessException {
        Set<String> writes = new TreeSet<>();
        for (Field field : Transactions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String tx = (String) field.get(null);
                if (!tx.startsWith("Queries:") && !NOT_IN_MATRIX.contains(tx)) {
                    writes.add(tx);
                }
            }
        }

        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(writes);
        assertThat(everyWriteByEveryRole().count() + KNOWN_DEVIATIONS.size())
                .isEqualTo((long) writes.size() * Role.values().length);
    }

    @Test
    void bind_children_by_cascade_operator_is_allowed() {
        LedgerFixture f = LedgerFixture.withConsortium();
        Party caller = registerRoleParticipant(f, CASCADE_OPERATOR);
        Object request = prepare(f, Transactions.BIND_CHILDREN, caller);

        Outcome out = f.submit(caller, Transactions.BIND_CHILDREN, request);

        assertThat(isRoleRefusal(out, CASCADE_OPERATOR)).as(out.message()).isFalse();
    }

    @Test
    void an_automaker_may_not_replace_the_pack_of_another_automakers_vehicle() {
        LedgerFixture f = LedgerFixture.withConsortium();
        Party otherAutomaker = registerRoleParticipant(f, AUTOMAKER);
        String pack = f.code(f.batteryMaker, 'P', 1);
        f.packInUse(pack, 1);

        Outcome out = f.submit(otherAutomaker, Transactions.REPLACE, f.req("code", pack));

        assertThat(out.error()).as(out.message()).contains(LedgerError.FORBIDDEN);
        assertThat(out.message()).contains("belongs to automaker " + f.automaker.id());
        assertThat(f.unit(f.regulator, pack).get("holder").asText()).isEqualTo(f.automaker.id());
    }

    @Test
    void a_repairer_replaces_a_pack_in_any_vehicle_and_holds_the_removed_pack() {
        // 溯源规定 Art. 12: non-cooperating repairers record directly; no contract with the automaker is modelled.
        LedgerFixture f = LedgerFixture.withConsortium();
        String pack = f.code(f.batteryMaker, 'P', 1);
        f.packInUse(pack, 1);

        f.submit(f.repairer, Transactions.REPLACE, f.req("code", pack)).expectOk();

        assertThat(f.unit(f.regulator, pack).get("holder").asText()).isEqualTo(f.repairer.id());
        assertThat(f.unit(f.regulator, pack).get("status").asText()).isEqualTo("REMOVED");
    }

    // ---------------------------------------------------------------- authorities and standing

    @ParameterizedTest(name = "{0} is refused every lifecycle write")
    @EnumSource(value = Role.class, names = {"REGULATOR", "MARKET_SURVEILLANCE", "NOTIFIED_BODY"})
    void authorities_are_refused_every_lifecycle_write(Role authority) {
        SoftAssertions softly = new SoftAssertions();
        for (String tx : EXPECTED.keySet()) {
            if (REGISTRY_WRITES.contains(tx)) {
                continue;
            }
            LedgerFixture f = LedgerFixture.withConsortium();
            // The consortium's own regulator, or a registered market-surveillance authority or notified body.
            Party caller = authority == REGULATOR ? f.regulator : registerRoleParticipant(f, authority);
            Outcome out = f.submit(caller, tx, prepare(f, tx, caller));
            softly.assertThat(out.error()).as("%s by %s: %s", tx, authority, out.message())
                    .contains(LedgerError.FORBIDDEN);
            softly.assertThat(out.message()).as("%s by %s", tx, authority).contains("role " + authority + " may not");
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0} may not change the registry")
    @EnumSource(value = Role.class, names = {"MARKET_SURVEILLANCE", "NOTIFIED_BODY"})
    void eu_authorities_may_not_change_the_registry(Role authority) {
        SoftAssertions softly = new SoftAssertions();
        for (String tx : REGISTRY_WRITES) {
            LedgerFixture f = LedgerFixture.withConsortium();
            Party caller = registerRoleParticipant(f, authority);
            Outcome out = f.submit(caller, tx, prepare(f, tx, caller));
            softly.assertThat(out.error()).as("%s by %s: %s", tx, authority, out.message())
                    .contains(LedgerError.FORBIDDEN);
            softly.assertThat(out.message()).as(tx).contains("role " + authority + " may not");
        }
        softly.assertAll();
    }

    @Test
    void a_suspended_company_is_refused_even_a_write_its_role_allows() {
        LedgerFixture f = LedgerFixture.withConsortium();
        Object request = prepare(f, Transactions.SHIP, f.batteryMaker);
        f.submit(f.regulator, Transactions.SUSPEND_PARTICIPANT,
                f.req("participantId", f.batteryMaker.id(), "reason", "audit")).expectOk();

        Outcome out = f.submit(f.batteryMaker, Transactions.SHIP, request);

        assertThat(out.error()).as(out.message()).contains(LedgerError.FORBIDDEN);
        assertThat(out.message()).contains(f.batteryMaker.id(), "SUSPENDED");
    }

    @Test
    void a_company_acting_in_a_role_it_is_not_registered_for_is_refused() {
        LedgerFixture f = LedgerFixture.withConsortium();
        Object request = prepare(f, Transactions.SCRAP_VEHICLE, f.automaker);

        Outcome out = f.submit(f.automaker.as(DISMANTLER), Transactions.SCRAP_VEHICLE, request);

        assertThat(out.error()).as(out.message()).contains(LedgerError.FORBIDDEN);
        assertThat(out.message()).contains("not registered in role DISMANTLER");
    }

    static Stream<Named<Role>> everyRole() {
        return Stream.of(Role.values()).map(r -> Named.of("Bootstrap by " + r + (r == REGULATOR
                ? " → already bootstrapped" : " → forbidden"), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRole")
    void bootstrap_is_only_for_a_self_declared_regulator_and_only_once(Role role) {
        LedgerFixture f = LedgerFixture.withConsortium();
        Party caller = registerRoleParticipant(f, role);

        Outcome out = f.submit(caller, Transactions.BOOTSTRAP, new ParticipantRequests.Register(f.nextEventId(), null,
                new ParticipantInput(caller.id(), caller.name(), List.of(role), caller.mspId(), caller.prefixes(),
                        List.of())));

        if (role == REGULATOR) {
            assertThat(out.error()).as(out.message()).contains(LedgerError.DUPLICATE);
            assertThat(out.message()).contains("already has its first regulator");
        } else {
            assertThat(out.error()).as(out.message()).contains(LedgerError.FORBIDDEN);
            assertThat(out.message()).contains("bootstrap needs", "role=REGULATOR");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** FORBIDDEN because the caller's role may not make this write (Permissions.require), not for another reason. */
    private static boolean isRoleRefusal(Outcome out, Role role) {
        return out.error().equals(java.util.Optional.of(LedgerError.FORBIDDEN))
                && out.message().contains("role " + role + " may not");
    }

    private static String function(String tx) {
        return tx.substring(tx.indexOf(':') + 1);
    }

    /**
     * A fresh company with just this role: a valid unified social credit code, its own MSP,
     * prefixes if it is a maker or cascade operator, and the certifications its role needs.
     */
    static Party registerRoleParticipant(LedgerFixture f, Role role) {
        String id = Uscc.withCheckCharacter("91" + String.format("%015d", 500 + role.ordinal()));
        String msp = "Matrix-" + role.name().replace('_', '-');
        List<String> prefixes = switch (role) {
            case BATTERY_MAKER -> List.of("Q7M");
            case CASCADE_OPERATOR -> List.of("Q7C");
            default -> List.of();
        };
        List<Certification> certs = new ArrayList<>();
        for (CertificationType t : CertificationType.requiredFor(role)) {
            certs.add(new Certification(t, t.name() + "-" + id, "MIIT", LedgerFixture.CERT_FROM,
                    LedgerFixture.CERT_UNTIL));
        }
        String name = "Matrix " + role;
        f.submit(f.regulator, Transactions.REGISTER_PARTICIPANT, new ParticipantRequests.Register(f.nextEventId(), null,
                new ParticipantInput(id, name, List.of(role), msp, prefixes, certs))).expectOk();
        return new Party(id, name, msp, role, prefixes);
    }

    /**
     * Brings the ledger to a state where {@code tx} makes sense (a unit that exists, in the state
     * the write starts from, held by the consortium party that would make it) and returns a
     * syntactically valid request for it.
     */
    static Object prepare(LedgerFixture f, String tx, Party caller) {
        Party maker = caller.prefixes().isEmpty() || caller.role() != BATTERY_MAKER ? f.batteryMaker : caller;
        Party cascade = caller.prefixes().isEmpty() || caller.role() != CASCADE_OPERATOR ? f.cascadeOperator : caller;
        String pack = f.code(f.batteryMaker, 'P', 1);
        String vin = LedgerFixture.vin(1);
        switch (tx) {
            case Transactions.REGISTER_PARTICIPANT:
                return new ParticipantRequests.Register(f.nextEventId(), null, new ParticipantInput(
                        Uscc.withCheckCharacter("91000000000000999"), "Newcomer Repairs", List.of(REPAIRER),
                        "NewcomerMSP", List.of(), List.of()));
            case Transactions.UPDATE_PARTICIPANT:
                return new ParticipantRequests.Update(f.nextEventId(), null, new ParticipantInput(f.repairer.id(),
                        "Quick Repair Ltd", List.of(REPAIRER), f.repairer.mspId(), List.of(), List.of()));
            case Transactions.CERTIFY_PARTICIPANT:
                return f.req("participantId", f.recycler.id(), "certification", new Certification(
                        CertificationType.WHITELIST, "WL-RENEWED", "MIIT", LedgerFixture.CERT_FROM,
                        LedgerFixture.CERT_UNTIL));
            case Transactions.SUSPEND_PARTICIPANT:
                return f.req("participantId", f.repairer.id(), "reason", "audit");
            case Transactions.REINSTATE_PARTICIPANT:
                f.submit(f.regulator, Transactions.SUSPEND_PARTICIPANT,
                        f.req("participantId", f.repairer.id(), "reason", "audit")).expectOk();
                return f.req("participantId", f.repairer.id(), "reason", "audit passed");
            case Transactions.REVOKE_PARTICIPANT:
                return f.req("participantId", f.repairer.id(), "reason", "fraud");
            case Transactions.REGISTER_UNITS:
                return f.req("units", List.of(Map.of("code", f.code(maker, 'P', 900))));
            case Transactions.BIND_CHILDREN: {
                String module = f.code(f.batteryMaker, 'M', 2);
                f.registerUnits(f.batteryMaker, pack, module).expectOk();
                return f.req("parent", pack, "children", List.of(module));
            }
            case Transactions.ATTACH_EU_ID:
                f.registerUnits(f.batteryMaker, pack).expectOk();
                return f.req("code", pack, "euUniqueId", "EU-MATRIX-1");
            case Transactions.SHIP:
                f.registerUnits(f.batteryMaker, pack).expectOk();
                return f.req("code", pack);
            case Transactions.INSTALL:
                f.registerUnits(f.batteryMaker, pack).expectOk();
                f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();
                f.handOver(f.batteryMaker, f.automaker, pack);
                return f.req("code", pack, "vin", vin);
            case Transactions.SELL:
                f.registerUnits(f.batteryMaker, pack).expectOk();
                f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();
                f.handOver(f.batteryMaker, f.automaker, pack);
                f.submit(f.automaker, Transactions.INSTALL, f.req("code", pack, "vin", vin)).expectOk();
                return f.req("vin", vin);
            case Transactions.REPAIR:
            case Transactions.REPLACE:
            case Transactions.SWAP:
                f.packInUse(pack, 1);
                return f.req("code", pack, "note", "matrix");
            case Transactions.SCRAP_VEHICLE:
                f.packInUse(pack, 1);
                return f.req("vin", vin, "presentCodes", List.of(pack), "certificateNumber", "SCRAP-1");
            case Transactions.REMOVE:
                f.packInUse(pack, 1);
                f.submit(f.dismantler, Transactions.SCRAP_VEHICLE,
                        f.req("vin", vin, "presentCodes", List.of(pack), "certificateNumber", "SCRAP-1")).expectOk();
                return f.req("code", pack);
            case Transactions.COLLECT:
                f.packInUse(pack, 1);
                f.submit(f.dismantler, Transactions.SCRAP_VEHICLE,
                        f.req("vin", vin, "presentCodes", List.of(pack), "certificateNumber", "SCRAP-1")).expectOk();
                f.submit(f.dismantler, Transactions.REMOVE, f.req("code", pack)).expectOk();
                return f.req("code", pack);
            case Transactions.DECLARE_WASTE:
                f.scrapAndCollect(pack, f.packInUse(pack, 1));
                return f.req("code", pack, "reason", "swollen");
            case Transactions.DISMANTLE:
                f.scrapAndCollect(pack, f.packInUse(pack, 1));
                return f.req("code", pack);
            case Transactions.TEST:
                f.scrapAndCollect(pack, f.packInUse(pack, 1));
                f.handOver(f.dismantler, f.cascadeOperator, pack);
                return f.req("code", pack, "result", Map.of("sohPermille", 800, "standard", "GB/T 34015-2017"));
            case Transactions.REPURPOSE:
                f.scrapAndCollect(pack, f.packInUse(pack, 1));
                f.handOver(f.dismantler, f.cascadeOperator, pack);
                f.submit(f.cascadeOperator, Transactions.TEST, f.req("code", pack, "result",
                        Map.of("sohPermille", 800, "standard", "GB/T 34015-2017"))).expectOk();
                return f.req("originals", List.of(pack), "successor",
                        Map.of("code", f.cascadeCode(cascade, 'P', 1), "spec", Map.of("ratedEnergyWh", 40_000)));
            case Transactions.OFFER_HANDOVER:
                f.registerUnits(f.batteryMaker, pack).expectOk();
                f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();
                return f.req("codes", List.of(pack), "to", f.automaker.id());
            case Transactions.ACCEPT_HANDOVER:
            case Transactions.REJECT_HANDOVER:
            case Transactions.CANCEL_HANDOVER:
                f.registerUnits(f.batteryMaker, pack).expectOk();
                f.submit(f.batteryMaker, Transactions.SHIP, f.req("code", pack)).expectOk();
                f.submit(f.batteryMaker, Transactions.OFFER_HANDOVER, f.req("codes", List.of(pack), "to",
                        f.automaker.id())).expectOk();
                return f.req("codes", List.of(pack), "reason", "matrix");
            case Transactions.RECORD_RECYCLING:
                f.scrapAndCollect(pack, f.packInUse(pack, 1));
                f.handOver(f.dismantler, f.recycler, pack);
                return f.req("batchId", "B-MATRIX", "route", "HYDROMETALLURGY",
                        "inputs", List.of(Map.of("code", pack, "massGrams", 400_000)),
                        "outputs", List.of(Map.of("name", "black mass", "massGrams", 300_000, "destination", "refinery",
                                "countsAsRecycling", true)));
            case Transactions.DECLARE_RECYCLED_CONTENT:
                return f.req("model", "M-MATRIX", "plant", "Ningde plant 1", "year", 2026,
                        "shares", Map.of("CO", Map.of("preConsumerBasisPoints", 500, "postConsumerBasisPoints", 1200)),
                        "documentHash", "a".repeat(64));
            default:
                throw new IllegalArgumentException("no prepared request for " + tx);
        }
    }
}
