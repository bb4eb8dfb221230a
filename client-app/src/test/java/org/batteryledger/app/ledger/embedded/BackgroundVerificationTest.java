package org.batteryledger.app.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerIntegrity;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.state.Keys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifying the ledger in the background at start: nothing reaches the ledger before it is verified. */
class BackgroundVerificationTest {
    @TempDir
    Path dir;

    private EmbeddedLedger ledger;
    private Consortium c;
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<VerifyReport> reports = new ArrayList<>();
    private final List<RuntimeException> failures = new ArrayList<>();

    @BeforeEach
    void open() {
        ledger = EmbeddedLedger.open(dir, Settings.defaults());
        c = Consortium.registeredOn(ledger);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private Commit register(Ledger through, String code) {
        return through.submit(Consortium.user(c.batteryMaker), Transactions.REGISTER_UNITS, Map.of(),
                Consortium.json(c.req("units", List.of(Map.of("code", code))))).join();
    }

    @Test
    void writes_wait_while_the_ledger_is_verified_and_go_through_once_it_is() {
        LedgerIntegrity integrity = new LedgerIntegrity(ledger, Clock.systemUTC());
        Ledger guarded = integrity.guard(ledger);
        long height = ledger.height();

        integrity.verifyInBackground(tasks::add, reports::add, failures::add);
        Throwable held = catchThrowable(() -> register(guarded, c.code(c.batteryMaker, 'P', 1)));

        assertThat(integrity.current().state()).isEqualTo(LedgerIntegrity.State.VERIFYING);
        assertThat(integrity.holding()).isTrue();
        assertThat(held).isInstanceOf(CompletionException.class).hasCauseInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("being verified");
        assertThat(ledger.height()).isEqualTo(height);

        tasks.forEach(Runnable::run);
        Commit commit = register(guarded, c.code(c.batteryMaker, 'P', 2));

        assertThat(reports).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
        assertThat(integrity.current().state()).isEqualTo(LedgerIntegrity.State.VERIFIED);
        assertThat(integrity.holding()).isFalse();
        assertThat(commit.blockNumber()).isEqualTo(height);
    }

    @Test
    void a_ledger_found_tampered_in_the_background_takes_no_writes() {
        String pack = c.code(c.batteryMaker, 'P', 1);
        register(ledger, pack);
        ledger.close();
        LedgerFile.replaceState(dir, Keys.unit(pack), "{}".getBytes(StandardCharsets.UTF_8));
        ledger = EmbeddedLedger.open(dir, Settings.defaults());
        LedgerIntegrity integrity = new LedgerIntegrity(ledger, Clock.systemUTC());

        integrity.verifyInBackground(Runnable::run, reports::add, failures::add);
        Throwable refused = catchThrowable(() -> register(integrity.guard(ledger), c.code(c.batteryMaker, 'P', 2)));

        assertThat(integrity.tampered()).isTrue();
        assertThat(integrity.holding()).isFalse();
        assertThat(refused).hasCauseInstanceOf(LedgerUnavailableException.class).hasMessageContaining("integrity check");
    }

    @Test
    void a_verification_that_cannot_finish_keeps_writes_held() {
        LedgerIntegrity integrity = new LedgerIntegrity(ledger, Clock.systemUTC());
        integrity.verifyInBackground(tasks::add, reports::add, failures::add);
        ledger.close(); // verification now fails: the ledger is closed under it

        tasks.forEach(Runnable::run);

        assertThat(failures).hasSize(1);
        assertThat(reports).isEmpty();
        assertThat(integrity.current().state()).isEqualTo(LedgerIntegrity.State.NOT_CHECKED);
        assertThat(integrity.holding()).isTrue();
        ledger = EmbeddedLedger.open(dir, Settings.defaults());
    }
}
