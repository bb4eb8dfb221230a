package org.batteryledger.app.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.api.ApiException;
import org.batteryledger.app.compliance.anomalies.AnomalyKind;
import org.batteryledger.app.compliance.export.ReportCsv;
import org.batteryledger.app.compliance.export.ReportHtml;
import org.batteryledger.app.compliance.export.SignedReports;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.CurrentUser;
import org.batteryledger.chaincode.error.LedgerError;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Compliance reports and anomaly lists over HTTP, as JSON, CSV, a printable page and a signed
 * export. Who sees what: the authorities (regulator, market surveillance, notified bodies) any
 * company or all; every other company its own figures only ({@code company} defaults to it).
 * Bad parameters are refused as problem+json naming the field and the rule.
 */
@RestController
@Tag(name = "Compliance")
class ComplianceController {
    static final int MAX_LIMIT = 10_000;

    private final ComplianceReports reports;
    private final CurrentUser currentUser;
    private final IdentityStore identities;
    private final Clock clock;

    ComplianceController(ComplianceReports reports, CurrentUser currentUser, IdentityStore identities) {
        this.reports = reports;
        this.currentUser = currentUser;
        this.identities = identities;
        this.clock = Clock.systemUTC();
    }

    @Operation(summary = "The reports available, with the working-day calendar in use")
    @GetMapping("/api/reports")
    Map<String, Object> index() {
        currentUser.require();
        return Map.of("reports", Arrays.stream(ReportName.values())
                        .map(r -> Map.of("name", r.path(), "title", r.title())).toList(),
                "calendar", Map.of("source", reports.calendar().source(), "firstYear", reports.calendar().firstYear(),
                        "lastYear", reports.calendar().lastYear(), "provisionalYears",
                        reports.calendar().provisionalYears()));
    }

    @Operation(summary = "A report as JSON: columns, rows, notes (unconfirmed thresholds are marked)",
            description = "from/to: ISO dates in China time, inclusive (default: this year). company: a participant"
                    + " id (authorities only may omit it or name another company).")
    @GetMapping("/api/reports/{name}")
    Report report(@PathVariable String name, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String company,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String limit) {
        return build(name, from, to, company, kind, limit);
    }

    @Operation(summary = "Anomalies for the regulator (a company sees those concerning itself)")
    @GetMapping("/api/anomalies")
    Report anomalies(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String company, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String limit) {
        return build(ReportName.ANOMALIES.path(), from, to, company, kind, limit);
    }

    @Operation(summary = "A report as CSV")
    @GetMapping("/api/reports/{name}/csv")
    ResponseEntity<String> csv(@PathVariable String name, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String company,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String limit) {
        Report r = build(name, from, to, company, kind, limit);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(r, "csv")).body(ReportCsv.write(r));
    }

    @Operation(summary = "A report as a printable HTML page (print to PDF from the browser)")
    @GetMapping("/api/reports/{name}/print")
    ResponseEntity<String> print(@PathVariable String name, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String company,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String limit) {
        AppUser me = currentUser.require();
        Report r = build(name, from, to, company, kind, limit);
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(ReportHtml.write(r, me.companyName() + " (" + me.participantId() + ")"));
    }

    @Operation(summary = "A signed export: report data, per-cell digests, ledger block hashes, ECDSA signature",
            description = "Signed with the signed-in user's organisation key; check it offline with VerifyCommand"
                    + " (docs/compliance.md).")
    @GetMapping("/api/reports/{name}/signed")
    ResponseEntity<ObjectNode> signed(@PathVariable String name, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String company,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String limit) {
        AppUser me = currentUser.require();
        Query q = query(me, name, from, to, company, kind, limit);
        Report r = reports.report(q.name(), q.period(), q.company(), q.kind(), q.limit());
        List<SignedReports.Block> blocks = reports.blocks(q.period(), q.company(), r.asOfBlock());
        LedgerUser signer = identities.user(me.ledgerIdentity());
        ObjectNode doc = SignedReports.sign(r, blocks, new SignedReports.Issuer(me.participantId(), me.companyName(),
                me.mspId(), me.username()), clock.instant(), signer.certificate(), signer.certificatePem(),
                signer.privateKey());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(r, "signed.json")).body(doc);
    }

    private static String attachment(Report r, String ext) {
        String file = r.name() + "-" + r.parameters().getOrDefault("company", "ALL") + "-"
                + r.parameters().getOrDefault("from", "") + "-" + r.parameters().getOrDefault("to", "") + "." + ext;
        return ContentDisposition.attachment().filename(file.replaceAll("[^A-Za-z0-9._-]", "_")).build().toString();
    }

    private Report build(String name, String from, String to, String company, String kind, String limit) {
        Query q = query(currentUser.require(), name, from, to, company, kind, limit);
        return reports.report(q.name(), q.period(), q.company(), q.kind(), q.limit());
    }

    record Query(ReportName name, Period period, @Nullable String company, @Nullable AnomalyKind kind, int limit) {}

    private Query query(AppUser me, String name, @Nullable String from, @Nullable String to, @Nullable String company,
            @Nullable String kind, @Nullable String limit) {
        ReportName report = ReportName.of(name).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "UNKNOWN_REPORT", "field 'name': '" + name + "' is not a report; one of "
                        + Arrays.stream(ReportName.values()).map(ReportName::path).toList()));
        Period period = period(from, to);
        String who = company == null || company.isBlank() ? null : company.strip();
        if (!me.role().isAuthority()) {
            if (who != null && !who.equals(me.participantId())) {
                throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "field 'company': the reports of another"
                        + " company are for authorities; yours is " + me.participantId());
            }
            who = me.participantId();
        } else if (who != null && !reports.knows(who)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, LedgerError.INVALID_ARGUMENT.name(),
                    "field 'company': no participant '" + who + "' in the registry");
        }
        AnomalyKind k = null;
        if (kind != null && !kind.isBlank()) {
            if (report != ReportName.ANOMALIES) {
                throw invalid("field 'kind': only the anomalies report takes a kind");
            }
            try {
                k = AnomalyKind.valueOf(kind.strip());
            } catch (IllegalArgumentException e) {
                throw invalid("field 'kind': '" + kind + "' is not one of " + Arrays.toString(AnomalyKind.values()));
            }
        }
        int n = 500;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw invalid("field 'limit': must be a whole number between 1 and " + MAX_LIMIT);
            }
        }
        return new Query(report, period, who, k, n);
    }

    private Period period(@Nullable String from, @Nullable String to) {
        boolean hasFrom = from != null && !from.isBlank();
        boolean hasTo = to != null && !to.isBlank();
        if (!hasFrom && !hasTo) {
            return Period.year(LocalDate.now(clock.withZone(Period.CHINA)).getYear());
        }
        if (!hasFrom) {
            throw invalid("field 'from': is required when 'to' is given");
        }
        if (!hasTo) {
            throw invalid("field 'to': is required when 'from' is given");
        }
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        try {
            return new Period(f, t);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid("field '" + field + "': '" + value + "' is not an ISO date (yyyy-MM-dd)");
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, LedgerError.INVALID_ARGUMENT.name(), message);
    }
}
