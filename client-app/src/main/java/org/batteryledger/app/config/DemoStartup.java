package org.batteryledger.app.config;

import java.util.LinkedHashMap;
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
 * With {@code battery.ledger-mode=FABRIC} nothing is issued: the demo users are those whose
 * identities the network's enrolment put in {@code battery.fabric.identity-dir}, and only the
 * registry of demo companies is written (when every demo company has an identity).
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
        Map<String, LedgerUser> ledgerUsers;
        if (settings.ledgerMode() == BatterySettings.LedgerMode.FABRIC) {
            // The network's enrolment made the identities; a development CA must not stand in for it.
            ledgerUsers = new LinkedHashMap<>();
            for (DemoUser u : DemoConsortium.users()) {
                identities.find(u.username()).ifPresent(user -> ledgerUsers.put(u.username(), user));
            }
        } else {
            ledgerUsers = DemoConsortium.ensureIdentities(identities);
        }
        for (DemoUser u : DemoConsortium.users()) {
            if (!ledgerUsers.containsKey(u.username())) {
                LOG.warn("demo user {} has no identity in battery.fabric.identity-dir: no sign-in made", u.username());
                continue;
            }
            if (users.find(u.username()).isEmpty()) {
                users.save(new AppUser(u.username(), encoder.encode(DEMO_PASSWORD), u.displayName(), u.companyId(),
                        u.companyName(), u.role(), u.mspId(), u.username(), true));
            }
        }
        if (ledgerUsers.size() < DemoConsortium.users().size()) {
            LOG.warn("demo data not seeded: {} of {} demo companies have an identity", ledgerUsers.size(),
                    DemoConsortium.users().size());
            return;
        }
        if (settings.ledgerMode() == BatterySettings.LedgerMode.FABRIC) {
            try {
                int sent = new DemoData(ledger, ledgerUsers).seedRegistry();
                LOG.info("demo registry on Fabric: {} transactions (the demo batteries are seeded on the embedded"
                        + " ledger only)", sent);
            } catch (RuntimeException e) {
                // A network that is down or has its own registry must not stop the app from starting.
                LOG.warn("demo registry not written on Fabric: {}", e.toString());
            }
            return;
        }
        DemoData.Result result = new DemoData(ledger, ledgerUsers).seedIfEmpty();
        LOG.info("demo data: {} ({} transactions, {} units, {})", result.outcome(), result.transactions(),
                result.units(), result.took());
    }
}
