package org.batteryledger.app.security;

import org.batteryledger.chaincode.participant.Role;

/**
 * A person who signs in. Each acts for one participant in one role, with its own ledger
 * identity (the certificate stored under {@code ledgerIdentity}).
 */
public record AppUser(String username, String passwordHash, String displayName, String participantId,
        String companyName, Role role, String mspId, String ledgerIdentity, boolean enabled) {}
