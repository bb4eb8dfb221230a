package org.batteryledger.app.compliance.targets;

import java.time.LocalDate;
import org.batteryledger.app.compliance.Evidence;

/**
 * One EU threshold: from {@code inForceFrom} on, {@code subject} (a battery category or an
 * element) must reach {@code basisPoints} (1/100 %).
 *
 * @param clause the clause of Regulation (EU) 2023/1542 and where domain.md gives it
 */
public record EuTarget(String subject, LocalDate inForceFrom, int basisPoints, String clause, Evidence evidence) {}
