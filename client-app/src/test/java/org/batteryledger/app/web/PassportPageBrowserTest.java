package org.batteryledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.batteryledger.app.demo.DemoConsortium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The passport a QR label leads to, in a real browser, with and without signing in. */
class PassportPageBrowserTest extends BrowserTestBase {

    @Test
    void anyone_sees_the_public_passport_without_the_restricted_fields() {
        String pack = packOfferedTo("automaker");
        driver.manage().deleteAllCookies();

        driver.get(url("/passport/" + pack));

        assertThat(await(By.id("passport-code")).getText()).isEqualTo(pack);
        assertThat(driver.findElement(By.id("tier")).getAttribute("data-tier")).isEqualTo("PUBLIC");
        assertThat(driver.findElements(By.id("restricted"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("[data-field='holder'], [data-field='responsible']"))).isEmpty();
        String page = driver.getPageSource();
        assertThat(page).doesNotContain(DemoConsortium.byUsername("maker").name(), companyId("maker"));
        assertThat(driver.findElement(By.cssSelector("#spec [data-field='model']")).isDisplayed()).isTrue();
        assertThat(driver.findElements(By.id("sign-in-link"))).hasSize(1);
    }

    @Test
    void a_signed_in_holder_sees_its_own_tier() {
        String pack = packOfferedTo("automaker");
        signIn("maker");

        driver.get(url("/passport/" + pack));

        assertThat(await(By.id("tier")).getAttribute("data-tier")).isEqualTo("LEGITIMATE_INTEREST");
        WebElement restricted = driver.findElement(By.id("restricted"));
        assertThat(restricted.getText()).contains(DemoConsortium.byUsername("maker").name());
    }

    @Test
    void the_qr_label_is_drawn_and_offered_as_png_and_svg() {
        String pack = packOfferedTo("automaker");
        driver.manage().deleteAllCookies();
        driver.get(url("/passport/" + pack));

        WebElement qr = await(By.id("qr"));
        waiting().until(d -> ((Number) driver.executeScript("return arguments[0].naturalWidth", qr)).intValue() > 0);
        assertThat(driver.findElement(By.id("label-png")).getAttribute("href")).endsWith(pack + "/label.png");
        assertThat(driver.findElement(By.id("label-svg")).getAttribute("href")).endsWith(pack + "/label.svg");
    }

    @Test
    void every_page_loads_its_scripts_and_styles_from_this_server_only() {
        String pack = packOfferedTo("automaker");
        signIn("regulator");
        for (String path : List.of("/scan", "/passport/" + pack, "/trace?code=" + pack, "/dashboard", "/login")) {
            driver.get(url(path));
            @SuppressWarnings("unchecked")
            List<String> urls = (List<String>) driver.executeScript("return Array.from(document.querySelectorAll("
                    + "'script[src], link[href], img[src]')).map(e => e.src || e.href)");
            assertThat(urls).as(path).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith(url("/")));
        }
    }

    @Test
    void the_page_switches_to_simplified_chinese_and_remembers_it() {
        String pack = packOfferedTo("automaker");
        driver.manage().deleteAllCookies();

        driver.get(url("/passport/" + pack + "?lang=zh-CN"));
        assertThat(await(By.tagName("h1")).getText()).contains("电池护照");
        driver.get(url("/passport/" + pack));
        assertThat(await(By.tagName("h1")).getText()).contains("电池护照");
        driver.get(url("/passport/" + pack + "?lang=en"));
        assertThat(await(By.tagName("h1")).getText()).contains("Battery passport");
    }
}
