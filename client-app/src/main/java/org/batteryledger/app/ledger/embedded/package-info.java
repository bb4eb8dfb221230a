/**
 * The embedded ledger: the chaincode's contracts run in-process through the shim's contract router
 * over an H2 file, with Fabric's semantics (endorse by simulation, order into blocks, validate
 * read versions, commit atomically, hash-chain the blocks, deliver events). Plain JDBC, no Spring:
 * the application wraps {@link org.batteryledger.app.ledger.embedded.EmbeddedLedger} in a bean.
 */
package org.batteryledger.app.ledger.embedded;
