package org.batteryledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.batteryledger.chaincode.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The pages' security and plain HTTP answers, without a browser: form sign-in into a session that
 * the API honours, CSRF on what a session cookie sends, the public passport and its labels.
 */
class PagesOverHttpTest extends WebAppTestBase {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in through the form; returns the session's CSRF token. */
    private String signIn(String user) throws IOException, InterruptedException {
        Matcher m = CSRF.matcher(get("/login").body());
        assertThat(m.find()).as("the sign-in form carries a CSRF token").isTrue();
        HttpResponse<String> r = post("/login", "application/x-www-form-urlencoded", "username=" + user
                + "&password=" + PASSWORD + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        Matcher page = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(get("/scan").body());
        assertThat(page.find()).isTrue();
        return page.group(1);
    }

    @Test
    void a_page_sends_a_signed_out_user_to_the_sign_in_form() throws Exception {
        HttpResponse<String> r = get("/dashboard");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void a_wrong_password_is_refused() throws Exception {
        Matcher m = CSRF.matcher(get("/login").body());
        m.find();

        HttpResponse<String> r = post("/login", "application/x-www-form-urlencoded",
                "username=maker&password=wrong&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8));

        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    }

    @Test
    void the_signed_in_session_reads_the_api_as_its_user() throws Exception {
        signIn("recycler");

        HttpResponse<String> me = get("/api/auth/me");

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Json.tree(me.body()).get("username").asText()).isEqualTo("recycler");
    }

    @Test
    void an_api_write_riding_on_the_session_cookie_needs_the_csrf_token() throws Exception {
        String token = signIn("recycler");

        HttpResponse<String> forged = post("/api/auth/token", "application/json", "{}");
        HttpResponse<String> fromPage = post("/api/auth/token", "application/json", "{}", "X-CSRF-TOKEN", token);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(fromPage.statusCode()).isEqualTo(200);
    }

    @Test
    void a_page_script_signed_out_gets_401_without_a_challenge_that_would_pop_up_a_password_box()
            throws Exception {
        HttpResponse<String> script = client.send(HttpRequest.newBuilder(URI.create(url("/api/auth/me")))
                .header("X-Requested-With", "fetch").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> apiClient = get("/api/auth/me");

        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(apiClient.statusCode()).isEqualTo(401);
        assertThat(apiClient.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"battery-ledger\"");
    }

    @Test
    void api_clients_with_basic_credentials_need_no_csrf_token() {
        var r = api("maker", org.springframework.http.HttpMethod.POST, "/api/auth/token", java.util.Map.of());

        assertThat(r.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void the_regulators_dashboard_lists_the_anomalies_and_overdue_reports_of_the_compliance_report()
            throws Exception {
        signIn("regulator");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8));

        com.fasterxml.jackson.databind.JsonNode report = Json.tree(get("/api/anomalies?from="
                + today.minusYears(1).plusDays(1) + "&to=" + today + "&limit=20").body());
        com.fasterxml.jackson.databind.JsonNode dashboard = Json.tree(get("/dashboard/data").body());

        java.util.Set<String> expected = new java.util.TreeSet<>();
        report.get("rows").forEach(r -> expected.add(r.get(0).asText() + " " + r.get(1).asText()));
        java.util.Set<String> shown = new java.util.TreeSet<>();
        for (String list : new String[] {"anomalies", "overdue"}) {
            dashboard.get(list).forEach(f -> shown.add(f.get("kind").asText() + " " + f.get("subject").asText()));
        }
        assertThat(expected).as("the demo ledger has anomalies to show").isNotEmpty();
        assertThat(shown).isEqualTo(expected);
        dashboard.get("overdue").forEach(f -> assertThat(f.get("kind").asText()).isEqualTo("OVERDUE_REPORT"));
    }

    @Test
    void signing_out_ends_the_session() throws Exception {
        String token = signIn("maker");

        HttpResponse<String> out = post("/logout", "application/x-www-form-urlencoded",
                "_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));

        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?signedOut");
        assertThat(get("/scan").statusCode()).isEqualTo(302);
    }

    @Test
    void the_passport_page_is_public_and_the_qr_label_carries_its_url() throws Exception {
        String pack = packOfferedTo("automaker");

        HttpResponse<String> page = get("/passport/" + pack);
        HttpResponse<byte[]> png = client.send(HttpRequest.newBuilder(URI.create(url("/passport/" + pack
                + "/label.png"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> svg = get("/passport/" + pack + "/label.svg");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(pack).doesNotContain("id=\"restricted\"");
        assertThat(png.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        var image = ImageIO.read(new ByteArrayInputStream(png.body()));
        // The label is a clean, unrotated symbol: read it as such. Without the hint ZXing's finder
        // search misses some symbols now and then, which made this test fail on a random port.
        var decoded = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(
                        new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image))),
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE));
        assertThat(decoded.getText()).isEqualTo(url("/passport/" + pack));
        assertThat(svg.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(svg.body()).contains("<svg", pack);
    }

    @Test
    void a_mistyped_code_at_the_scanner_is_answered_with_the_broken_rule_not_an_internal_error() {
        var r = api("recycler", org.springframework.http.HttpMethod.GET, "/api/scan/NP1PEA1WEBTEST0000000", null);

        assertThat(r.getStatusCode().value()).isEqualTo(422);
        assertThat(r.getBody().get("code").asText()).isEqualTo("INVALID_CODE");
        assertThat(r.getBody().get("detail").asText()).contains("length");
    }

    @Test
    void an_unknown_unit_is_a_not_found_page() throws Exception {
        HttpResponse<String> r = get("/passport/" + newPackCode());

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("id=\"error-code\"", "NOT_FOUND");
    }

    @Test
    void an_import_with_a_bad_batch_id_is_refused_naming_the_field() throws Exception {
        String token = signIn("maker");
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"batchId\"\r\n\r\nno spaces allowed\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\ncode\nX\r\n--" + boundary + "--\r\n";

        HttpResponse<String> r = post("/import", "multipart/form-data; boundary=" + boundary, body,
                "X-CSRF-TOKEN", token, "Accept", "application/json");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode problem = Json.tree(r.body());
        assertThat(problem.get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(problem.get("detail").asText()).startsWith("batchId:");
    }
}
