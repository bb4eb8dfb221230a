package org.batteryledger.chaincode.recycling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.lifecycle.UnitRequests;
import org.batteryledger.chaincode.tx.Request;
import org.batteryledger.chaincode.tx.Violations;

/** A recycler's batch as submitted: what went in, what came out, what was recovered. */
public record RecordRecycling(
        String clientEventId,
        Instant occurredAt,
        String batchId,
        RecyclingRoute route,
        List<Input> inputs,
        Map<Element, Long> elementsInput,
        Map<Element, Long> elementsRecovered,
        List<OutputFraction> outputs,
        String reportHash) implements Request {

    /** No single mass above a million tonnes: keeps every product of basis points inside a long. */
    static final long MAX_GRAMS = 1_000_000_000_000L;

    /** One unit in, with its weighed mass. */
    public record Input(String code, long massGrams) {}

    public RecordRecycling {
        elementsInput = elementsInput == null ? Map.of() : elementsInput;
        elementsRecovered = elementsRecovered == null ? Map.of() : elementsRecovered;
        outputs = outputs == null ? List.of() : outputs;
    }

    @Override
    public void validate(Violations v) {
        v.id(batchId, "batchId");
        v.required(route, "route");
        v.notEmpty(inputs, "inputs");
        v.maxSize(inputs, UnitRequests.MAX_UNITS_PER_TX, "inputs");
        if (inputs != null) {
            for (int i = 0; i < inputs.size(); i++) {
                Input in = inputs.get(i);
                v.check(in != null && in.code() != null, "inputs[" + i + "].code", "is required");
                v.check(in == null || (in.massGrams() > 0 && in.massGrams() <= MAX_GRAMS), "inputs[" + i + "].massGrams",
                        "must be between 1 g and 10^12 g");
            }
            v.check(inputs.stream().map(in -> in == null ? null : in.code()).distinct().count() == inputs.size(),
                    "inputs", "lists a unit twice");
        }
        grams(v, elementsInput, "elementsInput");
        grams(v, elementsRecovered, "elementsRecovered");
        for (int i = 0; i < outputs.size(); i++) {
            OutputFraction o = outputs.get(i);
            v.check(o != null && o.name() != null && !o.name().isBlank(), "outputs[" + i + "].name", "is required");
            v.check(o == null || (o.massGrams() >= 0 && o.massGrams() <= MAX_GRAMS), "outputs[" + i + "].massGrams",
                    "must be between 0 and 10^12 g");
        }
        v.hash(reportHash, "reportHash");
    }

    private static void grams(Violations v, Map<Element, Long> map, String field) {
        for (var e : map.entrySet()) {
            v.check(e.getKey() != null, field, "has an unknown element");
            v.check(e.getValue() != null && e.getValue() >= 0 && e.getValue() <= MAX_GRAMS,
                    field + "." + e.getKey(), "must be between 0 and 10^12 g");
        }
    }
}
