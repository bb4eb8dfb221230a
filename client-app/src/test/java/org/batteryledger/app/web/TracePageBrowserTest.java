package org.batteryledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.batteryledger.app.demo.DemoConsortium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The regulator's trace of a pack in a real browser: timeline, custody chain, pack → module tree. */
class TracePageBrowserTest extends BrowserTestBase {

    @Test
    void the_regulator_sees_the_timeline_the_custody_chain_and_the_parts() {
        String pack = newPackCode();
        String module = "NP1M" + newPackCode().substring(4);
        commit("maker", "/api/batteries", Map.of("code", module));
        commit("maker", "/api/batteries", Map.of("code", pack));
        commit("maker", "/api/batteries/" + pack + "/children", Map.of("children", List.of(module)));
        commit("maker", "/api/batteries/" + pack + "/ship", Map.of());
        commit("maker", "/api/handovers", Map.of("codes", List.of(pack), "to", companyId("automaker")));
        commit("automaker", "/api/handovers/accept", Map.of("codes", List.of(pack)));
        signIn("regulator");

        driver.get(url("/trace"));
        driver.findElement(By.id("code")).sendKeys(pack.toLowerCase());
        driver.findElement(By.id("trace-submit")).click();

        assertThat(await(By.id("trace-code")).getText()).isEqualTo(pack);
        List<String> actions = driver.findElements(By.cssSelector("#timeline li")).stream()
                .map(e -> e.getAttribute("data-action")).toList();
        assertThat(actions).containsExactly("ACCEPT_HANDOVER", "OFFER_HANDOVER", "SHIP", "BIND_CHILDREN",
                "REGISTER_UNITS");
        assertThat(driver.findElements(By.cssSelector("#custody li")).stream().map(WebElement::getText).toList())
                .satisfiesExactly(
                        first -> assertThat(first).startsWith(DemoConsortium.byUsername("maker").name()),
                        second -> assertThat(second).startsWith(DemoConsortium.byUsername("automaker").name()));
        assertThat(driver.findElement(By.cssSelector("#tree > li > code")).getText()).isEqualTo(pack);
        assertThat(driver.findElement(By.cssSelector("#tree > li > ul > li")).getText()).contains(module, "MODULE");
    }
}
