package org.batteryledger.app.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Saves what the browser showed when a test failed to {@code target/screenshots/<Class>.<test>.png}
 * (the module's target directory, where surefire runs), so a CI failure can be seen, not guessed.
 */
public class ScreenshotOnFailure implements TestWatcher {
    static final Path DIR = Path.of("target", "screenshots");

    /** A test that drives a browser. */
    public interface HasBrowser {
        WebDriver browser();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (!(context.getTestInstance().orElse(null) instanceof HasBrowser test) || test.browser() == null) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            Path shot = ((TakesScreenshot) test.browser()).getScreenshotAs(OutputType.FILE).toPath();
            Path to = DIR.resolve(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod()
                    .getName() + ".png");
            Files.copy(shot, to, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("screenshot of the failure: " + to.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot of the failure: " + e);
        }
    }
}
