package org.batteryledger.app.compliance;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.participant.Role;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The participant registry as the read model holds it (a few hundred rows at most), loaded once
 * per report: who a company is and which certifications it held on a given day.
 */
public final class Participants {
    /**
     * Who may receive an end-of-life battery (2018 办法, 2026 办法; domain.md §6.4 destination
     * eligibility): collection channels and the comprehensive-utilisation enterprises.
     */
    static final Set<Role> END_OF_LIFE_RECEIVERS = EnumSet.of(Role.COLLECTION_POINT, Role.DISMANTLER,
            Role.CASCADE_OPERATOR, Role.RECYCLER, Role.AUTOMAKER, Role.IMPORTER, Role.BATTERY_MAKER);

    private final Map<String, Participant> byId;

    private Participants(Map<String, Participant> byId) {
        this.byId = byId;
    }

    public static Participants load(JdbcTemplate jdbc) {
        Map<String, Participant> map = new HashMap<>();
        jdbc.query("SELECT id, participant_json FROM rm_participant", rs -> {
            map.put(rs.getString(1), Json.read(rs.getString(2).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Participant.class));
        });
        return new Participants(map);
    }

    public Optional<Participant> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public String name(String id) {
        Participant p = byId.get(id);
        return p == null ? id : p.name();
    }

    public List<Participant> all() {
        return List.copyOf(byId.values());
    }

    /**
     * Why receiving an end-of-life battery in {@code role} on {@code day} was not allowed to this
     * company, or empty when it was: an unknown company, a role outside the collection and
     * utilisation chain, or a certification (white-list, hazardous-waste licence, collection-point
     * filing) missing or expired that day.
     */
    public Optional<String> uncertifiedReason(String id, String role, LocalDate day) {
        Participant p = byId.get(id);
        if (p == null) {
            return Optional.of("not in the participant registry");
        }
        Role r;
        try {
            r = Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            return Optional.of("unknown role " + role);
        }
        if (!END_OF_LIFE_RECEIVERS.contains(r)) {
            return Optional.of("role " + r + " may not receive end-of-life batteries");
        }
        List<CertificationType> missing = p.missingFor(r, day);
        return missing.isEmpty() ? Optional.empty() : Optional.of("lacks " + missing + " valid on " + day);
    }
}
