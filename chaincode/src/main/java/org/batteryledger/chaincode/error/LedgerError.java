package org.batteryledger.chaincode.error;

/**
 * The stable error codes of the battery contract. Clients in any language read the code from
 * the start of the message (the Gateway drops the payload, fabric-gateway #337) or from the
 * payload where it survives. Codes never change meaning; new ones are only added.
 *
 * <p>The HTTP status a client maps each code to is part of the contract, so it lives here.
 */
public enum LedgerError {
    /** A request is malformed: missing field, wrong type, value out of range. */
    INVALID_ARGUMENT(400),
    /** A GB/T 34014 code (or EU identifier) breaks a rule; the message names position and rule. */
    INVALID_CODE(422),
    /** The unit, participant, batch or handover does not exist. */
    NOT_FOUND(404),
    /** The caller is unknown, suspended, mismatched, or its role may not do this. */
    FORBIDDEN(403),
    /** The caller's role may act, but the caller is not the unit's current custodian. */
    NOT_CUSTODIAN(403),
    /** The lifecycle state machine does not allow this step from the unit's current state. */
    ILLEGAL_TRANSITION(409),
    /** A receiver lacks a certification valid at the transaction's time. */
    NOT_CERTIFIED(422),
    /** A recycling record recovers more than went in, or a share is outside 0–100 %. */
    MASS_BALANCE(422),
    /** The thing already exists (a code, a participant, a prefix), or a client event id was reused with another request. */
    DUPLICATE(409),
    /** Vehicle scrapped without its bound pack (车电一体, 2026 办法). */
    BATTERY_MISSING(422),
    /** A batch or page is over its documented bound. */
    LIMIT_EXCEEDED(400);

    private final int httpStatus;

    LedgerError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status a REST client should answer with for this code. */
    public int httpStatus() {
        return httpStatus;
    }
}
