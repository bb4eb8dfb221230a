/**
 * GB/T 34014-2017 traction-battery codes and EU battery identifiers: the one place that knows
 * what a code looks like.
 *
 * <p>This package owns:
 * <ul>
 *   <li>the layout of the 24-character standard code and the 19-character cascade-use form
 *       (GB/T 34014-2017 §4.2, §4.3; domain.md §1.3, §1.6) and the field-by-field validation of
 *       domain.md §6.4 ({@link org.batteryledger.chaincode.code.BatteryCodeParser});</li>
 *   <li>the code tables that the sources disagree on (battery type, date alphabet, day aliases;
 *       domain.md §1.4, §1.5) as data, not code ({@link org.batteryledger.chaincode.code.CodeTables}),
 *       so an operator can correct them without a chaincode release;</li>
 *   <li>the product levels and which level may contain which
 *       ({@link org.batteryledger.chaincode.code.Level});</li>
 *   <li>the EU Battery Regulation unique identifier ({@link org.batteryledger.chaincode.code.EuUniqueId}).</li>
 * </ul>
 *
 * <p>It does not know about the ledger: uniqueness, prefix ownership and hierarchy binding
 * (domain.md §6.4) are checked by the contract against world state. Everything here is pure,
 * deterministic and thread-safe, so every endorsing peer reaches the same verdict.
 */
package org.batteryledger.chaincode.code;
