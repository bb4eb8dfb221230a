package org.batteryledger.app.web;

import org.batteryledger.app.api.ApiException;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.app.security.CurrentUser;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of a page controller: a page with the ledger's refusal in words for the pages, a problem
 * ({@code application/problem+json}, as the API answers) for the JSON their scripts call. Either
 * way with the status code the API would give.
 */
@ControllerAdvice(annotations = Page.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {
    private final CurrentUser currentUser;

    PageErrors(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @ExceptionHandler(LedgerRejectedException.class)
    Object rejected(LedgerRejectedException e, HandlerMethod handler) {
        LedgerError code = e.code().orElse(null);
        return answer(handler, code == null ? 422 : code.httpStatus(), code == null ? "REJECTED" : code.name(),
                e.getMessage());
    }

    /** A code that is not a GB/T 34014 code, from the contract's own parser. */
    @ExceptionHandler(LedgerException.class)
    Object invalid(LedgerException e, HandlerMethod handler) {
        return answer(handler, e.error().httpStatus(), e.error().name(), e.detail());
    }

    @ExceptionHandler(LedgerUnavailableException.class)
    Object unavailable(LedgerUnavailableException e, HandlerMethod handler) {
        return answer(handler, 503, "LEDGER_UNAVAILABLE", e.getMessage());
    }

    @ExceptionHandler(ApiException.class)
    Object api(ApiException e, HandlerMethod handler) {
        return answer(handler, e.status().value(), e.code(), e.getMessage());
    }

    private Object answer(HandlerMethod handler, int status, String code, String detail) {
        if (handler.hasMethodAnnotation(ResponseBody.class)) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
            p.setTitle(code);
            p.setProperty("code", code);
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
        }
        ModelAndView page = new ModelAndView("problem", HttpStatus.valueOf(status));
        page.addObject("me", currentUser.find().orElse(null));
        page.addObject("errorCode", code);
        page.addObject("errorDetail", detail);
        return page;
    }
}
