package org.batteryledger.app.admin;

import java.security.SecureRandom;
import java.util.Base64;
import org.batteryledger.app.security.AppUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the local administrator on the first start, before anything else makes users (the
 * demo seeding runs after this): when no administrator and no user exist yet, or whenever no
 * administrator exists and {@code battery.admin.password} is set. Without that setting the
 * password is random and printed to the log this once; only its hash is stored.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminStartup implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AdminStartup.class);

    private final AdminAccounts admins;
    private final AppUsers users;
    private final AdminSettings settings;
    private final PasswordEncoder encoder;

    AdminStartup(AdminAccounts admins, AppUsers users, AdminSettings settings, PasswordEncoder encoder) {
        this.admins = admins;
        this.users = users;
        this.settings = settings;
        this.encoder = encoder;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean configured = settings.password() != null && !settings.password().isBlank();
        if (admins.count() > 0 || !(configured || users.all().isEmpty())) {
            return;
        }
        if (users.find(settings.username()).isPresent()) {
            LOG.error("no administrator created: '{}' is already a user; set battery.admin.username to another name",
                    settings.username());
            return;
        }
        String password = configured ? settings.password() : randomPassword();
        if (admins.create(settings.username(), encoder.encode(password))) {
            if (configured) {
                LOG.info("administrator '{}' created with the password from battery.admin.password",
                        settings.username());
            } else {
                // Printed once, on purpose: the operator's only way to the first sign-in without a setting.
                LOG.warn("administrator '{}' created; initial password (shown only now, change it with"
                        + " POST /api/admin/password): {}", settings.username(), password);
            }
        }
    }

    private static String randomPassword() {
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
