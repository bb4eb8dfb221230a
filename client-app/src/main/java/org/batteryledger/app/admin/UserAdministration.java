package org.batteryledger.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.batteryledger.app.api.ApiException;
import org.batteryledger.app.api.Readers;
import org.batteryledger.app.api.Writes;
import org.batteryledger.app.identity.FabricCaAttributes;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.AppUsers;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.access.CallerAttributes;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.participant.ParticipantStatus;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.participant.Uscc;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Creates and manages the app's users. A user acts for one registered participant in one of the
 * roles the on-ledger registry gives it, with a ledger identity issued by the development CA of
 * the participant's MSP. Whether the participant exists and holds the role is asked of the ledger
 * ({@code Participants:GetParticipant}), never decided here; what the user may then do is the
 * contract's business.
 */
@Service
class UserAdministration {
    /** The identity store's rule for names (a user's name is also its identity's name). */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 128;

    /** What the administrator sends to create a user. */
    record NewUser(String username, String password, String displayName, String participantId, String role) {}

    /** The first regulator: a user plus the registry entry it bootstraps the registry with. */
    record Bootstrap(String username, String password, String displayName, JsonNode participant) {}

    private final AppUsers users;
    private final AdminAccounts admins;
    private final IdentityStore identities;
    private final Readers readers;
    private final Writes writes;
    private final PasswordEncoder encoder;

    UserAdministration(AppUsers users, AdminAccounts admins, IdentityStore identities, Readers readers, Writes writes,
            PasswordEncoder encoder) {
        this.users = users;
        this.admins = admins;
        this.identities = identities;
        this.readers = readers;
        this.writes = writes;
        this.encoder = encoder;
    }

    AppUser create(NewUser in) {
        List<String> problems = new ArrayList<>();
        checkUsername(in.username(), problems);
        checkPassword(in.password(), "password", problems);
        Role role = null;
        if (in.role() == null || in.role().isBlank()) {
            problems.add("field 'role': is required");
        } else {
            try {
                role = Role.valueOf(in.role().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("field 'role': '" + in.role() + "' is not a role; known: " + List.of(Role.values()));
            }
        }
        if (in.participantId() == null || in.participantId().isBlank()) {
            problems.add("field 'participantId': is required");
        }
        invalidIf(problems);
        requireNameFree(in.username(), true);
        Participant p = registered(in.participantId());
        if (p.status() == ParticipantStatus.REVOKED) {
            invalid("field 'participantId': participant " + p.id() + " is revoked in the registry");
        }
        if (!p.hasRole(role)) {
            invalid("field 'role': the registry gives participant " + p.id() + " the roles " + p.roles() + ", not "
                    + role);
        }
        identities.issue(p.mspId(), in.username(), p.id(), role.name());
        AppUser user = new AppUser(in.username(), encoder.encode(in.password()), displayName(in.displayName(),
                in.username()), p.id(), p.name(), role, p.mspId(), in.username(), true);
        users.save(user);
        return user;
    }

    /**
     * Makes the first regulator: issues its identity, bootstraps the registry with its entry
     * ({@code Participants:Bootstrap}, which the contract only takes while the registry is empty),
     * and keeps the user unless the contract refused.
     */
    ResponseEntity<JsonNode> bootstrap(Bootstrap in) {
        List<String> problems = new ArrayList<>();
        checkUsername(in.username(), problems);
        checkPassword(in.password(), "password", problems);
        if (in.participant() == null || !in.participant().isObject()) {
            problems.add("field 'participant': the regulator's registry entry {id, name, roles, mspId} is required");
        }
        invalidIf(problems);
        JsonNode entry = in.participant();
        String id = entry.path("id").asText("");
        String mspId = entry.path("mspId").asText("");
        // Checked before the identity is issued, since they go into its certificate (the contract checks the rest).
        Uscc.problem(id).ifPresent(p -> problems.add("field 'participant.id': " + (id.isEmpty() ? "is required" : p)));
        if (!MSP_ID.matcher(mspId).matches()) {
            problems.add("field 'participant.mspId': must be a Fabric MSP id (1-64 letters, digits, '.' and '-')");
        }
        invalidIf(problems);
        requireNameFree(in.username(), false);
        identities.find(in.username()).ifPresent(existing -> {
            Map<String, String> attrs = FabricCaAttributes.read(existing.certificate());
            if (!existing.mspId().equals(mspId) || !id.equals(attrs.get(CallerAttributes.PARTICIPANT))
                    || !Role.REGULATOR.name().equals(attrs.get(CallerAttributes.ROLE))) {
                throw new ApiException(HttpStatus.CONFLICT, LedgerError.DUPLICATE.name(), "field 'username': a"
                        + " ledger identity named '" + in.username() + "' exists already for another participant");
            }
        });
        JsonNode page = readers.evaluate(Transactions.LIST_PARTICIPANTS, "1", "");
        if (page.path("items").size() > 0) {
            throw new ApiException(HttpStatus.CONFLICT, LedgerError.DUPLICATE.name(),
                    "the registry already has its first regulator: register participants as a regulator"
                            + " (POST /api/participants) and create their users with POST /api/admin/users");
        }
        // Re-used when a bootstrap attempt was refused before: the same name, MSP and attributes.
        identities.issueIfAbsent(mspId, in.username(), id, Role.REGULATOR.name());
        AppUser user = new AppUser(in.username(), encoder.encode(in.password()), displayName(in.displayName(),
                in.username()), id, entry.path("name").asText(id), Role.REGULATOR, mspId, in.username(), true);
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("clientEventId", "bootstrap-" + UUID.randomUUID());
        request.set("participant", entry);
        ResponseEntity<JsonNode> answer = writes.submit(user, Transactions.BOOTSTRAP, request, null);
        users.save(user); // committed (201) or queued (202); a refusal threw before this line
        return answer;
    }

    List<AppUser> all() {
        return users.all();
    }

    void setEnabled(String username, boolean enabled) {
        if (!users.setEnabled(username, enabled)) {
            throw notFound(username);
        }
    }

    void setPassword(String username, String password) {
        List<String> problems = new ArrayList<>();
        checkPassword(password, "password", problems);
        invalidIf(problems);
        if (!users.setPasswordHash(username, encoder.encode(password))) {
            throw notFound(username);
        }
    }

    int revokeTokens(String username) {
        if (users.find(username).isEmpty()) {
            throw notFound(username);
        }
        return users.revokeTokens(username);
    }

    void setAdminPassword(String admin, String password) {
        List<String> problems = new ArrayList<>();
        checkPassword(password, "password", problems);
        invalidIf(problems);
        admins.setPasswordHash(admin, encoder.encode(password));
    }

    /** The participant as the on-ledger registry has it. */
    private Participant registered(String participantId) {
        try {
            return Json.mapper().treeToValue(readers.evaluate(Transactions.GET_PARTICIPANT, participantId),
                    Participant.class);
        } catch (LedgerRejectedException e) {
            if (e.code().filter(c -> c == LedgerError.NOT_FOUND || c == LedgerError.INVALID_ARGUMENT).isPresent()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, LedgerError.INVALID_ARGUMENT.name(),
                        "field 'participantId': unknown participant " + participantId
                                + ": it is not in the on-ledger registry (a regulator registers it first)");
            }
            throw e;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the registry's answer for " + participantId + " is unreadable", e);
        }
    }

    private void requireNameFree(String username, boolean identityToo) {
        if (users.find(username).isPresent() || admins.find(username).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, LedgerError.DUPLICATE.name(),
                    "field 'username': user '" + username + "' exists already");
        }
        if (identityToo && identities.find(username).isPresent()) {
            // Only a refused bootstrap leaves an identity without a user; it is reused there, not here.
            throw new ApiException(HttpStatus.CONFLICT, LedgerError.DUPLICATE.name(),
                    "field 'username': a ledger identity named '" + username + "' exists already under msp/");
        }
    }

    private static void checkUsername(String username, List<String> problems) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            problems.add("field 'username': must be 1-64 characters of letters, digits, '.', '_', '@' and '-',"
                    + " starting with a letter or digit");
        }
    }

    static void checkPassword(String password, String field, List<String> problems) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            problems.add("field '" + field + "': must be " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
        }
    }

    private static String displayName(String given, String username) {
        return given == null || given.isBlank() ? username : given.trim();
    }

    private static void invalidIf(List<String> problems) {
        if (!problems.isEmpty()) {
            invalid(String.join("; ", problems));
        }
    }

    private static void invalid(String detail) {
        throw new ApiException(HttpStatus.BAD_REQUEST, LedgerError.INVALID_ARGUMENT.name(), detail);
    }

    private static ApiException notFound(String username) {
        return new ApiException(HttpStatus.NOT_FOUND, LedgerError.NOT_FOUND.name(), "no user '" + username + "'");
    }
}
