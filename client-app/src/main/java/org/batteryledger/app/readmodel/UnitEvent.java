package org.batteryledger.app.readmodel;

import java.time.Instant;
import org.batteryledger.chaincode.unit.Status;
import org.springframework.lang.Nullable;

/**
 * What one transaction did to one unit: a line of the unit's timeline, and the raw material of
 * compliance reports (reporting clocks start at {@code occurredAt}).
 *
 * @param action the contract's action (e.g. {@code SHIP}, {@code ACCEPT_HANDOVER})
 * @param fromStatus the status before; null for a unit the transaction created
 * @param toStatus the status after (equal to {@code fromStatus} when only custody or data changed)
 * @param participant the participant that made the transaction, acting in {@code role}
 * @param counterparty the other side, where the action has one (handover receiver or sender)
 * @param occurredAt when it happened in the world, as the request said (else the transaction time)
 * @param recordedAt the transaction time
 */
public record UnitEvent(
        long blockNumber,
        int txIndex,
        String code,
        String txId,
        String action,
        @Nullable Status fromStatus,
        Status toStatus,
        @Nullable String participant,
        @Nullable String role,
        @Nullable String counterparty,
        Instant occurredAt,
        Instant recordedAt) {}
