package org.batteryledger.app.web;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** {@link WebAppTestBase} with one headless Chromium per test class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
public abstract class BrowserTestBase extends WebAppTestBase implements ScreenshotOnFailure.HasBrowser {
    static final Duration WAIT = Duration.ofSeconds(15);

    ChromeDriver driver;
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

    WebDriverWait waiting() {
        // Pages re-render lists as they change: an element read mid-render is read again.
        return (WebDriverWait) new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class);
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
}
