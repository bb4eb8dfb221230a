package org.batteryledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A battery maker imports a production batch from CSV in a real browser. */
class ImportPageBrowserTest extends BrowserTestBase {
    private static final int GOOD_ROWS = 30;

    private Path csv(List<String> codes, boolean withErrors) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("code,model,massGrams,hazards");
        for (int i = 0; i < codes.size(); i++) {
            lines.add(codes.get(i) + ",WEB-IMPORT," + (400_000 + i) + ",high voltage;corrosive");
            if (withErrors && i == 1) {
                lines.add("NP1PEA1WEBTEST0000000,WEB-IMPORT,400000,"); // date and serial fields broken
                lines.add(newPackCode() + ",WEB-IMPORT,heavy,"); // not a number
            }
        }
        Path file = Files.createTempFile("batch", ".csv");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private String importFile(String batchId, Path file) {
        driver.get(url("/import"));
        driver.findElement(By.id("batchId")).sendKeys(batchId);
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("import-submit")).click();
        WebElement job = await(By.id("job"));
        waiting().until(d -> "DONE".equals(job.getAttribute("data-phase")));
        WebElement bar = driver.findElement(By.id("progress"));
        assertThat(bar.getAttribute("value")).as("progress at the end").isEqualTo(bar.getAttribute("max"));
        return driver.findElement(By.id("job-status")).getText();
    }

    @Test
    void an_import_reports_every_bad_row_registers_the_rest_and_reaches_the_end_of_the_progress_bar()
            throws IOException {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < GOOD_ROWS; i++) {
            codes.add(newPackCode());
        }
        signIn("maker");

        String status = importFile("WEB-B1", csv(codes, true));

        assertThat(status).contains((GOOD_ROWS + 2) + " rows: " + GOOD_ROWS + " registered now, 0 already registered, 2 errors");
        List<String> errors = driver.findElements(By.cssSelector("#errors tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("4 code INVALID_CODE");
        assertThat(errors.get(1)).startsWith("5 massGrams INVALID_ARGUMENT");
        assertThat(unit(codes.get(0)).get("status").asText()).isEqualTo("PRODUCED");
        assertThat(unit(codes.get(GOOD_ROWS - 1)).get("spec").get("massGrams").asLong())
                .isEqualTo(400_000 + GOOD_ROWS - 1);
    }

    @Test
    void sending_the_same_file_again_registers_nothing_twice() throws IOException {
        List<String> codes = List.of(newPackCode(), newPackCode(), newPackCode());
        Path file = csv(codes, false);
        signIn("maker");
        importFile("WEB-B2", file);
        int history = api("regulator", org.springframework.http.HttpMethod.GET,
                "/api/batteries/" + codes.get(0) + "/history", null).getBody().get("count").asInt();

        String again = importFile("WEB-B2", file);

        assertThat(again).contains("3 rows: 0 registered now, 3 already registered, 0 errors");
        assertThat(api("regulator", org.springframework.http.HttpMethod.GET,
                "/api/batteries/" + codes.get(0) + "/history", null).getBody().get("count").asInt()).isEqualTo(history);
    }
}
