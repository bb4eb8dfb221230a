package org.batteryledger.chaincode.participant;

import java.util.List;
import java.util.regex.Pattern;
import org.batteryledger.chaincode.tx.Violations;

/** A registry entry as the regulator submits it. */
public record ParticipantInput(
        String id, String name, List<Role> roles, String mspId, List<String> prefixes,
        List<Certification> certifications) {

    private static final Pattern MSP = Pattern.compile("[A-Za-z0-9.-]{1,64}");
    private static final Pattern PREFIX = Pattern.compile("[A-Z0-9]{3}");

    public ParticipantInput {
        roles = roles == null ? List.of() : roles;
        prefixes = prefixes == null ? List.of() : prefixes;
        certifications = certifications == null ? List.of() : certifications;
    }

    void validate(Violations v, String field) {
        v.check(id != null && Uscc.problem(id).isEmpty(), field + ".id",
                id == null ? "is required" : Uscc.problem(id).orElse(""));
        v.check(name != null && !name.isBlank() && name.length() <= 200, field + ".name", "needs 1-200 characters");
        v.check(!roles.isEmpty(), field + ".roles", "needs at least one known role");
        v.noNulls(roles, field + ".roles");
        v.check(roles.stream().distinct().count() == roles.size(), field + ".roles", "lists a role twice");
        v.check(mspId != null && MSP.matcher(mspId).matches(), field + ".mspId",
                "must be a Fabric MSP id (1-64 letters, digits, . and -)");
        for (int i = 0; i < prefixes.size(); i++) {
            String p = prefixes.get(i);
            v.check(p != null && PREFIX.matcher(p).matches(), field + ".prefixes[" + i + "]",
                    "a GB/T 34014 manufacturer code is 3 characters of A-Z and 0-9 (§4.3, positions 1-3)");
        }
        v.check(prefixes.stream().distinct().count() == prefixes.size(), field + ".prefixes", "lists a prefix twice");
        v.check(prefixes.isEmpty() || roles.contains(Role.BATTERY_MAKER) || roles.contains(Role.CASCADE_OPERATOR),
                field + ".prefixes",
                "manufacturer codes are assigned to battery makers and cascade-use operators only (中机函〔2018〕73号)");
        for (int i = 0; i < certifications.size(); i++) {
            validateCertification(v, certifications.get(i), field + ".certifications[" + i + "]");
        }
    }

    static void validateCertification(Violations v, Certification c, String field) {
        if (c == null) {
            v.check(false, field, "is required");
            return;
        }
        v.required(c.type(), field + ".type");
        v.check(c.number() != null && !c.number().isBlank() && c.number().length() <= 100, field + ".number",
                "needs 1-100 characters");
        v.text(c.issuer(), 200, field + ".issuer");
        v.required(c.validFrom(), field + ".validFrom");
        v.required(c.validUntil(), field + ".validUntil");
        v.check(c.validFrom() == null || c.validUntil() == null || !c.validUntil().isBefore(c.validFrom()),
                field + ".validUntil", "must not be before validFrom");
    }
}
