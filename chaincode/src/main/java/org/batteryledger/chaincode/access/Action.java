package org.batteryledger.chaincode.access;

import static org.batteryledger.chaincode.participant.Role.AUTOMAKER;
import static org.batteryledger.chaincode.participant.Role.BATTERY_MAKER;
import static org.batteryledger.chaincode.participant.Role.CASCADE_OPERATOR;
import static org.batteryledger.chaincode.participant.Role.COLLECTION_POINT;
import static org.batteryledger.chaincode.participant.Role.DISMANTLER;
import static org.batteryledger.chaincode.participant.Role.IMPORTER;
import static org.batteryledger.chaincode.participant.Role.RECYCLER;
import static org.batteryledger.chaincode.participant.Role.REGULATOR;
import static org.batteryledger.chaincode.participant.Role.REPAIRER;
import static org.batteryledger.chaincode.participant.Role.SWAP_OPERATOR;

import java.util.EnumSet;
import java.util.Set;
import org.batteryledger.chaincode.participant.Role;

/**
 * Every write the ledger knows, with the roles that may make it (domain.md §6.3). This table is
 * the only place a role is granted an action; {@link Permissions} reads it. The event a write
 * emits is named by {@link #eventName()}.
 */
public enum Action {
    BOOTSTRAP("RegistryBootstrapped", REGULATOR),
    REGISTER_PARTICIPANT("ParticipantRegistered", REGULATOR),
    UPDATE_PARTICIPANT("ParticipantUpdated", REGULATOR),
    CERTIFY_PARTICIPANT("ParticipantCertified", REGULATOR),
    SUSPEND_PARTICIPANT("ParticipantSuspended", REGULATOR),
    REINSTATE_PARTICIPANT("ParticipantReinstated", REGULATOR),
    REVOKE_PARTICIPANT("ParticipantRevoked", REGULATOR),

    /** Create units (PRODUCED) under the caller's own prefixes. */
    REGISTER_UNITS("UnitsRegistered", BATTERY_MAKER),
    /** Bind modules or cells to a parent: the parent's creator (§6.3). */
    BIND_CHILDREN("ChildrenBound", BATTERY_MAKER, CASCADE_OPERATOR),
    /** Attach the EU unique identifier (Art. 77(3)): the operator placing the unit on the market. */
    ATTACH_EU_ID("EuIdAttached", BATTERY_MAKER, AUTOMAKER, IMPORTER, CASCADE_OPERATOR),
    /** PRODUCED → IN_STOCK, or a cascade product out of the plant (CASCADE_SHIPPED, 溯源规定 Art. 14). */
    SHIP("UnitShipped", BATTERY_MAKER, CASCADE_OPERATOR),
    INSTALL("PackInstalled", AUTOMAKER, IMPORTER),
    SELL("VehicleSold", AUTOMAKER, IMPORTER),
    REPAIR("PackRepaired", REPAIRER, AUTOMAKER, IMPORTER),
    REPLACE("PackReplaced", REPAIRER, AUTOMAKER, IMPORTER),
    SWAP("PackSwapped", SWAP_OPERATOR),
    SCRAP_VEHICLE("VehicleScrapped", DISMANTLER),
    REMOVE("UnitRemoved", DISMANTLER, CASCADE_OPERATOR),
    COLLECT("UnitCollected", COLLECTION_POINT, DISMANTLER, AUTOMAKER, IMPORTER, CASCADE_OPERATOR),
    TEST("UnitTested", CASCADE_OPERATOR),
    REPURPOSE("UnitRepurposed", CASCADE_OPERATOR),
    DECLARE_WASTE("UnitDeclaredWaste", COLLECTION_POINT, DISMANTLER, CASCADE_OPERATOR, REPAIRER, SWAP_OPERATOR,
            AUTOMAKER, IMPORTER),
    /** Detach modules or cells from their parent; collection points may not dismantle (指南 2019). */
    DISMANTLE("UnitDismantled", DISMANTLER, CASCADE_OPERATOR, RECYCLER),
    OFFER_HANDOVER("HandoverOffered", custodians()),
    ACCEPT_HANDOVER("HandoverAccepted", custodians()),
    REJECT_HANDOVER("HandoverRejected", custodians()),
    CANCEL_HANDOVER("HandoverCancelled", custodians()),
    RECORD_RECYCLING("UnitsRecycled", RECYCLER),
    /**
     * Recycled-content documentation per model, plant and year (EU 2023/1542 Art. 8(1)): the
     * manufacturer's duty; §6.3 names no role for it, domain.md §4.6 puts it on the battery model.
     */
    DECLARE_RECYCLED_CONTENT("RecycledContentDeclared", BATTERY_MAKER);

    private final String eventName;
    private final Set<Role> roles;

    Action(String eventName, Role first, Role... rest) {
        this(eventName, EnumSet.of(first, rest));
    }

    Action(String eventName, Set<Role> roles) {
        this.eventName = eventName;
        this.roles = roles;
    }

    /** Every role that can hold batteries: all but the authorities, who only read. */
    private static Set<Role> custodians() {
        EnumSet<Role> set = EnumSet.allOf(Role.class);
        set.removeIf(Role::isAuthority);
        return set;
    }

    public String eventName() {
        return eventName;
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }
}
