package org.batteryledger.app.security;

import org.batteryledger.app.api.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in user of the current request, or none (public passport). */
@Component
public class CurrentUser {
    private final AppUsers users;

    public CurrentUser(AppUsers users) {
        this.users = users;
    }

    public java.util.Optional<AppUser> find() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || "anonymousUser".equals(a.getPrincipal())) {
            return java.util.Optional.empty();
        }
        return users.find(a.getName());
    }

    public AppUser require() {
        return find().orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first"));
    }
}
