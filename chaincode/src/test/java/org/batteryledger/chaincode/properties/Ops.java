package org.batteryledger.chaincode.properties;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.batteryledger.chaincode.properties.Op.Kind;

/**
 * Arbitraries of operation sequences. Every field of an {@link Op} is a small integer or a flag,
 * so jqwik shrinks sequences by dropping steps and lowering numbers.
 *
 * <p>Two steps in five name a write drawn at random from all nineteen (weighted: hand-overs and
 * registrations, which feed everything else, come most often), whatever the state of the world;
 * most of those are rejected. The other three in five are {@link Kind#NEXT}: a write that fits a randomly
 * chosen unit's state. Without them a unit almost never gets past its first steps (it must be
 * registered, shipped, handed over, installed, sold, scrapped, removed, collected and handed over
 * again before end of life begins), and RECYCLED or CONSUMED_INTO_SUCCESSOR would hardly ever be
 * reached in a few dozen steps. Callers stay random either way: 60 % the party that could act,
 * 40 % any party of the consortium.
 */
public final class Ops {
    private Ops() {}

    /** Any write, weighted. */
    static Arbitrary<Kind> anyWrite() {
        return Arbitraries.frequency(
                Tuple.of(6, Kind.REGISTER),
                Tuple.of(6, Kind.SHIP),
                Tuple.of(5, Kind.INSTALL),
                Tuple.of(4, Kind.SELL),
                Tuple.of(2, Kind.REPAIR),
                Tuple.of(3, Kind.REPLACE),
                Tuple.of(3, Kind.SWAP),
                Tuple.of(4, Kind.SCRAP),
                Tuple.of(4, Kind.REMOVE),
                Tuple.of(4, Kind.COLLECT),
                Tuple.of(3, Kind.DECLARE_WASTE),
                Tuple.of(4, Kind.DISMANTLE),
                Tuple.of(3, Kind.TEST),
                Tuple.of(3, Kind.REPURPOSE),
                Tuple.of(9, Kind.OFFER),
                Tuple.of(7, Kind.ACCEPT),
                Tuple.of(3, Kind.REJECT),
                Tuple.of(3, Kind.CANCEL),
                Tuple.of(4, Kind.RECYCLE));
    }

    static Arbitrary<Kind> kinds() {
        return Arbitraries.frequencyOf(Tuple.of(2, anyWrite()), Tuple.of(3, Arbitraries.just(Kind.NEXT)));
    }

    /** One step. 60 % of callers are the party that could act, 80 % of targets fit the write. */
    public static Arbitrary<Op> op() {
        Arbitrary<Boolean> plausible = Arbitraries.integers().between(0, 9).map(i -> i < 6);
        Arbitrary<Boolean> focus = Arbitraries.integers().between(0, 9).map(i -> i < 8);
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 40);
        Arbitrary<Integer> party = Arbitraries.integers().between(0, 10);
        Arbitrary<Integer> variant = Arbitraries.integers().between(0, 9);
        Arbitrary<Integer> amount = Arbitraries.integers().between(0, 1000);
        Arbitrary<Integer> choice = Arbitraries.integers().between(0, 99);
        Arbitrary<int[]> picks = Combinators.combine(party, index, index, party, choice)
                .as((caller, target, second, to, x) -> new int[] {caller, target, second, to, x});
        return Combinators.combine(kinds(), plausible, focus, picks, variant, amount)
                .as((k, p, fo, ix, v, a) -> new Op(k, p, fo, ix[0], ix[1], ix[2], ix[3], v, a, ix[4]));
    }

    public static Arbitrary<List<Op>> sequences(int min, int max) {
        return op().list().ofMinSize(min).ofMaxSize(max).withSizeDistribution(RandomDistribution.uniform());
    }
}
