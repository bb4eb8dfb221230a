package org.batteryledger.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.security.AppUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** User administration, for the local administrator only (HTTP Basic; see {@link AdminAccounts}). */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "Administration")
class AdminController {
    private final UserAdministration admin;

    AdminController(UserAdministration admin) {
        this.admin = admin;
    }

    @Operation(summary = "Create a user for a registered participant in one of its registry roles",
            description = "Body: {username, password (12-128), displayName, participantId, role}. Issues the"
                    + " user's ledger identity from the development CA of the participant's MSP.")
    @PostMapping("/users")
    ResponseEntity<Map<String, Object>> create(@RequestBody UserAdministration.NewUser body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(view(admin.create(body)));
    }

    @Operation(summary = "Create the first regulator and bootstrap the empty registry with its entry",
            description = "Body: {username, password, displayName, participant: {id, name, roles: [REGULATOR],"
                    + " mspId}}. Refused once the registry has its first regulator.")
    @PostMapping("/bootstrap")
    ResponseEntity<JsonNode> bootstrap(@RequestBody UserAdministration.Bootstrap body) {
        return admin.bootstrap(body);
    }

    @Operation(summary = "Every user (never a password hash)")
    @GetMapping("/users")
    List<Map<String, Object>> all() {
        return admin.all().stream().map(AdminController::view).toList();
    }

    @Operation(summary = "Disable a user: no sign-in, tokens revoked")
    @PostMapping("/users/{username}/disable")
    Map<String, Object> disable(@PathVariable String username) {
        admin.setEnabled(username, false);
        return Map.of("username", username, "enabled", false);
    }

    @Operation(summary = "Enable a user again")
    @PostMapping("/users/{username}/enable")
    Map<String, Object> enable(@PathVariable String username) {
        admin.setEnabled(username, true);
        return Map.of("username", username, "enabled", true);
    }

    @Operation(summary = "Set a new password for a user (its tokens are revoked)", description = "Body: {password}")
    @PostMapping("/users/{username}/password")
    Map<String, Object> password(@PathVariable String username, @RequestBody Map<String, String> body) {
        admin.setPassword(username, body.get("password"));
        return Map.of("username", username, "passwordChanged", true);
    }

    @Operation(summary = "Revoke every bearer token of a user")
    @DeleteMapping("/users/{username}/tokens")
    Map<String, Object> revokeTokens(@PathVariable String username) {
        return Map.of("username", username, "revoked", admin.revokeTokens(username));
    }

    @Operation(summary = "Change the signed-in administrator's own password", description = "Body: {password}")
    @PostMapping("/password")
    Map<String, Object> ownPassword(Principal me, @RequestBody Map<String, String> body) {
        admin.setAdminPassword(me.getName(), body.get("password"));
        return Map.of("username", me.getName(), "passwordChanged", true);
    }

    private static Map<String, Object> view(AppUser u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", u.username());
        out.put("displayName", u.displayName());
        out.put("participantId", u.participantId());
        out.put("companyName", u.companyName());
        out.put("role", u.role().name());
        out.put("mspId", u.mspId());
        out.put("ledgerIdentity", u.ledgerIdentity());
        out.put("enabled", u.enabled());
        return out;
    }
}
