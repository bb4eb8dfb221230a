package org.batteryledger.app.api;

import org.springframework.http.HttpStatus;

/** A refusal decided by the API layer itself (not by the contract), with its code and status. */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
