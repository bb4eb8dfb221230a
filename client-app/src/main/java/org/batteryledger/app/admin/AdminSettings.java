package org.batteryledger.app.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;

/**
 * The local administrator ({@code battery.admin.*}).
 *
 * @param username the administrator created on first start
 * @param password its initial password; when unset, a random one is printed once to the log.
 *     Only read when the account is created: change it afterwards with
 *     {@code POST /api/admin/password}
 */
@ConfigurationProperties("battery.admin")
public record AdminSettings(@DefaultValue("admin") String username, @Nullable String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "AdminSettings[username=" + username + ", password=" + (password == null ? "(random)" : "(set)") + "]";
    }
}
