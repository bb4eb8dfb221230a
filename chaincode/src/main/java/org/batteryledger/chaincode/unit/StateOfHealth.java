package org.batteryledger.chaincode.unit;

import java.time.Instant;

/**
 * The latest state-of-health test (GB/T 34015 余能检测; EU Annex VII, Annex XIII point 4(b)).
 * Per mille and integers, never floating point. {@code reportHash} is authority-tier data.
 */
public record StateOfHealth(
        int sohPermille,
        Long remainingEnergyWh,
        Long remainingCapacityMah,
        Integer cycleCount,
        Integer negativeEvents,
        String standard,
        String lab,
        String reportHash,
        Instant testedAt) {}
