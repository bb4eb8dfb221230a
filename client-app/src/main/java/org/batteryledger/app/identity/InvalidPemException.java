package org.batteryledger.app.identity;

/**
 * A PEM text or file that is not what it should be (no PEM block, corrupt Base64, a key where a
 * certificate was expected, an encrypted key). Thrown instead of a parser's bare exception so the
 * message says which file and what was wrong, which is what an operator importing a Fabric CA
 * identity needs to fix it.
 */
public class InvalidPemException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPemException(String message) {
        super(message);
    }

    public InvalidPemException(String message, Throwable cause) {
        super(message, cause);
    }
}
