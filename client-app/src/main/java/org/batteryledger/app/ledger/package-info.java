/**
 * The ledger port: {@link org.batteryledger.app.ledger.Ledger} and what it returns. Only this
 * package and its sub-packages touch Fabric or embedded-ledger types; the rest of the
 * application sees the port and the chaincode's own domain types and error codes.
 */
package org.batteryledger.app.ledger;
