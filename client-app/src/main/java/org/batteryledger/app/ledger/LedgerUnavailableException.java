package org.batteryledger.app.ledger;

/**
 * The ledger could not be reached, the transaction lost an MVCC race, or a deadline passed.
 * Retry with the same client event id: the contract answers a repeat with its first result.
 */
public class LedgerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean mvccConflict;

    public LedgerUnavailableException(String message, Throwable cause, boolean mvccConflict) {
        super(message, cause);
        this.mvccConflict = mvccConflict;
    }

    public LedgerUnavailableException(String message) {
        this(message, null, false);
    }

    /** True when a read of this transaction was overwritten before it committed (Fabric MVCC_READ_CONFLICT). */
    public boolean isMvccConflict() {
        return mvccConflict;
    }
}
