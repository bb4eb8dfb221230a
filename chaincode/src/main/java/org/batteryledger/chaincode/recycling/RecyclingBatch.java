package org.batteryledger.chaincode.recycling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A recycler's record of one treatment batch (GB/T 33598.4 recycling report; EU 2023/1542
 * Art. 71 with Delegated Regulation 2025/606). Masses in integer grams; derived shares in basis
 * points (1/100 of a percent, floor), never floating point. The derived figures are computed by
 * the contract from the masses, not taken from the client.
 */
public record RecyclingBatch(
        String batchId,
        String recycler,
        RecyclingRoute route,
        List<RecyclingInput> inputs,
        Map<Element, Long> elementsInput,
        Map<Element, Long> elementsRecovered,
        List<OutputFraction> outputs,
        long inputMassGrams,
        long outputMassGrams,
        long recyclingMassGrams,
        int recyclingEfficiencyBasisPoints,
        Map<Element, Integer> recoveryBasisPoints,
        String reportHash,
        Instant occurredAt,
        Instant recordedAt,
        String txId) {

    public RecyclingBatch {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        elementsInput = new TreeMap<>(elementsInput);
        elementsRecovered = new TreeMap<>(elementsRecovered);
        recoveryBasisPoints = new TreeMap<>(recoveryBasisPoints);
    }
}
