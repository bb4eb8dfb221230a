/**
 * Certificates and keys (Bouncy Castle): PEM files, a development CA per MSP issuing users with
 * Fabric-CA-style attributes, and the store that keeps them across restarts. The ledger port
 * signs as a {@link org.batteryledger.app.identity.LedgerUser}; nothing here talks to a ledger.
 */
package org.batteryledger.app.identity;
