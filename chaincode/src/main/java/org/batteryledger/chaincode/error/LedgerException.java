package org.batteryledger.chaincode.error;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The one way the battery contract fails. The message starts with the code
 * ({@code "NOT_FOUND: unit 0AB… is not registered"}) and the payload is the code, so a client
 * can read it from either. Anything other than a {@link ChaincodeException} reaches the client
 * only as "Error during contract method execution", so the contract never throws anything else.
 */
public final class LedgerException extends ChaincodeException {
    private static final long serialVersionUID = 1L;

    private final LedgerError error;
    private final String detail;

    public LedgerException(LedgerError error, String detail) {
        super(error.name() + ": " + detail, error.name().getBytes(StandardCharsets.UTF_8));
        this.error = error;
        this.detail = detail;
    }

    public LedgerException(LedgerError error, String format, Object... args) {
        this(error, String.format(java.util.Locale.ROOT, format, args));
    }

    /** The stable error code. */
    public LedgerError error() {
        return error;
    }

    /** The message without the code prefix: the rule that was broken. */
    public String detail() {
        return detail;
    }

    /** Reads the code back from a message produced by this class, as a client would. */
    public static java.util.Optional<LedgerError> codeOf(String message) {
        if (message == null) {
            return java.util.Optional.empty();
        }
        for (LedgerError e : LedgerError.values()) {
            if (message.startsWith(e.name() + ":") || message.contains(" " + e.name() + ": ")) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }
}
