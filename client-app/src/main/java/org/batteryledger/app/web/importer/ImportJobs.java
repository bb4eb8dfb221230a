package org.batteryledger.app.web.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.batteryledger.app.api.Readers;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.app.outbox.Outbox;
import org.batteryledger.app.outbox.OutboxConflictException;
import org.batteryledger.app.outbox.OutboxEntry;
import org.batteryledger.app.outbox.OutboxSender;
import org.batteryledger.app.outbox.OutboxStatus;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.web.importer.ImportJob.RowError;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Imports a production batch from CSV: checks every row (columns here, the code by asking the
 * ledger's own parser), then registers each valid row through the outbox with the event id
 * {@code import:<batch>:<code>}. Sending the same file again therefore registers nothing twice:
 * the outbox answers a repeat with the first result. Jobs run one at a time in the background; the
 * page polls {@link #status}. Jobs are kept in memory (the last {@value #KEEP} ones): after a restart
 * the outbox still holds every write, and sending the file again reports where each row stands.
 */
@Service
public class ImportJobs implements DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
    static final int KEEP = 50;
    /** Rows per file: a production batch, not a data migration. */
    static final int MAX_ROWS = 10_000;
    static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a job waits for the ledger before it reports the rest as still pending. */
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(10);

    private final Readers readers;
    private final Outbox outbox;
    private final OutboxSender sender;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "csv-import");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ImportJob> jobs = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ImportJob> eldest) {
                    return size() > KEEP;
                }
            });

    public ImportJobs(Readers readers, Outbox outbox, OutboxSender sender) {
        this.readers = readers;
        this.outbox = outbox;
        this.sender = sender;
        this.clock = Clock.systemUTC();
    }

    /** Starts an import; bad batch ids and files that are not CSV are refused at once. */
    ImportJob.Snapshot start(AppUser user, String batchId, String csvText) {
        if (batchId == null || !BATCH_ID.matcher(batchId).matches()) {
            throw new ImportRefused("batchId", "must be 1–40 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit");
        }
        List<Csv.Line> lines = Csv.parse(csvText);
        if (lines.isEmpty()) {
            throw new ImportRefused("file", "is empty; the first line must name the columns, e.g. code,model");
        }
        if (lines.size() - 1 > MAX_ROWS) {
            throw new ImportRefused("file", "has " + (lines.size() - 1) + " rows; at most " + MAX_ROWS
                    + " rows a file");
        }
        Columns columns = Columns.of(lines.get(0).fields());
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), batchId, user.participantId(), clock.instant());
        job.rows(lines.size() - 1);
        jobs.put(job.id(), job);
        executor.execute(() -> run(job, user, batchId, columns, lines.subList(1, lines.size())));
        return job.snapshot();
    }

    /** A job's progress, for the company that started it only. */
    Optional<ImportJob.Snapshot> status(AppUser user, String id) {
        return Optional.ofNullable(jobs.get(id)).filter(j -> j.participantId().equals(user.participantId()))
                .map(ImportJob::snapshot);
    }

    private void run(ImportJob job, AppUser user, String batchId, Columns columns, List<Csv.Line> rows) {
        try {
            List<Submitted> submitted = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Csv.Line row : rows) {
                Optional<ObjectNode> unit = validate(job, user, columns, row, seen);
                job.validated(unit.isPresent());
                unit.ifPresent(u -> submitted.add(new Submitted(row.number(), u.get("code").asText(), u)));
            }
            job.phase(ImportJob.Phase.SUBMITTING, clock.instant());
            List<Submitted> waiting = new ArrayList<>();
            for (Submitted s : submitted) {
                ObjectNode body = Json.mapper().createObjectNode();
                body.put("clientEventId", "import:" + batchId + ":" + s.code());
                ((ArrayNode) body.putArray("units")).add(s.unit());
                try {
                    OutboxEntry e = outbox.enqueue(user.username(), user.participantId(), Transactions.REGISTER_UNITS,
                            Json.string(body), Map.of());
                    if (e.isSettled()) {
                        settle(job, s, e);
                    } else {
                        waiting.add(s);
                    }
                } catch (OutboxConflictException e) {
                    job.error(new RowError(s.line(), "code", LedgerError.DUPLICATE.name(), "batch " + batchId
                            + " already registered " + s.code() + " with other data; use a new batch id to change it"));
                    job.dropped();
                }
            }
            sender.wake();
            awaitSettled(job, user, batchId, waiting);
            job.phase(ImportJob.Phase.DONE, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("import {} failed", job.id(), e);
            job.error(new RowError(0, "", "INTERNAL", "the import stopped: " + e.getMessage()));
            job.phase(ImportJob.Phase.FAILED, clock.instant());
        }
    }

    private Optional<ObjectNode> validate(ImportJob job, AppUser user, Columns columns, Csv.Line row,
            Set<String> seen) {
        List<RowError> errors = new ArrayList<>();
        ObjectNode unit = columns.unit(row, errors);
        String code = unit.path("code").asText("");
        if (!code.isEmpty()) {
            if (!seen.add(code)) {
                errors.add(new RowError(row.number(), "code", LedgerError.DUPLICATE.name(),
                        code + " appears more than once in this file"));
            } else {
                try {
                    // The ledger's own code rules (GB/T 34014), as the register transaction applies them.
                    readers.evaluateAs(user, Transactions.DECODE_CODE, code);
                } catch (LedgerRejectedException e) {
                    errors.add(new RowError(row.number(), "code",
                            e.code().map(Enum::name).orElse("INVALID_CODE"), e.getMessage()));
                } catch (LedgerUnavailableException e) {
                    errors.add(new RowError(row.number(), "code", "LEDGER_UNAVAILABLE", e.getMessage()));
                }
            }
        }
        errors.forEach(job::error);
        return errors.isEmpty() ? Optional.of(unit) : Optional.empty();
    }

    private void awaitSettled(ImportJob job, AppUser user, String batchId, List<Submitted> waiting) {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        List<Submitted> left = new ArrayList<>(waiting);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            for (var it = left.iterator(); it.hasNext(); ) {
                Submitted s = it.next();
                Optional<OutboxEntry> e = outbox.status(user.participantId(), "import:" + batchId + ":" + s.code());
                if (e.isPresent() && e.get().isSettled()) {
                    settle(job, s, e.get());
                    it.remove();
                }
            }
            if (!left.isEmpty()) {
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Records a row's outcome; an entry stored before this job began was an earlier send's. */
    private static void settle(ImportJob job, Submitted s, OutboxEntry e) {
        boolean before = e.createdAt().isBefore(job.startedAt());
        if (e.status() == OutboxStatus.COMMITTED) {
            job.settled(!before, before);
        } else {
            job.settled(false, false);
            job.error(new RowError(s.line(), "code", e.errorCode() == null ? "REJECTED" : e.errorCode(),
                    e.lastError()));
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    private record Submitted(int line, String code, ObjectNode unit) {}

    /** A whole file refused before any row is read: the form field and the rule. */
    static final class ImportRefused extends RuntimeException {
        ImportRefused(String field, String rule) {
            super(field + ": " + rule);
        }
    }
}
