package org.batteryledger.app.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Bearer tokens for API clients that should not send a password with every call (scanners). */
@RestController
@Tag(name = "Sign-in")
class TokenController {
    static final Duration VALIDITY = Duration.ofHours(12);

    private final AppUsers users;
    private final CurrentUser currentUser;

    TokenController(AppUsers users, CurrentUser currentUser) {
        this.users = users;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Issue a bearer token for the signed-in user (valid 12 hours)")
    @PostMapping("/api/auth/token")
    Map<String, Object> token() {
        AppUser me = currentUser.require();
        return Map.of("token", users.issueToken(me.username(), VALIDITY), "tokenType", "Bearer",
                "expiresInSeconds", VALIDITY.toSeconds());
    }

    @Operation(summary = "Who the signed-in user acts for")
    @GetMapping("/api/auth/me")
    Map<String, Object> me() {
        AppUser me = currentUser.require();
        return Map.of("username", me.username(), "displayName", me.displayName(), "participantId",
                me.participantId(), "companyName", me.companyName(), "role", me.role().name(), "mspId", me.mspId());
    }
}
