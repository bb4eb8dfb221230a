package org.batteryledger.app.config;

import java.util.Map;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.app.demo.DemoData;
import org.batteryledger.app.demo.DemoUser;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.AppUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On a first start with the demo on ({@code battery.demo=true}, the default): the demo
 * companies' identities, their sign-in users (password {@value #DEMO_PASSWORD}, documented in
 * README.md), and a ledger seeded with a few hundred batteries in every state. Idempotent: a
 * restart, or a restart after a crash in the middle of seeding, completes without duplicates.
 */
@Component
class DemoStartup implements ApplicationRunner {
    static final String DEMO_PASSWORD = "ledger-demo";
    private static final Logger LOG = LoggerFactory.getLogger(DemoStartup.class);

    private final BatterySettings settings;
    private final Ledger ledger;
    private final IdentityStore identities;
    private final AppUsers users;
    private final PasswordEncoder encoder;

    DemoStartup(BatterySettings settings, Ledger ledger, IdentityStore identities, AppUsers users,
            PasswordEncoder encoder) {
        this.settings = settings;
        this.ledger = ledger;
        this.identities = identities;
        this.users = users;
        this.encoder = encoder;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.demo()) {
            return;
        }
        Map<String, LedgerUser> ledgerUsers = DemoConsortium.ensureIdentities(identities);
        for (DemoUser u : DemoConsortium.users()) {
            if (users.find(u.username()).isEmpty()) {
                users.save(new AppUser(u.username(), encoder.encode(DEMO_PASSWORD), u.displayName(), u.companyId(),
                        u.companyName(), u.role(), u.mspId(), u.username(), true));
            }
        }
        DemoData.Result result = new DemoData(ledger, ledgerUsers).seedIfEmpty();
        LOG.info("demo data: {} ({} transactions, {} units, {})", result.outcome(), result.transactions(),
                result.units(), result.took());
    }
}
