/**
 * Compliance reports on the read model (domain.md §3, §4, §6.5, §6.6): China's reporting clocks
 * in working days ({@code calendar}, {@code clocks}), producer responsibility per automaker and
 * battery maker ({@code epr}), the EU recycling, recovery, recycled-content and passport checks
 * ({@code targets}), anomaly lists for the regulator ({@code anomalies}) and the CSV, printable
 * and signed exports with their offline verifier ({@code export}). It reads the read model and
 * never writes to the ledger; every figure is a count or sum of projected ledger events, and the
 * signed export names the blocks they came from.
 */
package org.batteryledger.app.compliance;
