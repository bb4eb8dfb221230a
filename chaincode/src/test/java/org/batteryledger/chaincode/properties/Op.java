package org.batteryledger.chaincode.properties;

import org.batteryledger.chaincode.Transactions;

/**
 * One step of a generated operation sequence. Nothing in it refers to ledger state directly: the
 * target, second target, receiver and caller are plain indexes, resolved when the step runs
 * against the units, VINs and parties known at that point of the sequence (modulo their number).
 * That keeps every sequence valid whatever came before it, so jqwik can drop or simplify steps
 * freely while shrinking.
 *
 * @param kind the lifecycle write, or {@link Kind#NEXT}: a write that fits a randomly chosen unit
 * @param plausible call as the party that could legitimately act (the holder, the named receiver,
 *     a party in an allowed role); otherwise as {@code caller} among all parties, any role
 * @param focus pick the target among units in a state where the write could apply; otherwise
 *     among all known units
 * @param caller index of the caller (among all parties, or among the plausible ones)
 * @param target index of the main target (unit or VIN)
 * @param second index of a second unit or VIN (extra code, replacement, child, existing VIN)
 * @param party index of a counterparty (the receiver of an offer)
 * @param variant 0..9, picks a shape of request (some of them deliberately wrong)
 * @param amount 0..1000, scales masses and state-of-health figures
 * @param choice 0..99, for {@link Kind#NEXT}: which of the writes that fit the unit's state
 */
public record Op(Kind kind, boolean plausible, boolean focus, int caller, int target, int second, int party,
        int variant, int amount, int choice) {

    /** The lifecycle writes the generator draws from, with their wire names. */
    public enum Kind {
        REGISTER(Transactions.REGISTER_UNITS),
        SHIP(Transactions.SHIP),
        INSTALL(Transactions.INSTALL),
        SELL(Transactions.SELL),
        REPAIR(Transactions.REPAIR),
        REPLACE(Transactions.REPLACE),
        SWAP(Transactions.SWAP),
        SCRAP(Transactions.SCRAP_VEHICLE),
        REMOVE(Transactions.REMOVE),
        COLLECT(Transactions.COLLECT),
        DECLARE_WASTE(Transactions.DECLARE_WASTE),
        DISMANTLE(Transactions.DISMANTLE),
        TEST(Transactions.TEST),
        REPURPOSE(Transactions.REPURPOSE),
        OFFER(Transactions.OFFER_HANDOVER),
        ACCEPT(Transactions.ACCEPT_HANDOVER),
        REJECT(Transactions.REJECT_HANDOVER),
        CANCEL(Transactions.CANCEL_HANDOVER),
        RECYCLE(Transactions.RECORD_RECYCLING),
        /**
         * Not a transaction of its own: at run time, one of the writes above that fits the state of
         * a randomly chosen free unit (ship a PRODUCED unit, accept an offer, test a unit at the
         * cascade operator, ...), picked by {@link Op#choice()}. It is what lets a sequence of a
         * few dozen steps take units deep into end of life.
         */
        NEXT(null);

        private final String transaction;

        Kind(String transaction) {
            this.transaction = transaction;
        }

        public String transaction() {
            return transaction;
        }
    }

    @Override
    public String toString() {
        return kind + "(" + (plausible ? "plausible" : "any") + (focus ? ",focus" : "") + ",c" + caller + ",t" + target
                + ",s" + second + ",p" + party + ",v" + variant + ",a" + amount + (kind == Kind.NEXT ? ",x" + choice : "")
                + ")";
    }
}
