package org.batteryledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on its embedded ledger with the demo consortium, and one headless Chromium per
 * test class. The application is shared by every browser test class (same configuration, so
 * Spring's context cache keeps one); each test makes the units it needs over the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
public abstract class BrowserTestBase implements ScreenshotOnFailure.HasBrowser {
    static final String PASSWORD = "ledger-demo";
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicInteger SERIALS = new AtomicInteger(7_000_000);

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReadModelProjector projector;

    ChromeDriver driver;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("battery-ledger-web");
        registry.add("battery.data-dir", dir::toString);
        registry.add("battery.demo", () -> "true");
    }

    @BeforeAll
    void startBrowser() {
        driver = Browser.start();
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Override
    public WebDriver browser() {
        return driver;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    WebElement await(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Signs in through the form, as a person would; any earlier session is dropped first. */
    void signIn(String username) {
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        waiting().until(d -> !d.getCurrentUrl().contains("/login"));
    }

    // ------------------------------------------------------------------ set-up over the API

    /** A fresh valid pack code under the first demo maker's NCM prefix. */
    static String newPackCode() {
        return DemoConsortium.MAKER_NCM_PREFIX + "PEA1WEBTEST" + BatteryCodes.encodeDate(LocalDate.of(2026, 3, 1))
                + String.format("%07d", SERIALS.incrementAndGet());
    }

    static String companyId(String username) {
        return DemoConsortium.byUsername(username).id();
    }

    ResponseEntity<JsonNode> api(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        if (user != null) {
            headers.setBasicAuth(user, PASSWORD);
        }
        ResponseEntity<String> r = http.exchange(path, method,
                new HttpEntity<>(body == null ? null : Json.string(body), headers), String.class);
        JsonNode node = r.getBody() == null || r.getBody().isBlank() ? null : Json.tree(r.getBody());
        return new ResponseEntity<>(node, r.getHeaders(), r.getStatusCode());
    }

    /** Posts a write as {@code user}, requires it committed, and waits until the read model has it. */
    JsonNode commit(String user, String path, Map<String, Object> body) {
        Map<String, Object> withId = new java.util.LinkedHashMap<>(body);
        withId.put("clientEventId", "web-" + UUID.randomUUID());
        ResponseEntity<JsonNode> r = api(user, HttpMethod.POST, path, withId);
        assertThat(r.getStatusCode().value()).as(path + " as " + user + ": " + r.getBody()).isEqualTo(201);
        projector.awaitBlock(r.getBody().get("blockNumber").asLong(), Duration.ofSeconds(10));
        return r.getBody();
    }

    /** A new pack, registered and shipped by the maker, offered to {@code receiver}'s company. */
    String packOfferedTo(String receiver) {
        String pack = newPackCode();
        commit("maker", "/api/batteries", Map.of("code", pack, "spec",
                Map.of("model", "WEB-75", "massGrams", 420_000, "ratedEnergyWh", 75_000,
                        "hazards", List.of("high voltage", "flammable electrolyte"))));
        commit("maker", "/api/batteries/" + pack + "/ship", Map.of());
        commit("maker", "/api/handovers", Map.of("codes", List.of(pack), "to", companyId(receiver)));
        return pack;
    }

    JsonNode unit(String code) {
        return api("regulator", HttpMethod.GET, "/api/batteries/" + code, null).getBody();
    }
}
