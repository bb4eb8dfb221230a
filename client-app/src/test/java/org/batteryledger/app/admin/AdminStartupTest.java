package org.batteryledger.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import org.batteryledger.app.outbox.TestDb;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.AppUsers;
import org.batteryledger.chaincode.participant.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The local administrator made on a first start: when, with which password, and stored how. */
class AdminStartupTest {
    @TempDir
    Path dir;
    TestDb db;
    AdminAccounts admins;
    AppUsers users;
    final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void setUp() {
        db = new TestDb(dir, "app");
        admins = new AdminAccounts(db.dataSource());
        users = new AppUsers(db.dataSource());
        log.start();
        ((Logger) LoggerFactory.getLogger(AdminStartup.class)).addAppender(log);
    }

    @AfterEach
    void tearDown() throws Exception {
        ((Logger) LoggerFactory.getLogger(AdminStartup.class)).detachAppender(log);
        db.close();
    }

    private void start(String password) {
        new AdminStartup(admins, users, new AdminSettings("admin", password), encoder)
                .run(new DefaultApplicationArguments());
    }

    @Test
    void withoutASettingTheFirstStartPrintsARandomPasswordOnceAndStoresOnlyItsHash() {
        start(null);
        start(null);

        List<String> printed = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("initial password")).toList();
        assertThat(printed).hasSize(1);
        String password = printed.get(0).substring(printed.get(0).lastIndexOf(' ') + 1);
        String hash = admins.find("admin").orElseThrow().passwordHash();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(password);
        assertThat(encoder.matches(password, hash)).isTrue();
        assertThat(admins.count()).isEqualTo(1);
    }

    @Test
    void noAdministratorIsMadeUnaskedWhenUsersExistAlready() {
        users.save(new AppUser("maker", encoder.encode("x"), "Maker", "91350900MA2XK3L41X", "Maker Co", Role.BATTERY_MAKER,
                "MakerMSP", "maker", true));

        start(null);

        assertThat(admins.count()).isZero();
    }

    @Test
    void theSettingCreatesTheAdministratorWhenNoneExistsAndIsNotLogged() {
        users.save(new AppUser("maker", encoder.encode("x"), "Maker", "91350900MA2XK3L41X", "Maker Co", Role.BATTERY_MAKER,
                "MakerMSP", "maker", true));

        start("configured-secret-1");

        assertThat(encoder.matches("configured-secret-1", admins.find("admin").orElseThrow().passwordHash())).isTrue();
        assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains("configured-secret-1"));
    }
}
