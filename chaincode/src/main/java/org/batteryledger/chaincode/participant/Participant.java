package org.batteryledger.chaincode.participant;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A company in the registry kept by the regulator. {@code id} is its unified social credit
 * code (GB 32100-2015); {@code mspId} is the Fabric organisation its users' certificates come
 * from; {@code prefixes} are the GB/T 34014 manufacturer codes assigned to it (中机函〔2018〕73号).
 * Lists are kept sorted so the stored JSON is the same on every peer.
 */
public record Participant(
        String id,
        String name,
        List<Role> roles,
        String mspId,
        List<String> prefixes,
        List<Certification> certifications,
        ParticipantStatus status,
        String statusReason,
        Instant registeredAt,
        Instant updatedAt) {

    public Participant {
        roles = List.copyOf(roles);
        prefixes = List.copyOf(prefixes);
        certifications = List.copyOf(certifications);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean isActive() {
        return status == ParticipantStatus.ACTIVE;
    }

    public boolean owns(String manufacturerCode) {
        return prefixes.contains(manufacturerCode);
    }

    /** Whether it holds every certification the role needs, valid on that day. */
    public boolean certifiedFor(Role role, LocalDate day) {
        for (CertificationType needed : CertificationType.requiredFor(role)) {
            boolean held = certifications.stream().anyMatch(c -> c.type() == needed && c.validOn(day));
            if (!held) {
                return false;
            }
        }
        return true;
    }

    /** The certifications the role needs that are missing or not valid on that day. */
    public List<CertificationType> missingFor(Role role, LocalDate day) {
        return CertificationType.requiredFor(role).stream()
                .filter(needed -> certifications.stream().noneMatch(c -> c.type() == needed && c.validOn(day)))
                .toList();
    }

    Participant with(ParticipantStatus newStatus, String reason, Instant at) {
        return new Participant(id, name, roles, mspId, prefixes, certifications, newStatus, reason, registeredAt, at);
    }

    Participant withCertifications(List<Certification> list, Instant at) {
        return new Participant(id, name, roles, mspId, prefixes, list, status, statusReason, registeredAt, at);
    }

    Participant withDetails(String newName, List<Role> newRoles, String newMsp, List<String> newPrefixes, Instant at) {
        return new Participant(id, newName, newRoles, newMsp, newPrefixes, certifications, status, statusReason,
                registeredAt, at);
    }
}
