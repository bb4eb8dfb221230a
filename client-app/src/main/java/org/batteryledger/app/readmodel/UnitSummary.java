package org.batteryledger.app.readmodel;

import java.time.Instant;
import java.time.LocalDate;
import org.batteryledger.chaincode.code.CodeForm;
import org.batteryledger.chaincode.code.Level;
import org.batteryledger.chaincode.unit.EuStatus;
import org.batteryledger.chaincode.unit.ResponsibilityBasis;
import org.batteryledger.chaincode.unit.Status;
import org.springframework.lang.Nullable;

/**
 * A unit's searchable columns, without its full JSON: what lists and dashboards show. The whole
 * after-state is {@link ReadModelQueries#unit(String)}.
 *
 * @param pendingTo the receiver of an offered, unanswered handover
 * @param lastAction the action of the transaction that made this version (e.g. {@code SHIP})
 * @param lastBlock the block of that transaction
 */
public record UnitSummary(
        String code,
        @Nullable Level level,
        @Nullable CodeForm form,
        @Nullable String manufacturerCode,
        @Nullable String batteryType,
        Status status,
        @Nullable EuStatus euStatus,
        String holder,
        String responsible,
        @Nullable ResponsibilityBasis responsibleBasis,
        @Nullable String vin,
        @Nullable String parent,
        @Nullable String pendingTo,
        @Nullable String registeredBy,
        @Nullable LocalDate productionDate,
        @Nullable Instant registeredAt,
        @Nullable Instant updatedAt,
        String lastAction,
        String lastTxId,
        long lastBlock) {}
