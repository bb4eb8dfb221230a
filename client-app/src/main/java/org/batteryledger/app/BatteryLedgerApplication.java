package org.batteryledger.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The battery ledger's client application: REST API, outbox, read model, and a ledger to talk to. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatteryLedgerApplication {
    public static void main(String[] args) {
        SpringApplication.run(BatteryLedgerApplication.class, args);
    }
}
