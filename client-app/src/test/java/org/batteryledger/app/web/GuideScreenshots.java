package org.batteryledger.app.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.Select;

/**
 * Takes the screenshots of {@code docs/guide/} with the browser tests' set-up. Not a test of
 * behaviour, so it runs only when asked:
 * {@code ./mvnw -B -o -pl client-app test -Dtest=GuideScreenshots -Dguide.screenshots=../docs/guide/img}.
 */
@EnabledIfSystemProperty(named = "guide.screenshots", matches = ".+")
class GuideScreenshots extends BrowserTestBase {

    private void shot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("guide.screenshots"));
        Files.createDirectories(dir);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void take_the_guide_screenshots() throws Exception {
        String pack = packOfferedTo("automaker");
        String kept = packOfferedTo("automaker");

        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        shot("sign-in");

        signIn("automaker");
        driver.get(url("/scan"));
        driver.findElement(By.id("code")).sendKeys(pack, Keys.ENTER);
        await(By.id("unit-card"));
        shot("scan");
        driver.findElement(By.cssSelector("#actions [data-action='ACCEPT_HANDOVER']")).click();
        waiting().until(d -> !d.findElements(By.cssSelector("#queue li[data-state='COMMITTED']")).isEmpty());
        new Select(driver.findElement(By.id("auto-action"))).selectByValue("ACCEPT_HANDOVER");
        driver.executeCdpCommand("Network.enable", java.util.Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", java.util.Map.of("offline", true, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        driver.findElement(By.id("code")).sendKeys(kept, Keys.ENTER);
        waiting().until(d -> !d.findElements(By.cssSelector("#queue li[data-state='QUEUED']")).isEmpty());
        shot("scan-offline");
        driver.executeCdpCommand("Network.emulateNetworkConditions", java.util.Map.of("offline", false, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        waiting().until(d -> d.findElements(By.cssSelector("#queue li[data-state='QUEUED']")).isEmpty());

        driver.get(url("/dashboard"));
        waiting().until(d -> "drawn".equals(d.findElement(By.tagName("main")).getAttribute("data-charts")));
        shot("dashboard-automaker");

        driver.manage().deleteAllCookies();
        driver.get(url("/passport/" + pack));
        await(By.id("qr"));
        shot("passport-public");
        driver.get(url("/passport/" + pack + "/label"));
        shot("label");

        signIn("regulator");
        driver.get(url("/dashboard"));
        waiting().until(d -> "drawn".equals(d.findElement(By.tagName("main")).getAttribute("data-charts")));
        shot("dashboard-regulator");
        driver.get(url("/trace?code=" + pack));
        await(By.id("timeline"));
        shot("trace");

        signIn("maker");
        List<String> lines = new ArrayList<>(List.of("code,model,massGrams,hazards"));
        for (int i = 0; i < 40; i++) {
            lines.add(newPackCode() + ",NP-75," + 420_000 + ",high voltage;corrosive");
        }
        lines.add(3, "NP1PEA1XXXXXXXX0000000,NP-75,420000,");
        lines.add(6, newPackCode() + ",NP-75,heavy,");
        Path csv = Files.createTempFile("batch", ".csv");
        Files.writeString(csv, String.join("\n", lines) + "\n");
        driver.get(url("/import"));
        driver.findElement(By.id("batchId")).sendKeys("2026-03-01-L1");
        driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        driver.findElement(By.id("import-submit")).click();
        waiting().until(d -> "DONE".equals(d.findElement(By.id("job")).getAttribute("data-phase")));
        driver.executeScript("document.getElementById('batchId').scrollIntoView()");
        shot("import");

        driver.get(url("/scan?lang=zh-CN"));
        driver.findElement(By.id("code")).sendKeys(pack, Keys.ENTER);
        await(By.id("unit-card"));
        shot("scan-zh");
        driver.get(url("/scan?lang=en"));
    }
}
