package org.batteryledger.chaincode.lifecycle;

import java.time.Instant;
import java.util.List;
import org.batteryledger.chaincode.tx.Request;
import org.batteryledger.chaincode.tx.Violations;
import org.batteryledger.chaincode.unit.UnitSpec;

/** The requests of the lifecycle writes. Every one carries a client event id. */
public final class UnitRequests {
    /**
     * The most units one registration (or one repurposing) may create: keeps the transaction's
     * write set and event well under the 4 MB gRPC default between peer and chaincode service
     * (fabric #4245; about 1 KB of state and event per unit).
     */
    public static final int MAX_UNITS_PER_TX = 500;

    private UnitRequests() {}

    /** One unit to create; {@code children} are codes registered in the same request or already on the ledger. */
    public record NewUnit(String code, UnitSpec spec, String euUniqueId, List<String> children) {
        public NewUnit {
            children = children == null ? List.of() : children;
            spec = spec == null ? UnitSpec.empty() : spec;
        }

        void validate(Violations v, String field) {
            v.required(code, field + ".code");
            v.noNulls(children, field + ".children");
            validateSpec(v, spec, field + ".spec");
        }
    }

    static void validateSpec(Violations v, UnitSpec s, String field) {
        v.text(s.model(), 100, field + ".model");
        v.text(s.chemistry(), 100, field + ".chemistry");
        v.text(s.placeOfManufacture(), 200, field + ".placeOfManufacture");
        v.text(s.extinguishingAgent(), 100, field + ".extinguishingAgent");
        v.nonNegative(s.massGrams(), field + ".massGrams");
        v.nonNegative(s.ratedCapacityMah(), field + ".ratedCapacityMah");
        v.nonNegative(s.nominalVoltageMv(), field + ".nominalVoltageMv");
        v.nonNegative(s.ratedEnergyWh(), field + ".ratedEnergyWh");
        v.nonNegative(s.expectedCycles(), field + ".expectedCycles");
        v.check(s.capacityThresholdPermille() == null
                || (s.capacityThresholdPermille() >= 0 && s.capacityThresholdPermille() <= 1000),
                field + ".capacityThresholdPermille", "must be between 0 and 1000 (per mille of SOCE)");
        v.maxSize(s.hazards(), 20, field + ".hazards");
        v.hash(s.dismantlingInfoHash(), field + ".dismantlingInfoHash");
    }

    public record RegisterUnits(String clientEventId, Instant occurredAt, List<NewUnit> units) implements Request {
        @Override
        public void validate(Violations v) {
            v.notEmpty(units, "units");
            v.maxSize(units, MAX_UNITS_PER_TX, "units");
            if (units != null) {
                for (int i = 0; i < units.size(); i++) {
                    if (units.get(i) == null) {
                        v.required(null, "units[" + i + "]");
                    } else {
                        units.get(i).validate(v, "units[" + i + "]");
                    }
                }
            }
        }
    }

    public record BindChildren(String clientEventId, Instant occurredAt, String parent, List<String> children)
            implements Request {
        @Override
        public void validate(Violations v) {
            v.required(parent, "parent");
            v.notEmpty(children, "children");
            v.maxSize(children, MAX_UNITS_PER_TX, "children");
            v.noNulls(children, "children");
            v.check(children == null || children.stream().distinct().count() == children.size(), "children",
                    "lists a unit twice");
        }
    }

    public record AttachEuId(String clientEventId, Instant occurredAt, String code, String euUniqueId)
            implements Request {
        @Override
        public void validate(Violations v) {
            v.required(code, "code");
            v.required(euUniqueId, "euUniqueId");
        }
    }

    /** An action on one unit that needs nothing else: ship, collect, remove. */
    public record OnUnit(String clientEventId, Instant occurredAt, String code, String note) implements Request {
        @Override
        public void validate(Violations v) {
            v.required(code, "code");
            v.text(note, 500, "note");
        }
    }

    public record Install(String clientEventId, Instant occurredAt, String code, String vin, Integer maxPacks)
            implements Request {
        @Override
        public void validate(Violations v) {
            v.required(code, "code");
            v.required(vin, "vin");
            v.check(maxPacks == null || (maxPacks >= 1 && maxPacks <= 8), "maxPacks",
                    "a vehicle takes 1 to 8 packs");
        }
    }

    public record Sell(String clientEventId, Instant occurredAt, String vin) implements Request {
        @Override
        public void validate(Violations v) {
            v.required(vin, "vin");
        }
    }

    /** Replace (repairer) or swap (swap operator): the pack out, and optionally its replacement in. */
    public record Replace(String clientEventId, Instant occurredAt, String code, String replacement, String note)
            implements Request {
        @Override
        public void validate(Violations v) {
            v.required(code, "code");
            v.check(replacement == null || !replacement.equals(code), "replacement", "must differ from code");
            v.text(note, 500, "note");
        }
    }

    /** 车电一体: every pack bound to the VIN must be presented with the vehicle. */
    public record ScrapVehicle(String clientEventId, Instant occurredAt, String vin, List<String> presentCodes,
            String certificateNumber) implements Request {
        @Override
        public void validate(Violations v) {
            v.required(vin, "vin");
            v.check(presentCodes != null, "presentCodes",
                    "is required: list the pack codes found in the vehicle (may be empty)");
            v.required(certificateNumber, "certificateNumber");
            v.text(certificateNumber, 100, "certificateNumber");
        }
    }

    public record DeclareWaste(String clientEventId, Instant occurredAt, String code, String reason)
            implements Request {
        @Override
        public void validate(Violations v) {
            v.required(code, "code");
            v.required(reason, "reason");
            v.text(reason, 500, "reason");
        }
    }

    /** Detaches the listed children, or all when none are listed (a DETACHED record each, §6.2). */
    public record Dismantle(String clientEventId, Instant occurredAt, String code, List<String> children)
            implements Request {
        @Override
        public void validate(Violations v) {
            v.required(code, "code");
        }
    }

    /** A state-of-health test result (GB/T 34015; EU Annex VII). */
    public record TestResult(int sohPermille, Long remainingEnergyWh, Long remainingCapacityMah, Integer cycleCount,
            Integer negativeEvents, String standard, String lab, String reportHash) {
        void validate(Violations v, String field) {
            v.check(sohPermille >= 0 && sohPermille <= 1000, field + ".sohPermille",
                    "must be between 0 and 1000 (per mille)");
            v.nonNegative(remainingEnergyWh, field + ".remainingEnergyWh");
            v.nonNegative(remainingCapacityMah, field + ".remainingCapacityMah");
            v.nonNegative(cycleCount, field + ".cycleCount");
            v.nonNegative(negativeEvents, field + ".negativeEvents");
            v.required(standard, field + ".standard");
            v.text(standard, 100, field + ".standard");
            v.text(lab, 200, field + ".lab");
            v.hash(reportHash, field + ".reportHash");
        }
    }

    public record Test(String clientEventId, Instant occurredAt, String code, TestResult result) implements Request {
        @Override
        public void validate(Violations v) {
            v.required(code, "code");
            if (result == null) {
                v.required(null, "result");
            } else {
                result.validate(v, "result");
            }
        }
    }

    /** Creates a successor from tested originals (GB/T 34014 §4.2; EU Art. 77). */
    public record Repurpose(String clientEventId, Instant occurredAt, List<String> originals, NewUnit successor,
            Boolean remanufactured) implements Request {
        @Override
        public void validate(Violations v) {
            v.notEmpty(originals, "originals");
            v.maxSize(originals, MAX_UNITS_PER_TX, "originals");
            if (successor == null) {
                v.required(null, "successor");
            } else {
                successor.validate(v, "successor");
                v.check(successor.spec().hasRating(), "successor.spec",
                        "a cascade product needs its re-rated capacity (ratedCapacityMah or ratedEnergyWh)");
                v.check(successor.children().isEmpty(), "successor.children",
                        "a successor is registered without children; bind them afterwards");
            }
        }
    }
}
