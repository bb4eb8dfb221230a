package org.batteryledger.app.demo;

import org.batteryledger.chaincode.participant.Role;

/**
 * A sign-in of the demo: who it is, which company it acts for, in which role and organisation.
 * The security layer makes its accounts from these and the README lists them; the ledger identity
 * of the same name lives in the {@link org.batteryledger.app.identity.IdentityStore}.
 */
public record DemoUser(String username, String displayName, String companyId, String companyName, Role role,
        String mspId) {}
