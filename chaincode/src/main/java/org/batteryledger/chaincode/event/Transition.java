package org.batteryledger.chaincode.event;

import org.batteryledger.chaincode.unit.Status;

/** A unit's status before and after one transaction ({@code from} is null for a new unit). */
public record Transition(String code, Status from, Status to) {}
