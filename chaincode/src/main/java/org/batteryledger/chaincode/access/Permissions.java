package org.batteryledger.chaincode.access;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.unit.BatteryUnit;

/**
 * The one place that decides whether a caller may do a thing: role, standing, custody,
 * creatorship, prefix ownership, certification and read tier. Contract and domain code call
 * these checks; none of them re-implements one.
 */
public final class Permissions {
    /** Certificates are issued in China; their validity dates are read on China's calendar. */
    public static final ZoneOffset CERTIFICATION_ZONE = ZoneOffset.ofHours(8);

    /** Roles with a legitimate interest in any unit (EU 2023/1542 Art. 77(2) third subparagraph (a)). */
    private static final Set<Role> LEGITIMATE_ROLES = EnumSet.of(
            Role.REPAIRER, Role.CASCADE_OPERATOR, Role.RECYCLER, Role.DISMANTLER, Role.COLLECTION_POINT,
            Role.SWAP_OPERATOR);

    /** Waste batteries go only to these (2018 办法; 2026 办法): recyclers and collection points. */
    private static final List<Role> WASTE_RECEIVERS = List.of(Role.RECYCLER, Role.COLLECTION_POINT);

    private Permissions() {}

    public static LocalDate certificationDay(Instant txTime) {
        return LocalDate.ofInstant(txTime, CERTIFICATION_ZONE);
    }

    /** The caller's company is active and its role may make this write. */
    public static void require(Caller caller, Action action) {
        requireActive(caller);
        if (!action.allows(caller.role())) {
            throw new LedgerException(LedgerError.FORBIDDEN, "role %s may not %s (allowed: %s)", caller.role(),
                    action, action.roles());
        }
    }

    public static void requireActive(Caller caller) {
        Participant p = caller.participant();
        if (!p.isActive()) {
            throw new LedgerException(LedgerError.FORBIDDEN, "participant %s is %s%s", p.id(), p.status(),
                    p.statusReason() == null ? "" : " (" + p.statusReason() + ")");
        }
    }

    /** Only the current custodian acts on a unit (domain.md §6.3, "Any transfer"). */
    public static void requireCustodian(Caller caller, BatteryUnit unit) {
        if (!unit.holder().equals(caller.participantId())) {
            throw new LedgerException(LedgerError.NOT_CUSTODIAN, "unit %s is held by %s, not by %s", unit.code(),
                    unit.holder(), caller.participantId());
        }
    }

    /** Only the receiver named in the offer answers it. */
    public static void requireNamedReceiver(Caller caller, BatteryUnit unit) {
        if (unit.pendingHandover() == null) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "unit %s has no pending handover", unit.code());
        }
        if (!unit.pendingHandover().to().equals(caller.participantId())) {
            throw new LedgerException(LedgerError.FORBIDDEN, "the handover of %s is offered to %s, not to %s",
                    unit.code(), unit.pendingHandover().to(), caller.participantId());
        }
    }

    /** Binding children is for the parent's creator (domain.md §6.3). */
    public static void requireCreator(Caller caller, BatteryUnit unit) {
        if (!unit.registeredBy().equals(caller.participantId())) {
            throw new LedgerException(LedgerError.FORBIDDEN, "unit %s was registered by %s, not by %s", unit.code(),
                    unit.registeredBy(), caller.participantId());
        }
    }

    /** The operator placing a unit on the market: its creator or the party responsible for it. */
    public static void requireMarketOperator(Caller caller, BatteryUnit unit) {
        String me = caller.participantId();
        if (!unit.registeredBy().equals(me) && !unit.responsible().equals(me)) {
            throw new LedgerException(LedgerError.FORBIDDEN,
                    "only %s (creator) or %s (responsible) may do this for %s", unit.registeredBy(),
                    unit.responsible(), unit.code());
        }
    }

    /** A maker registers codes only under prefixes assigned to it (中机函〔2018〕73号; §6.4). */
    public static void requireOwnsPrefix(Caller caller, String code, String manufacturerCode) {
        if (!caller.participant().owns(manufacturerCode)) {
            throw new LedgerException(LedgerError.FORBIDDEN,
                    "code %s: manufacturer code %s (positions 1-3) is not assigned to %s", code, manufacturerCode,
                    caller.participantId());
        }
    }

    /** The participant holds every certification this role needs, valid on the transaction's day. */
    public static void requireCertified(Participant p, Role role, Instant txTime) {
        LocalDate day = certificationDay(txTime);
        List<CertificationType> missing = p.missingFor(role, day);
        if (!missing.isEmpty()) {
            throw new LedgerException(LedgerError.NOT_CERTIFIED, "%s acting as %s has no valid %s on %s", p.id(), role,
                    missing, day);
        }
    }

    /** Whether a waste unit may be offered to this company: a certified recycler or collection point. */
    public static void requireWasteReceiver(Participant receiver, String code, Instant txTime) {
        LocalDate day = certificationDay(txTime);
        for (Role r : WASTE_RECEIVERS) {
            if (receiver.hasRole(r) && receiver.certifiedFor(r, day)) {
                return;
            }
        }
        throw new LedgerException(LedgerError.NOT_CERTIFIED,
                "waste unit %s may only go to a recycler or collection point with valid certification on %s; %s is not one",
                code, day, receiver.id());
    }

    /** Receiving a waste unit: acting as recycler or collection point, certified. */
    public static void requireWasteReceipt(Caller caller, String code, Instant txTime) {
        if (!WASTE_RECEIVERS.contains(caller.role())) {
            throw new LedgerException(LedgerError.NOT_CERTIFIED,
                    "waste unit %s may only be received by a recycler or collection point, not as %s", code,
                    caller.role());
        }
        requireCertified(caller.participant(), caller.role(), txTime);
    }

    /** The read tier of a caller for one unit; an unknown or inactive caller reads the public tier. */
    public static Tier tier(Caller caller, BatteryUnit unit) {
        if (caller == null || !caller.participant().isActive()) {
            return Tier.PUBLIC;
        }
        if (caller.role().isAuthority()) {
            return Tier.AUTHORITY;
        }
        if (unit == null) {
            return LEGITIMATE_ROLES.contains(caller.role()) ? Tier.LEGITIMATE_INTEREST : Tier.PUBLIC;
        }
        String me = caller.participantId();
        boolean involved = me.equals(unit.holder()) || me.equals(unit.responsible()) || me.equals(unit.registeredBy())
                || (unit.pendingHandover() != null && me.equals(unit.pendingHandover().to()));
        return involved || LEGITIMATE_ROLES.contains(caller.role()) ? Tier.LEGITIMATE_INTEREST : Tier.PUBLIC;
    }

    /** Vehicle records (VIN ↔ packs) are for authorities, the legitimate-interest trades and the vehicle's automaker. */
    public static void requireVehicleReader(Caller caller, String automaker) {
        boolean ok = caller != null && caller.participant().isActive()
                && (caller.role().isAuthority() || LEGITIMATE_ROLES.contains(caller.role())
                        || caller.participantId().equals(automaker));
        if (!ok) {
            throw new LedgerException(LedgerError.FORBIDDEN,
                    "vehicle records are for authorities, the trade (Art. 77(2)) and the vehicle's automaker");
        }
    }

    /**
     * Listings by holder, responsible party or pending receiver reveal who holds what: for that
     * party itself and for authorities.
     */
    public static void requireSelfOrAuthority(Caller caller, String party) {
        boolean ok = caller != null && caller.participant().isActive()
                && (caller.role().isAuthority() || caller.participantId().equals(party));
        if (!ok) {
            throw new LedgerException(LedgerError.FORBIDDEN,
                    "listing the units of %s is for %s itself and for authorities", party, party);
        }
    }
}
