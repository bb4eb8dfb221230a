package org.batteryledger.app.ledger;

import java.util.Optional;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;

/** The contract refused the transaction: final, retrying the same request gets the same answer. */
public class LedgerRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String txId;

    public LedgerRejectedException(String message, String txId) {
        super(message);
        this.txId = txId;
    }

    /** The contract's stable error code, read from the message prefix. */
    public Optional<LedgerError> code() {
        return LedgerException.codeOf(getMessage());
    }

    public String txId() {
        return txId;
    }
}
