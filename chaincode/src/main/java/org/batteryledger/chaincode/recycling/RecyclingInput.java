package org.batteryledger.chaincode.recycling;

/** One unit fed into a batch, with its weighed mass and battery type (GB/T 34014 position 5). */
public record RecyclingInput(String code, long massGrams, String batteryType) {}
