package org.batteryledger.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.batteryledger.app.demo.DemoCompany;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.chaincode.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * User administration with the demo off: the local administrator made on first start bootstraps
 * the registry with the first regulator, creates users for registered participants in the roles
 * the registry gives them, and disables them, rotates passwords and revokes tokens. Ledger roles
 * have no access to it; bad input is a problem naming the field and the rule.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminOverHttpTest {
    static final String ADMIN_PASSWORD = "admin-secret-1234";
    static final String PASSWORD = "user-secret-5678";
    static final DemoCompany REGULATOR = DemoConsortium.regulator();
    static final DemoCompany RECYCLER = DemoConsortium.byUsername("recycler");

    @Autowired
    TestRestTemplate http;

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("battery-ledger-admin");
        registry.add("battery.data-dir", dir::toString);
        registry.add("battery.demo", () -> "false");
        registry.add("battery.admin.password", () -> ADMIN_PASSWORD);
    }

    @BeforeAll
    void aBootstrappedRegistryWithARecycler() {
        ResponseEntity<JsonNode> boot = call("admin", ADMIN_PASSWORD, HttpMethod.POST, "/api/admin/bootstrap",
                Map.of("username", "chief", "password", PASSWORD, "displayName", "Chief regulator",
                        "participant", Json.mapper().valueToTree(REGULATOR.registryEntry())));
        assertThat(boot.getStatusCode().value()).as("bootstrap: %s", boot.getBody()).isEqualTo(201);
        ResponseEntity<JsonNode> reg = call("chief", PASSWORD, HttpMethod.POST, "/api/participants",
                Map.of("clientEventId", "reg-recycler", "participant",
                        Json.mapper().valueToTree(RECYCLER.registryEntry())));
        assertThat(reg.getStatusCode().value()).as("register: %s", reg.getBody()).isEqualTo(201);
    }

    @Test
    void theAdministratorIsCreatedOnFirstStartWithOnlyAHashOfItsPassword() {
        List<String> hashes = new JdbcTemplate(dataSource).queryForList(
                "SELECT password_hash FROM app_admins WHERE username = 'admin'", String.class);

        assertThat(hashes).singleElement().satisfies(h -> assertThat(h).startsWith("{bcrypt}")
                .doesNotContain(ADMIN_PASSWORD));
    }

    @Test
    void theBootstrappedRegulatorActsAsTheRegulatorOnTheLedger() {
        JsonNode me = call("chief", PASSWORD, HttpMethod.GET, "/api/participants/me", null).getBody();

        assertThat(me.get("participant").asText()).isEqualTo(REGULATOR.id());
        assertThat(me.get("role").asText()).isEqualTo("REGULATOR");
    }

    @Test
    void aUserIsCreatedForARegisteredParticipantInOneOfItsRegistryRoles() {
        ResponseEntity<JsonNode> created = admin(HttpMethod.POST, "/api/admin/users", newUser("yard-1",
                RECYCLER.id(), "RECYCLER"));

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody().get("mspId").asText()).isEqualTo(RECYCLER.mspId());
        JsonNode me = call("yard-1", PASSWORD, HttpMethod.GET, "/api/participants/me", null).getBody();
        assertThat(me.get("participant").asText()).isEqualTo(RECYCLER.id());
        assertThat(me.get("role").asText()).isEqualTo("RECYCLER");
        assertThat(me.get("mspId").asText()).isEqualTo(RECYCLER.mspId());
        ResponseEntity<String> list = http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/admin/users",
                String.class);
        assertThat(list.getBody()).contains("\"yard-1\"").doesNotContain("bcrypt").doesNotContain("password");
    }

    @Test
    void anUnknownParticipantIsRefusedNamingTheFieldAndNothingIsCreated() {
        ResponseEntity<JsonNode> r = admin(HttpMethod.POST, "/api/admin/users", newUser("ghost-1",
                DemoConsortium.byUsername("dismantler").id(), "DISMANTLER"));

        assertProblem(r, 400, "INVALID_ARGUMENT", "field 'participantId'", "not in the on-ledger registry");
        assertThat(listedUsernames()).doesNotContain("ghost-1");
    }

    @Test
    void aRoleTheRegistryDoesNotGiveTheParticipantIsRefused() {
        ResponseEntity<JsonNode> r = admin(HttpMethod.POST, "/api/admin/users", newUser("yard-2", RECYCLER.id(),
                "DISMANTLER"));

        assertProblem(r, 400, "INVALID_ARGUMENT", "field 'role'", "[RECYCLER], not DISMANTLER");
        assertThat(listedUsernames()).doesNotContain("yard-2");
    }

    @Test
    void everyBadFieldIsNamedWithItsRule() {
        Map<String, Object> body = newUser("-bad name", RECYCLER.id(), "PIRATE");
        body.put("password", "short");

        ResponseEntity<JsonNode> r = admin(HttpMethod.POST, "/api/admin/users", body);

        assertProblem(r, 400, "INVALID_ARGUMENT", "field 'username'", "field 'password': must be 12-128",
                "field 'role': 'PIRATE' is not a role");
    }

    @Test
    void aTakenUsernameIsAConflict() {
        ResponseEntity<JsonNode> r = admin(HttpMethod.POST, "/api/admin/users", newUser("chief", RECYCLER.id(),
                "RECYCLER"));

        assertProblem(r, 409, "DUPLICATE", "field 'username'", "exists already");
    }

    @Test
    void aSecondBootstrapIsAConflict() {
        ResponseEntity<JsonNode> r = admin(HttpMethod.POST, "/api/admin/bootstrap", Map.of("username", "chief-2",
                "password", PASSWORD, "participant", Json.mapper().valueToTree(REGULATOR.registryEntry())));

        assertProblem(r, 409, "DUPLICATE", "already has its first regulator");
        assertThat(listedUsernames()).doesNotContain("chief-2");
    }

    @Test
    void ledgerRolesHaveNoAccessToUserAdministration() {
        ResponseEntity<JsonNode> regulator = call("chief", PASSWORD, HttpMethod.GET, "/api/admin/users", null);
        ResponseEntity<JsonNode> anonymous = call(null, null, HttpMethod.GET, "/api/admin/users", null);

        assertProblem(regulator, 403, "FORBIDDEN", "local administrator");
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aDisabledUserCanNeitherSignInNorUseItsTokensUntilEnabledAgain() {
        admin(HttpMethod.POST, "/api/admin/users", newUser("yard-3", RECYCLER.id(), "RECYCLER"));
        String token = token("yard-3", PASSWORD);

        admin(HttpMethod.POST, "/api/admin/users/yard-3/disable", null);

        assertThat(call("yard-3", PASSWORD, HttpMethod.GET, "/api/auth/me", null).getStatusCode().value())
                .isEqualTo(401);
        assertThat(bearer(token).getStatusCode().value()).isEqualTo(401);
        admin(HttpMethod.POST, "/api/admin/users/yard-3/enable", null);
        assertThat(call("yard-3", PASSWORD, HttpMethod.GET, "/api/auth/me", null).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void aRotatedPasswordReplacesTheOldOneAndRevokesTokens() {
        admin(HttpMethod.POST, "/api/admin/users", newUser("yard-4", RECYCLER.id(), "RECYCLER"));
        String token = token("yard-4", PASSWORD);

        ResponseEntity<JsonNode> r = admin(HttpMethod.POST, "/api/admin/users/yard-4/password",
                Map.of("password", "another-secret-99"));

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(call("yard-4", PASSWORD, HttpMethod.GET, "/api/auth/me", null).getStatusCode().value())
                .isEqualTo(401);
        assertThat(call("yard-4", "another-secret-99", HttpMethod.GET, "/api/auth/me", null).getStatusCode()
                .value()).isEqualTo(200);
        assertThat(bearer(token).getStatusCode().value()).isEqualTo(401);
        assertProblem(admin(HttpMethod.POST, "/api/admin/users/yard-4/password", Map.of("password", "x")), 400,
                "INVALID_ARGUMENT", "field 'password'");
    }

    @Test
    void revokingTokensEndsBearerAccessButNotTheUser() {
        admin(HttpMethod.POST, "/api/admin/users", newUser("yard-5", RECYCLER.id(), "RECYCLER"));
        String first = token("yard-5", PASSWORD);
        String second = token("yard-5", PASSWORD);
        assertThat(bearer(first).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<JsonNode> r = admin(HttpMethod.DELETE, "/api/admin/users/yard-5/tokens", null);

        assertThat(r.getBody().get("revoked").asInt()).isEqualTo(2);
        assertThat(bearer(first).getStatusCode().value()).isEqualTo(401);
        assertThat(bearer(second).getStatusCode().value()).isEqualTo(401);
        assertThat(call("yard-5", PASSWORD, HttpMethod.GET, "/api/auth/me", null).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void theAdministratorChangesItsOwnPassword() {
        ResponseEntity<JsonNode> r = admin(HttpMethod.POST, "/api/admin/password",
                Map.of("password", "new-admin-secret-1"));

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(admin(HttpMethod.GET, "/api/admin/users", null).getStatusCode().value()).isEqualTo(401);
        assertThat(call("admin", "new-admin-secret-1", HttpMethod.POST, "/api/admin/password",
                Map.of("password", ADMIN_PASSWORD)).getStatusCode().value()).isEqualTo(200);
        assertThat(admin(HttpMethod.GET, "/api/admin/users", null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void managingAnUnknownUserIsNotFound() {
        assertProblem(admin(HttpMethod.POST, "/api/admin/users/nobody/disable", null), 404, "NOT_FOUND",
                "no user 'nobody'");
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> newUser(String username, String participantId, String role) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", username);
        m.put("password", PASSWORD);
        m.put("displayName", "Yard operator " + UUID.randomUUID());
        m.put("participantId", participantId);
        m.put("role", role);
        return m;
    }

    private List<String> listedUsernames() {
        List<String> names = new java.util.ArrayList<>();
        admin(HttpMethod.GET, "/api/admin/users", null).getBody().forEach(u -> names.add(u.get("username").asText()));
        return names;
    }

    private String token(String user, String password) {
        ResponseEntity<JsonNode> r = call(user, password, HttpMethod.POST, "/api/auth/token", null);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return r.getBody().get("token").asText();
    }

    private ResponseEntity<JsonNode> bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return send(HttpMethod.GET, "/api/auth/me", headers, null);
    }

    private ResponseEntity<JsonNode> admin(HttpMethod method, String path, Object body) {
        return call("admin", ADMIN_PASSWORD, method, path, body);
    }

    private ResponseEntity<JsonNode> call(String user, String password, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, password);
        }
        return send(method, path, headers, body);
    }

    private ResponseEntity<JsonNode> send(HttpMethod method, String path, HttpHeaders headers, Object body) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        ResponseEntity<String> r = http.exchange(path, method,
                new HttpEntity<>(body == null ? null : Json.string(body), headers), String.class);
        JsonNode node = r.getBody() == null || r.getBody().isBlank() ? null : Json.tree(r.getBody());
        return new ResponseEntity<>(node, r.getHeaders(), r.getStatusCode());
    }

    private static void assertProblem(ResponseEntity<JsonNode> r, int status, String code, String... details) {
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(status);
        assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(r.getBody().get("code").asText()).isEqualTo(code);
        assertThat(r.getBody().get("detail").asText()).contains(details);
    }
}
