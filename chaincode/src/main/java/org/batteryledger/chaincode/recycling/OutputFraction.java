package org.batteryledger.chaincode.recycling;

/**
 * An output fraction of a batch (Delegated Regulation (EU) 2025/606: documentation across all
 * output fractions). {@code countsAsRecycling} says whether it enters the recycling-efficiency
 * numerator.
 */
public record OutputFraction(String name, long massGrams, String destination, boolean countsAsRecycling) {}
