package org.batteryledger.chaincode.recycling;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;

/**
 * Mass balance of a recycling batch (domain.md §6.4): nothing comes out that did not go in.
 * Output mass ≤ input mass; per element, recovered ≤ input; the elements in the input weigh no
 * more than the input; recovered elements weigh no more than the outputs that hold them. Every
 * share derived from these lies in 0–100 % by construction. Pure arithmetic on integers.
 */
public final class MassBalance {
    private MassBalance() {}

    public record Figures(long inputGrams, long outputGrams, long recyclingGrams, int efficiencyBasisPoints,
            Map<Element, Integer> recoveryBasisPoints) {}

    public static Figures check(long inputGrams, Map<Element, Long> elementsInput, Map<Element, Long> elementsRecovered,
            List<OutputFraction> outputs) {
        List<String> broken = new ArrayList<>();
        long outputGrams = 0;
        long recyclingGrams = 0;
        for (OutputFraction o : outputs) {
            outputGrams += o.massGrams();
            if (o.countsAsRecycling()) {
                recyclingGrams += o.massGrams();
            }
        }
        if (outputGrams > inputGrams) {
            broken.add("outputs weigh " + outputGrams + " g, more than the " + inputGrams + " g that went in");
        }
        long elementsIn = 0;
        for (long g : elementsInput.values()) {
            elementsIn += g;
        }
        if (elementsIn > inputGrams) {
            broken.add("the elements declared in the input weigh " + elementsIn + " g, more than the input's "
                    + inputGrams + " g");
        }
        long recovered = 0;
        Map<Element, Integer> shares = new EnumMap<>(Element.class);
        for (var e : elementsRecovered.entrySet()) {
            long in = elementsInput.getOrDefault(e.getKey(), 0L);
            recovered += e.getValue();
            if (e.getValue() > in) {
                broken.add(e.getKey() + " recovered " + e.getValue() + " g, more than the " + in + " g in the input");
            } else if (in > 0) {
                shares.put(e.getKey(), basisPoints(e.getValue(), in));
            }
        }
        for (var e : elementsInput.entrySet()) {
            if (e.getValue() > 0) {
                shares.putIfAbsent(e.getKey(), basisPoints(elementsRecovered.getOrDefault(e.getKey(), 0L), e.getValue()));
            }
        }
        if (recovered > outputGrams) {
            broken.add("recovered elements weigh " + recovered + " g, more than all outputs (" + outputGrams + " g)");
        }
        if (!broken.isEmpty()) {
            throw new LedgerException(LedgerError.MASS_BALANCE, String.join("; ", broken));
        }
        int efficiency = inputGrams == 0 ? 0 : basisPoints(recyclingGrams, inputGrams);
        return new Figures(inputGrams, outputGrams, recyclingGrams, efficiency, shares);
    }

    /** part / whole in basis points, rounded down; part ≤ whole, so 0 to 10,000. */
    static int basisPoints(long part, long whole) {
        return (int) (Math.multiplyExact(part, 10_000L) / whole);
    }
}
