package org.batteryledger.chaincode.participant;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.tx.TxContext;

/**
 * The registry's rules (domain.md §6.1 Organization): one entry per unified social credit
 * code, each manufacturer prefix owned by one company, REVOKED final, a regulator never
 * changing its own standing (it would lock the registry).
 */
public final class Registry {
    private Registry() {}

    public static void bootstrap(TxContext tx, ParticipantRequests.Register req) {
        Participants ps = tx.participants();
        if (ps.isBootstrapped()) {
            throw new LedgerException(LedgerError.DUPLICATE, "the registry already has its first regulator");
        }
        if (!req.participant().roles().contains(Role.REGULATOR)) {
            throw new LedgerException(LedgerError.FORBIDDEN, "the first participant must be a regulator");
        }
        Participant p = create(tx, req.participant());
        ps.markBootstrapped(p.id());
    }

    public static void register(TxContext tx, ParticipantRequests.Register req) {
        create(tx, req.participant());
    }

    private static Participant create(TxContext tx, ParticipantInput in) {
        Participants ps = tx.participants();
        if (ps.find(in.id()).isPresent()) {
            throw new LedgerException(LedgerError.DUPLICATE, "participant %s is already registered", in.id());
        }
        requirePrefixesFree(ps, in.id(), in.prefixes());
        Participant p = new Participant(in.id(), in.name(), sortedRoles(in.roles()), in.mspId(),
                List.copyOf(new TreeSet<>(in.prefixes())), sortedCerts(in.certifications()), ParticipantStatus.ACTIVE,
                null, tx.now(), tx.now());
        save(tx, null, p);
        return p;
    }

    public static void update(TxContext tx, ParticipantRequests.Update req) {
        ParticipantInput in = req.participant();
        Participant before = tx.participants().require(in.id());
        requireNotRevoked(before);
        requirePrefixesFree(tx.participants(), in.id(), in.prefixes());
        if (before.id().equals(tx.caller().participantId()) && !in.roles().contains(Role.REGULATOR)) {
            throw new LedgerException(LedgerError.FORBIDDEN, "a regulator may not remove its own regulator role");
        }
        save(tx, before, before.withDetails(in.name(), sortedRoles(in.roles()), in.mspId(),
                List.copyOf(new TreeSet<>(in.prefixes())), tx.now()));
    }

    public static void certify(TxContext tx, ParticipantRequests.Certify req) {
        Participant before = tx.participants().require(req.participantId());
        requireNotRevoked(before);
        List<Certification> certs = new ArrayList<>();
        for (Certification c : before.certifications()) {
            if (!(c.type() == req.certification().type() && c.number().equals(req.certification().number()))) {
                certs.add(c);
            }
        }
        certs.add(req.certification());
        save(tx, before, before.withCertifications(sortedCerts(certs), tx.now()));
    }

    public static void suspend(TxContext tx, ParticipantRequests.Standing req) {
        Participant before = standingChange(tx, req);
        if (before.status() != ParticipantStatus.ACTIVE) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "participant %s is %s, not ACTIVE", before.id(),
                    before.status());
        }
        save(tx, before, before.with(ParticipantStatus.SUSPENDED, req.reason(), tx.now()));
    }

    public static void reinstate(TxContext tx, ParticipantRequests.Standing req) {
        Participant before = standingChange(tx, req);
        if (before.status() != ParticipantStatus.SUSPENDED) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "participant %s is %s, not SUSPENDED",
                    before.id(), before.status());
        }
        save(tx, before, before.with(ParticipantStatus.ACTIVE, null, tx.now()));
    }

    public static void revoke(TxContext tx, ParticipantRequests.Standing req) {
        Participant before = standingChange(tx, req);
        save(tx, before, before.with(ParticipantStatus.REVOKED, req.reason(), tx.now()));
    }

    private static Participant standingChange(TxContext tx, ParticipantRequests.Standing req) {
        Participant before = tx.participants().require(req.participantId());
        if (before.id().equals(tx.caller().participantId())) {
            throw new LedgerException(LedgerError.FORBIDDEN, "a regulator may not change its own standing");
        }
        requireNotRevoked(before);
        return before;
    }

    private static void requireNotRevoked(Participant p) {
        if (p.status() == ParticipantStatus.REVOKED) {
            throw new LedgerException(LedgerError.ILLEGAL_TRANSITION, "participant %s is REVOKED, which is final",
                    p.id());
        }
    }

    private static void requirePrefixesFree(Participants ps, String id, List<String> prefixes) {
        for (String prefix : prefixes) {
            ps.ownerOfPrefix(prefix).filter(owner -> !owner.equals(id)).ifPresent(owner -> {
                throw new LedgerException(LedgerError.DUPLICATE, "manufacturer code %s is already assigned to %s",
                        prefix, owner);
            });
        }
    }

    private static void save(TxContext tx, Participant before, Participant after) {
        tx.participants().put(before, after);
        tx.recordParticipant(after);
        tx.detail("participant", after.id());
    }

    private static List<Role> sortedRoles(List<Role> roles) {
        return List.copyOf(new TreeSet<>(roles));
    }

    private static List<Certification> sortedCerts(List<Certification> certs) {
        List<Certification> list = new ArrayList<>(certs);
        list.sort(java.util.Comparator.comparing(Certification::type).thenComparing(Certification::number));
        return List.copyOf(list);
    }
}
