package org.batteryledger.app.identity;

import org.batteryledger.app.config.BatterySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the one {@link IdentityStore} of the app, under {@code battery.data-dir}, so the embedded
 * ledger, the security layer and the demo seeding all sign with the same persisted identities.
 * The only Spring type in this package.
 */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    @Bean
    public IdentityStore identityStore(BatterySettings settings) {
        return new IdentityStore(settings.dataDir());
    }
}
