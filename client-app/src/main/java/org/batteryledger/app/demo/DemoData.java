package org.batteryledger.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.ParticipantRequests;

/**
 * Fills an empty ledger with the demo: the registry (bootstrapped by the regulator, then every
 * company of {@link DemoConsortium}), then {@value #PACKS} packs (ten with modules and cells)
 * taken through every lifecycle state: sales with pending, rejected and cancelled handovers,
 * vehicles installed, sold, repaired, a battery swap and repairer replacements, scrapped vehicles,
 * collection, second-life tests and repurposing into successors, waste, receipt at the recycler
 * and recycling batches with a mass balance. Event times ({@code occurredAt}) are spread over the
 * eleven months before the registry was bootstrapped, so reports and clocks have a history.
 *
 * <p>Why it is safe to run at every start: it is deterministic (seed {@value #SEED}; times derive
 * from the regulator's registration time, which the ledger keeps), and every write carries a
 * stable client event id, which the contract answers with its first result. A seeding interrupted
 * half-way (crash, ledger down) is completed by the next run without duplicates.
 * {@link #isSeeded} looks for the plan's last write, so a completed seeding is not replayed at all.
 *
 * <pre>{@code
 * Map<String, LedgerUser> users = DemoConsortium.ensureIdentities(identityStore);
 * new DemoData(ledger, users).seedIfEmpty();
 * }</pre>
 */
public final class DemoData {
    private static final System.Logger LOG = System.getLogger(DemoData.class.getName());

    /** Seed of every random choice of the demo. */
    public static final long SEED = 34014L;
    /** Packs the demo creates (modules, cells and successors come on top). */
    public static final int PACKS = DemoPlan.LOTS * DemoPlan.PACKS_PER_LOT;
    /** The recycling batch written last: when it exists, the seeding is complete. */
    public static final String LAST_BATCH_ID = "DEMO-RB-04";

    private static final int ATTEMPTS = 4;

    /** What a call did. */
    public enum Outcome {
        /** The plan ran (wholly, or its remainder after an interrupted run). */
        SEEDED,
        /** The ledger already held the complete demo; nothing was written. */
        ALREADY_SEEDED,
        /** The registry belongs to someone else (not the demo regulator); nothing was written. */
        FOREIGN_LEDGER
    }

    /**
     * @param transactions writes submitted (replayed ones included)
     * @param units units created by the plan (packs, modules, cells, successors)
     */
    public record Result(Outcome outcome, int transactions, int units, Duration took) {}

    private final Ledger ledger;
    private final Map<String, LedgerUser> users;

    /**
     * @param users a ledger identity for every {@link DemoConsortium#users() demo user}, by user
     *     name, e.g. from {@link DemoConsortium#ensureIdentities}
     */
    public DemoData(Ledger ledger, Map<String, LedgerUser> users) {
        this.ledger = ledger;
        this.users = Map.copyOf(users);
        for (DemoCompany c : DemoConsortium.companies()) {
            if (!this.users.containsKey(c.username())) {
                throw new IllegalArgumentException("no ledger identity for demo user " + c.username());
            }
        }
    }

    /**
     * Whether the demo is completely on the ledger: its last write, the recycling batch
     * {@value #LAST_BATCH_ID}, is there. A registry that exists but lacks it means an interrupted
     * seeding, which {@link #seedIfEmpty()} completes.
     */
    public static boolean isSeeded(Ledger ledger, LedgerUser regulator) {
        try {
            ledger.evaluate(regulator, Transactions.GET_RECYCLING_BATCH, LAST_BATCH_ID);
            return true;
        } catch (LedgerRejectedException e) {
            if (e.code().orElse(null) == LedgerError.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Seeds unless the demo is complete already, or the registry was bootstrapped by someone else
     * (a real deployment must never get demo batteries).
     */
    public Result seedIfEmpty() {
        LedgerUser regulator = user(DemoConsortium.regulator().username());
        if (isSeeded(ledger, regulator)) {
            return new Result(Outcome.ALREADY_SEEDED, 0, 0, Duration.ZERO);
        }
        if (foreignRegistry(regulator)) {
            LOG.log(System.Logger.Level.WARNING, "ledger registry was not bootstrapped by the demo regulator {0}; "
                    + "not seeding demo data", DemoConsortium.regulator().id());
            return new Result(Outcome.FOREIGN_LEDGER, 0, 0, Duration.ZERO);
        }
        return seed();
    }

    /** Runs the whole plan; writes already on the ledger are answered with their first result. */
    public Result seed() {
        long start = System.nanoTime();
        DemoCompany regulator = DemoConsortium.regulator();
        LOG.log(System.Logger.Level.INFO, "seeding demo data: registry, {0} packs", PACKS);
        int transactions = seedRegistry();
        DemoPlan plan = DemoPlan.build(anchor(regulator));
        List<DemoPlan.Step> steps = plan.steps();
        for (DemoPlan.Step s : steps) {
            submit(s.username(), s.transaction(), s.transientData(), s.request(), s.label());
            transactions++;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.log(System.Logger.Level.INFO, "demo data seeded: {0} transactions, {1} units, in {2} ms", transactions,
                plan.units(), took.toMillis());
        return new Result(Outcome.SEEDED, transactions, plan.units(), took);
    }

    /**
     * Only the registry: the regulator bootstraps it and registers the other demo companies.
     * Idempotent (fixed client event ids). What Fabric mode seeds, where the plan's writes, sent one
     * after another at the network's block time, would take the better part of an hour.
     *
     * @return the number of transactions sent
     */
    public int seedRegistry() {
        DemoCompany regulator = DemoConsortium.regulator();
        int transactions = 0;
        submit(regulator.username(), Transactions.BOOTSTRAP, Map.of(), Json.string(new ParticipantRequests.Register(
                "demo-registry-" + regulator.username(), null, regulator.registryEntry())), "bootstrap registry");
        transactions++;
        for (DemoCompany c : DemoConsortium.companies()) {
            if (c != regulator) {
                submit(regulator.username(), Transactions.REGISTER_PARTICIPANT, Map.of(),
                        Json.string(new ParticipantRequests.Register("demo-registry-" + c.username(), null,
                                c.registryEntry())),
                        "register " + c.name());
                transactions++;
            }
        }
        return transactions;
    }

    /** The registry's bootstrap time, as the ledger recorded it: the same on every run. */
    private Instant anchor(DemoCompany regulator) {
        String json = ledger.evaluate(user(regulator.username()), Transactions.GET_PARTICIPANT, regulator.id());
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable participant " + regulator.id() + ": " + json, e);
        }
        return Instant.parse(node.get("registeredAt").asText());
    }

    private boolean foreignRegistry(LedgerUser regulator) {
        try {
            ledger.evaluate(regulator, Transactions.GET_PARTICIPANT, DemoConsortium.regulator().id());
            return false;
        } catch (LedgerRejectedException e) {
            if (e.code().orElse(null) != LedgerError.NOT_FOUND) {
                throw e;
            }
        }
        JsonNode page;
        try {
            page = Json.mapper().readTree(ledger.evaluate(regulator, Transactions.LIST_PARTICIPANTS, "1", ""));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable participant listing", e);
        }
        return page.path("count").asInt() > 0;
    }

    private void submit(String username, String transaction, Map<String, byte[]> transientData, String request,
            String label) {
        LedgerUser user = user(username);
        for (int attempt = 1; ; attempt++) {
            try {
                ledger.submit(user, transaction, transientData, request).get();
                return;
            } catch (ExecutionException | CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof LedgerRejectedException r) {
                    throw new IllegalStateException("demo step '" + label + "' (" + transaction + " as " + username
                            + ") was rejected: " + r.getMessage(), r);
                }
                if (cause instanceof LedgerUnavailableException u) {
                    if (attempt >= ATTEMPTS) {
                        throw u;
                    }
                    pause(attempt);
                    continue;
                }
                throw new IllegalStateException("demo step '" + label + "' failed", cause);
            } catch (LedgerUnavailableException u) {
                if (attempt >= ATTEMPTS) {
                    throw u;
                }
                pause(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerUnavailableException("interrupted while seeding demo data", e, false);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while seeding demo data", e, false);
        }
    }

    private LedgerUser user(String username) {
        LedgerUser u = users.get(username);
        if (u == null) {
            throw new NoSuchElementException("no ledger identity for demo user " + username);
        }
        return u;
    }

    /** Steps of the plan for a given anchor, for tests and tooling: user, transaction, request. */
    static List<DemoPlan.Step> plan(Instant anchor) {
        return DemoPlan.build(anchor).steps();
    }
}
