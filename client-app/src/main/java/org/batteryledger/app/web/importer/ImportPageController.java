package org.batteryledger.app.web.importer;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Map;
import org.batteryledger.app.api.ApiException;
import org.batteryledger.app.security.CurrentUser;
import org.batteryledger.app.web.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk import of a production batch for battery makers: upload a CSV, then watch its job. Only the
 * contract decides whether this user may register these codes (its prefix rule); a row it refuses
 * is reported with the contract's reason.
 */
@Controller
@Page
class ImportPageController {
    private final ImportJobs jobs;
    private final CurrentUser currentUser;

    ImportPageController(ImportJobs jobs, CurrentUser currentUser) {
        this.jobs = jobs;
        this.currentUser = currentUser;
    }

    @GetMapping("/import")
    String form(Model model) {
        model.addAttribute("columns", Columns.KNOWN);
        return "import";
    }

    /** Starts the job; answers its status URL (the page's script posts here and then polls). */
    @PostMapping("/import")
    @ResponseBody
    ResponseEntity<Map<String, Object>> start(@RequestParam(required = false) String batchId,
            @RequestParam(required = false) MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", "file: choose a CSV file to import");
        }
        ImportJob.Snapshot job;
        try {
            job = jobs.start(currentUser.require(), batchId == null ? null : batchId.trim(), utf8(file.getBytes()));
        } catch (ImportJobs.ImportRefused e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", e.getMessage());
        }
        String status = "/import/jobs/" + job.id();
        return ResponseEntity.accepted().header("Location", status)
                .body(Map.of("id", job.id(), "statusUrl", status, "rows", job.rows()));
    }

    @GetMapping("/import/jobs/{id}")
    @ResponseBody
    ImportJob.Snapshot status(@PathVariable String id) {
        return jobs.status(currentUser.require(), id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "NOT_FOUND", "no import job " + id + " of your company"));
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT",
                    "file: must be UTF-8 text (save the sheet as \"CSV UTF-8\")");
        }
    }
}
