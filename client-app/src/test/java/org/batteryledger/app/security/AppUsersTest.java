package org.batteryledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.batteryledger.app.outbox.TestDb;
import org.batteryledger.chaincode.participant.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and tokens: what a token resolves to, and that a change takes effect on the next request. */
class AppUsersTest {
    @TempDir
    Path dir;
    private TestDb db;
    private AppUsers users;

    @BeforeEach
    void open() {
        db = new TestDb(dir, "app");
        users = new AppUsers(db.dataSource());
        users.save(user("recycler", true));
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private static AppUser user(String name, boolean enabled) {
        return new AppUser(name, "{noop}x", "Recycler", "91110000MA00000001", "Recycling Co", Role.RECYCLER,
                "RecyclerMSP", name, enabled);
    }

    @Test
    void a_token_resolves_to_its_user_and_a_random_string_to_nobody() {
        String token = users.issueToken("recycler", Duration.ofHours(1));

        assertThat(users.byToken(token)).map(AppUser::username).contains("recycler");
        assertThat(users.byToken(token + "x")).isEmpty();
    }

    @Test
    void disabling_a_user_stops_its_cached_token_on_the_next_request() {
        String token = users.issueToken("recycler", Duration.ofHours(1));
        assertThat(users.byToken(token)).isPresent();

        users.save(user("recycler", false));

        assertThat(users.byToken(token)).isEmpty();
        assertThat(users.find("recycler")).map(AppUser::enabled).contains(false);
    }

    @Test
    void a_token_deleted_behind_the_application_stops_working_after_the_cache_bound() throws Exception {
        String token = users.issueToken("recycler", Duration.ofHours(1));
        assertThat(users.byToken(token)).isPresent();

        db.jdbc().update("DELETE FROM api_tokens");

        assertThat(users.byToken(token)).as("still cached").isPresent();
        Thread.sleep(AppUsers.CACHE_TTL.toMillis() + 100);
        assertThat(users.byToken(token)).isEmpty();
    }

    @Test
    void an_expired_token_is_refused() {
        String token = users.issueToken("recycler", Duration.ofMillis(-1));

        assertThat(users.byToken(token)).isEmpty();
    }
}
