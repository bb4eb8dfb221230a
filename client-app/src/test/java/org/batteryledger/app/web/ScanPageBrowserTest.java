package org.batteryledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.batteryledger.app.demo.DemoConsortium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The yard's scan page in a real browser: scan, see what the ledger allows, act, and survive a lost connection. */
class ScanPageBrowserTest extends BrowserTestBase {

    private void scan(String code) {
        WebElement input = driver.findElement(By.id("code"));
        input.sendKeys(code, Keys.ENTER); // what a barcode scanner types
    }

    private List<String> actionButtons() {
        return driver.findElements(By.cssSelector("#actions [data-action]")).stream()
                .map(e -> e.getAttribute("data-action")).toList();
    }

    private String queueState(String code) {
        List<WebElement> items = driver.findElements(By.cssSelector("#queue li[data-code='" + code + "']"));
        return items.isEmpty() ? null : items.get(0).getAttribute("data-state");
    }

    private void offline(boolean off) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", off, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    @Test
    void signed_in_user_sees_the_company_it_acts_for() {
        signIn("recycler");
        driver.get(url("/scan"));

        assertThat(await(By.id("acting-for")).getText()).contains(DemoConsortium.byUsername("recycler").name());
    }

    @Test
    void scanning_a_pack_offered_to_the_user_shows_the_unit_and_exactly_the_ledgers_actions() {
        String pack = packOfferedTo("automaker");
        signIn("automaker");
        driver.get(url("/scan"));

        scan(pack);

        await(By.id("unit-card"));
        assertThat(driver.findElement(By.id("unit-code")).getText()).isEqualTo(pack);
        assertThat(driver.findElement(By.id("unit-status")).getText()).isEqualTo("in stock");
        assertThat(driver.findElement(By.id("hazards")).getText()).contains("high voltage");
        assertThat(actionButtons()).containsExactlyInAnyOrder("ACCEPT_HANDOVER", "REJECT_HANDOVER");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("focus stays in the code field")
                .isEqualTo("code");
    }

    @Test
    void accepting_a_handover_from_the_keyboard_commits_it_on_the_ledger() {
        String pack = packOfferedTo("automaker");
        signIn("automaker");
        driver.get(url("/scan"));
        scan(pack);
        await(By.id("unit-card"));

        int accept = actionButtons().indexOf("ACCEPT_HANDOVER") + 1;
        driver.findElement(By.id("code")).sendKeys(Keys.chord(Keys.ALT, Integer.toString(accept)));

        waiting().until(d -> "COMMITTED".equals(queueState(pack)));
        assertThat(unit(pack).get("holder").asText()).isEqualTo(companyId("automaker"));
        assertThat(unit(pack).has("pendingHandover")).isFalse();
    }

    @Test
    void many_scans_in_a_row_each_show_their_unit_within_a_second_without_the_mouse() {
        List<String> packs = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            packs.add(packOfferedTo("automaker"));
        }
        signIn("automaker");
        driver.get(url("/scan"));
        List<Integer> millis = new java.util.ArrayList<>();

        for (String pack : packs) {
            scan(pack);
            waiting().until(d -> pack.equals(d.findElement(By.id("unit-code")).getText()));
            millis.add(Integer.parseInt(driver.findElement(By.tagName("main")).getAttribute("data-last-scan-ms")));
        }

        java.util.Collections.sort(millis);
        System.out.println("scan page, Enter to unit on screen, ms (sorted): " + millis);
        assertThat(millis.get(millis.size() / 2)).as("median ms").isLessThan(1000);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("code");
    }

    @Test
    void a_user_with_nothing_to_do_gets_no_buttons() {
        String pack = packOfferedTo("automaker");
        signIn("recycler");
        driver.get(url("/scan"));

        scan(pack);

        await(By.id("no-actions"));
        assertThat(actionButtons()).isEmpty();
    }

    @Test
    void scans_made_while_the_server_is_unreachable_are_kept_and_committed_once_it_is_back() {
        String first = packOfferedTo("automaker");
        String second = packOfferedTo("automaker");
        signIn("automaker");
        driver.get(url("/scan"));
        new Select(driver.findElement(By.id("auto-action"))).selectByValue("ACCEPT_HANDOVER");
        driver.findElement(By.id("code")).click();

        offline(true);
        try {
            scan(first);
            waiting().until(d -> "QUEUED".equals(queueState(first)));
            scan(second);
            waiting().until(d -> "QUEUED".equals(queueState(second)));
            String kept = (String) driver.executeScript(
                    "return localStorage.getItem('battery-ledger.scans.automaker')");
            assertThat(kept).contains(first, second, "/api/handovers/accept");
            assertThat(unit(first).get("holder").asText()).isEqualTo(companyId("maker"));
        } finally {
            offline(false);
        }
        driver.navigate().refresh(); // the kept scans survive a reload and are sent from the browser's store

        waiting().until(d -> "COMMITTED".equals(queueState(first)) && "COMMITTED".equals(queueState(second)));
        assertThat(unit(first).get("holder").asText()).isEqualTo(companyId("automaker"));
        assertThat(unit(second).get("holder").asText()).isEqualTo(companyId("automaker"));
    }
}
