package org.batteryledger.app.demo;

import java.time.LocalDate;
import java.util.List;
import org.batteryledger.chaincode.participant.Certification;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.ParticipantInput;
import org.batteryledger.chaincode.participant.Role;

/**
 * One company of the demo consortium as the registry holds it (id = unified social credit code,
 * one role, its MSP, its GB/T 34014 prefixes) plus the one app user acting for it.
 */
public record DemoCompany(String id, String name, Role role, String mspId, List<String> prefixes,
        String username, String userDisplayName) {

    /** First and last day of every demo certification. */
    public static final LocalDate CERTIFIED_FROM = LocalDate.of(2020, 1, 1);
    public static final LocalDate CERTIFIED_UNTIL = LocalDate.of(2030, 12, 31);

    public DemoCompany {
        prefixes = List.copyOf(prefixes);
    }

    /** The registry entry, with the certifications the chaincode requires of the role. */
    public ParticipantInput registryEntry() {
        List<Certification> certs = CertificationType.requiredFor(role).stream()
                .sorted()
                .map(t -> new Certification(t, certificateNumber(t), issuer(t), CERTIFIED_FROM, CERTIFIED_UNTIL))
                .toList();
        return new ParticipantInput(id, name, List.of(role), mspId, prefixes, certs);
    }

    public DemoUser user() {
        return new DemoUser(username, userDisplayName, id, name, role, mspId);
    }

    private String certificateNumber(CertificationType type) {
        return switch (type) {
            case WHITELIST -> "MIIT-WL-" + id.substring(8, 14);
            case HAZARDOUS_WASTE_LICENCE -> "HW-" + id.substring(2, 8) + "-" + id.substring(14);
            case COLLECTION_POINT_FILING -> "CPF-" + id.substring(2, 8) + "-" + id.substring(12);
        };
    }

    private static String issuer(CertificationType type) {
        return switch (type) {
            case WHITELIST -> "Ministry of Industry and Information Technology";
            case HAZARDOUS_WASTE_LICENCE -> "Provincial Department of Ecology and Environment";
            case COLLECTION_POINT_FILING -> "National EV Battery Traceability Platform";
        };
    }
}
