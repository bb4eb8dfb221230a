package org.batteryledger.app.readmodel;

import java.time.Instant;
import org.batteryledger.chaincode.unit.Status;
import org.springframework.lang.Nullable;

/**
 * Which units a search returns; null fields do not filter. Registration times are a half-open
 * range, {@code registeredFrom} inclusive, {@code registeredBefore} exclusive.
 *
 * <pre>{@code
 * UnitFilter f = UnitFilter.any().holder(recyclerId).status(Status.AT_RECYCLER);
 * }</pre>
 */
public record UnitFilter(
        @Nullable String holder,
        @Nullable Status status,
        @Nullable String responsible,
        @Nullable String vin,
        @Nullable Instant registeredFrom,
        @Nullable Instant registeredBefore) {

    /** No filter: every unit. */
    public static UnitFilter any() {
        return new UnitFilter(null, null, null, null, null, null);
    }

    public UnitFilter holder(@Nullable String value) {
        return new UnitFilter(value, status, responsible, vin, registeredFrom, registeredBefore);
    }

    public UnitFilter status(@Nullable Status value) {
        return new UnitFilter(holder, value, responsible, vin, registeredFrom, registeredBefore);
    }

    public UnitFilter responsible(@Nullable String value) {
        return new UnitFilter(holder, status, value, vin, registeredFrom, registeredBefore);
    }

    public UnitFilter vin(@Nullable String value) {
        return new UnitFilter(holder, status, responsible, value, registeredFrom, registeredBefore);
    }

    public UnitFilter registered(@Nullable Instant from, @Nullable Instant before) {
        return new UnitFilter(holder, status, responsible, vin, from, before);
    }
}
