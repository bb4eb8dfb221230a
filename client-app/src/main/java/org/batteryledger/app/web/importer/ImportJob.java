package org.batteryledger.app.web.importer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The progress and outcome of one CSV import, as its status endpoint reports it. Mutable while
 * the job runs, guarded by its own monitor; {@link #snapshot()} copies it for readers.
 */
final class ImportJob {
    enum Phase { VALIDATING, SUBMITTING, DONE, FAILED }

    /** A rule one row broke: the line in the file, the column, the ledger's error code, in words. */
    record RowError(int line, String column, String code, String message) {}

    /**
     * @param steps work done: each row counts twice, once validated and once settled (on the
     *     ledger, or as an error here)
     * @param totalSteps twice the rows
     * @param registered rows that this send registered
     * @param alreadyRegistered rows an earlier send of the same batch had registered already
     */
    record Snapshot(String id, String batchId, String participantId, Phase phase, int rows, int steps, int totalSteps,
            int registered, int alreadyRegistered, int pending, List<RowError> errors, Instant startedAt,
            Instant finishedAt) {}

    private final String id;
    private final String batchId;
    private final String participantId;
    private final Instant startedAt;
    private Phase phase = Phase.VALIDATING;
    private int rows;
    private int validated;
    private int valid;
    private int settled;
    private int registered;
    private int alreadyRegistered;
    private final List<RowError> errors = new ArrayList<>();
    private Instant finishedAt;

    ImportJob(String id, String batchId, String participantId, Instant startedAt) {
        this.id = id;
        this.batchId = batchId;
        this.participantId = participantId;
        this.startedAt = startedAt;
    }

    String id() {
        return id;
    }

    Instant startedAt() {
        return startedAt;
    }

    String participantId() {
        return participantId;
    }

    synchronized void rows(int n) {
        rows = n;
    }

    synchronized void validated(boolean ok) {
        validated++;
        if (ok) {
            valid++;
        }
    }

    synchronized void error(RowError e) {
        errors.add(e);
    }

    synchronized void phase(Phase p, Instant at) {
        phase = p;
        if (p == Phase.DONE || p == Phase.FAILED) {
            finishedAt = at;
        }
    }

    /** A submitted row reached the ledger's answer: registered now, before, or refused. */
    synchronized void settled(boolean registeredNow, boolean before) {
        settled++;
        if (registeredNow) {
            registered++;
        }
        if (before) {
            alreadyRegistered++;
        }
    }

    /** A row that was valid here but could not be submitted (an outbox conflict). */
    synchronized void dropped() {
        valid--;
    }

    synchronized Snapshot snapshot() {
        List<RowError> sorted = new ArrayList<>(errors);
        sorted.sort(java.util.Comparator.comparingInt(RowError::line));
        return new Snapshot(id, batchId, participantId, phase, rows, validated + settled + (validated - valid),
                2 * rows, registered,
                alreadyRegistered, valid - settled, List.copyOf(sorted), startedAt, finishedAt);
    }
}
