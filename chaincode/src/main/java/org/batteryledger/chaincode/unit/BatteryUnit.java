package org.batteryledger.chaincode.unit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.batteryledger.chaincode.code.CodeForm;
import org.batteryledger.chaincode.code.Level;

/**
 * One pack, module or cell: the asset on the ledger, keyed by its GB/T 34014 code. Immutable;
 * every change makes a new version through {@link #edit()}, and the key history of the unit is
 * its timeline. Code lists are kept sorted so every peer writes the same bytes.
 *
 * <p>Invariants the contract keeps (and the property tests check): exactly one {@code holder};
 * {@code level} equals code position 4; a unit with a {@code parent} moves with it and is not
 * acted on alone; terminal states never change.
 */
public record BatteryUnit(
        String code,
        Level level,
        CodeForm form,
        String manufacturerCode,
        String batteryType,
        String specification,
        String traceability,
        LocalDate productionDate,
        String serial,
        UnitSpec spec,
        String euUniqueId,
        Status status,
        EuStatus euStatus,
        String registeredBy,
        String holder,
        String responsible,
        ResponsibilityBasis responsibleBasis,
        Instant responsibleSince,
        String vin,
        String parent,
        List<String> children,
        List<String> origins,
        List<String> successors,
        PendingHandover pendingHandover,
        StateOfHealth stateOfHealth,
        String recyclingBatch,
        LastEvent lastEvent,
        Instant registeredAt,
        Instant updatedAt,
        long version) {

    public BatteryUnit {
        children = sorted(children);
        origins = sorted(origins);
        successors = sorted(successors);
    }

    private static List<String> sorted(List<String> list) {
        return list == null ? List.of() : List.copyOf(new TreeSet<>(list));
    }

    public boolean isContained() {
        return parent != null;
    }

    public Builder edit() {
        return new Builder(this);
    }

    /** Copy-and-change; {@link #build()} bumps the version. */
    public static final class Builder {
        private final BatteryUnit base;
        private UnitSpec spec;
        private String euUniqueId;
        private Status status;
        private EuStatus euStatus;
        private String holder;
        private String responsible;
        private ResponsibilityBasis responsibleBasis;
        private Instant responsibleSince;
        private String vin;
        private String parent;
        private List<String> children;
        private List<String> successors;
        private PendingHandover pendingHandover;
        private StateOfHealth stateOfHealth;
        private String recyclingBatch;
        private LastEvent lastEvent;
        private Instant updatedAt;

        private Builder(BatteryUnit u) {
            base = u;
            spec = u.spec;
            euUniqueId = u.euUniqueId;
            status = u.status;
            euStatus = u.euStatus;
            holder = u.holder;
            responsible = u.responsible;
            responsibleBasis = u.responsibleBasis;
            responsibleSince = u.responsibleSince;
            vin = u.vin;
            parent = u.parent;
            children = u.children;
            successors = u.successors;
            pendingHandover = u.pendingHandover;
            stateOfHealth = u.stateOfHealth;
            recyclingBatch = u.recyclingBatch;
            lastEvent = u.lastEvent;
            updatedAt = u.updatedAt;
        }

        public Builder spec(UnitSpec v) { spec = v; return this; }
        public Builder euUniqueId(String v) { euUniqueId = v; return this; }
        public Builder status(Status v) { status = v; return this; }
        public Builder euStatus(EuStatus v) { euStatus = v; return this; }
        public Builder holder(String v) { holder = v; return this; }
        public Builder vin(String v) { vin = v; return this; }
        public Builder parent(String v) { parent = v; return this; }
        public Builder children(List<String> v) { children = v; return this; }
        public Builder successors(List<String> v) { successors = v; return this; }
        public Builder pendingHandover(PendingHandover v) { pendingHandover = v; return this; }
        public Builder stateOfHealth(StateOfHealth v) { stateOfHealth = v; return this; }
        public Builder recyclingBatch(String v) { recyclingBatch = v; return this; }

        public Builder responsible(String party, ResponsibilityBasis basis, Instant since) {
            if (!party.equals(responsible) || basis != responsibleBasis) {
                responsible = party;
                responsibleBasis = basis;
                responsibleSince = since;
            }
            return this;
        }

        public Builder event(LastEvent v) {
            lastEvent = v;
            updatedAt = v.recordedAt();
            return this;
        }

        public BatteryUnit build() {
            return new BatteryUnit(base.code, base.level, base.form, base.manufacturerCode, base.batteryType,
                    base.specification, base.traceability, base.productionDate, base.serial, spec, euUniqueId,
                    status, euStatus, base.registeredBy, holder, responsible, responsibleBasis, responsibleSince,
                    vin, parent, children, base.origins, successors, pendingHandover, stateOfHealth, recyclingBatch,
                    lastEvent, base.registeredAt, updatedAt, base.version + 1);
        }
    }
}
