package org.batteryledger.app.api;

import java.net.URI;
import java.util.stream.Collectors;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as {@code application/problem+json}: the contract's error code maps to
 * its HTTP status ({@link LedgerError#httpStatus()}) and the problem names the code and the rule;
 * an unreachable ledger is 503 (the outbox retries writes); anything unexpected is a 500 problem
 * too, never Boot's legacy error JSON.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    static final String TYPE_BASE = "https://battery-ledger.example/problems/";

    @ExceptionHandler(LedgerRejectedException.class)
    ProblemDetail rejected(LedgerRejectedException e) {
        LedgerError code = e.code().orElse(null);
        HttpStatus status = code == null ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.valueOf(code.httpStatus());
        String rule = code == null ? e.getMessage() : e.getMessage().substring(code.name().length() + 2);
        ProblemDetail p = problem(status, code == null ? "REJECTED" : code.name(), rule);
        if (e.txId() != null) {
            p.setProperty("transactionId", e.txId());
        }
        return p;
    }

    /** The contract's rules run in-process too (the scan's code decoding): same codes as from the ledger. */
    @ExceptionHandler(LedgerException.class)
    ProblemDetail contract(LedgerException e) {
        return problem(HttpStatus.valueOf(e.error().httpStatus()), e.error().name(), e.detail());
    }

    @ExceptionHandler(LedgerUnavailableException.class)
    ProblemDetail unavailable(LedgerUnavailableException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "LEDGER_UNAVAILABLE", e.getMessage());
    }

    @ExceptionHandler(ApiException.class)
    ProblemDetail api(ApiException e) {
        return problem(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, LedgerError.INVALID_ARGUMENT.name(),
                "field '" + e.getName() + "': '" + e.getValue() + "' is not a valid value");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        LOG.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "an unexpected error occurred; it was logged");
    }

    @Override
    protected org.springframework.http.ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        String rules = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> "field '" + f.getField() + "': " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return org.springframework.http.ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, LedgerError.INVALID_ARGUMENT.name(), rules));
    }

    @Override
    protected org.springframework.http.ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        return org.springframework.http.ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                LedgerError.INVALID_ARGUMENT.name(), "field '" + ex.getParameterName() + "' is required"));
    }

    static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE_BASE + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        p.setTitle(code);
        p.setProperty("code", code);
        return p;
    }
}
