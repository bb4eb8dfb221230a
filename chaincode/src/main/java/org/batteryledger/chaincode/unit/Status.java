package org.batteryledger.chaincode.unit;

/**
 * Where a unit is in its life (domain.md §6.2). The transitions between these live in
 * {@code lifecycle.Lifecycle}; here only the facts about each state.
 */
public enum Status {
    PRODUCED,
    IN_STOCK,
    INSTALLED,
    IN_USE,
    REMOVED,
    COLLECTED,
    AT_CASCADE_OPERATOR,
    TESTED,
    /** Repurposed or remanufactured into a successor; the original ends here. */
    CONSUMED_INTO_SUCCESSOR,
    CASCADE_PRODUCED,
    IN_SECOND_USE,
    WASTE,
    AT_RECYCLER,
    /** Final treatment done (溯源规定 Art. 15); the EU passport ceases (EU 2023/1542 Art. 77). */
    RECYCLED;

    public boolean isTerminal() {
        return this == RECYCLED || this == CONSUMED_INTO_SUCCESSOR;
    }

    /** A waste battery: may only go to certified recyclers or collection points. */
    public boolean isWaste() {
        return this == WASTE || this == AT_RECYCLER;
    }
}
