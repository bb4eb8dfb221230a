package org.batteryledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Dashboards in a real browser: the charts are drawn, each user sees its scope. */
class DashboardBrowserTest extends BrowserTestBase {

    private int bars(String chart) {
        return driver.findElements(By.cssSelector("#" + chart + " svg path")).size();
    }

    @Test
    void the_regulator_sees_the_whole_picture_as_charts() {
        signIn("regulator");

        driver.get(url("/dashboard"));

        waiting().until(d -> "drawn".equals(d.findElement(By.tagName("main")).getAttribute("data-charts")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("All batteries");
        assertThat(bars("chart-status")).as("status chart drawn").isGreaterThan(3);
        assertThat(bars("chart-company")).as("company chart drawn").isGreaterThan(3);
        assertThat(bars("chart-collected")).as("collection chart drawn").isGreaterThan(0);
        // The demo ledger has anomalies (e.g. handovers left pending): the compliance report's list.
        assertThat(driver.findElements(By.cssSelector("#anomalies tr"))).as("anomaly rows").isNotEmpty();
        assertThat(driver.findElements(By.id("anomalies-none"))).isEmpty();
    }

    @Test
    void an_automaker_sees_the_units_it_answers_for() {
        signIn("automaker");

        driver.get(url("/dashboard"));

        waiting().until(d -> "drawn".equals(d.findElement(By.tagName("main")).getAttribute("data-charts")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Batteries your company answers for");
        assertThat(driver.findElements(By.id("chart-company"))).isEmpty();
        assertThat(bars("chart-status")).isGreaterThan(0);
    }
}
