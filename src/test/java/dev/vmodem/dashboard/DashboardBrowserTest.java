package dev.vmodem.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vmodem.client.AtClient;
import dev.vmodem.control.VirtualModem;
import dev.vmodem.trace.Transcript;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them)
 * loads the page, watches a download made through the AT commands progress to completion, then clicks the
 * coverage-loss control and sees the modem lose its registration. Skipped only when the browser is not installed.
 *
 * <p>It takes a screenshot while the transfer is halfway: target/dashboard.png, or the file named by the system
 * property {@code vmodem.dashboard.screenshot} (docs/dashboard.png is made with
 * {@code mvn -o test -Dtest=DashboardBrowserTest -Dvmodem.dashboard.screenshot=docs/dashboard.png}).
 */
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path root;
    @TempDir
    Path profile;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void followsATransferAndAppliesAFault() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "headless Chromium not installed (apt-get install chromium chromium-driver; .ci/run does it)");
        byte[] file = new byte[240 * 1024];
        new Random(11).nextBytes(file);
        Files.write(root.resolve("firmware-v2.bin"), file);
        Files.writeString(root.resolve("notes.txt"), "release notes\n");

        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--user-data-dir=" + profile, "--window-size=1280,1400");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();

        // 320 kbit/s: the 240 KB download takes about 6 s, long enough to watch
        try (VirtualModem m = VirtualModem.builder().ftpRoot(root).dashboard("127.0.0.1:0")
                .set("modem.boot.interval.ms", "1").set("ftp.server.samples", "false")
                .fault("bandwidth 320 dir=down").start().awaitReady()) {
            ChromeDriver browser = new ChromeDriver(service, o);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(50));
                browser.get(m.dashboard().url() + "/");
                wait.until(d -> d.findElement(By.id("conn")).getText().equals("live"));
                wait.until(d -> d.findElement(By.id("reg")).getText().contains("HOME"));
                wait.until(d -> d.findElement(By.id("files")).getText().contains("firmware-v2.bin"));

                CompletableFuture<byte[]> download = CompletableFuture.supplyAsync(
                    () -> Downloads.get(m, "firmware-v2.bin", file.length));

                // running, with a total and a partly filled bar: the screenshot for docs/, taken at once
                Path shot = Path.of(System.getProperty("vmodem.dashboard.screenshot", "target/dashboard.png"))
                    .toAbsolutePath();
                Files.createDirectories(shot.getParent());
                String[] seen = new String[2];
                wait.until(d -> {
                    List<WebElement> rows = d.findElements(By.cssSelector(".transfer[data-state=running]"));
                    if (rows.isEmpty()) {
                        return false;
                    }
                    String text = rows.get(0).findElement(By.className("progress-text")).getText();
                    int pct = percent(text);
                    if (pct < 35 || pct > 75) {
                        return false;
                    }
                    try {
                        Files.write(shot, ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    seen[0] = rows.get(0).findElement(By.className("name")).getText();
                    seen[1] = text;
                    return true;
                });
                assertThat(seen[0]).contains("RETR /firmware-v2.bin");
                assertThat(seen[1]).contains("of 240.0 KB", "/s", "left");

                assertThat(download.get(30, TimeUnit.SECONDS)).isEqualTo(file);
                WebElement done = wait.until(d -> d.findElements(By.cssSelector(".transfer[data-state=done]"))
                    .stream().findFirst().orElse(null));
                assertThat(done.findElement(By.className("outcome")).getText()).isEqualTo("ok");
                assertThat(done.findElement(By.className("progress-text")).getText()).startsWith(
                    "240.0 KB of 240.0 KB (100%)");
                // the transcript: commands, URCs marked, data blocks summarised
                WebElement transcript = browser.findElement(By.id("transcript"));
                wait.until(d -> transcript.getText().contains("+FTPGET: 1,0"));
                assertThat(transcript.findElements(By.cssSelector(".badge.urc"))).isNotEmpty();
                assertThat(transcript.findElements(By.cssSelector(".badge.data"))).isNotEmpty();
                assertThat(transcript.getText()).contains("AT+FTPGET=1", "+FTPGET: 2,1460\\r\\n [1460 bytes: ");
                lastBlockAndEndInOneAnswer(m, wait, transcript);

                // a fault control: the antenna falls off
                browser.findElement(By.id("ctl-coverage")).click();
                wait.until(d -> d.findElement(By.id("reg")).getText().contains("SEARCHING"));
                assertThat(m.network().radio().state().inCoverage()).isFalse();
                assertThat(browser.findElement(By.id("ctl-coverage")).getAttribute("class")).contains("active");
                assertThat(browser.findElement(By.id("csq")).getText()).isEqualTo("+CSQ: 99,99");
                browser.findElement(By.id("ctl-coverage")).click();
                wait.until(d -> d.findElement(By.id("reg")).getText().contains("HOME"));
                assertThat(m.network().faults().active()).hasSize(1); // the bandwidth cap stays

                // a reload keeps working: state, the finished transfer and the history come back
                browser.navigate().refresh();
                wait.until(d -> d.findElement(By.id("conn")).getText().equals("live"));
                wait.until(d -> !d.findElements(By.cssSelector(".transfer[data-state=done]")).isEmpty());
                wait.until(d -> d.findElement(By.id("transcript")).getText().contains("coverage"));
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * A download whose server has finished before the host reads: the last block's answer carries its OK and then
     * {@code +FTPGET: 1,0}, in one write and so in one transcript entry. The page shows the block as data and what
     * follows it as text, so the end of the download is not hidden in the hex.
     */
    private static void lastBlockAndEndInOneAnswer(VirtualModem m, WebDriverWait wait, WebElement transcript) {
        AtClient at = m.at();
        at.command("AT+FTPGETNAME=\"notes.txt\"");
        at.command("AT+FTPGET=1");
        assertThat(at.awaitLine(Pattern.compile("\\+FTPGET: 1,\\d+"))).isEqualTo("+FTPGET: 1,1");
        wait.until(d -> m.network().transfers().all().stream()
            .anyMatch(t -> t.name().equals("RETR /notes.txt") && !t.running()));
        assertThat(at.command("AT+FTPGET=2,1460")).isEqualTo("\r\n+FTPGET: 2,14\r\nrelease notes\n\r\nOK\r\n");
        at.awaitLine(Pattern.compile("\\+FTPGET: 1,0"));
        String shown = "+FTPGET: 2,14\\r\\n [14 bytes: 72 65 6c 65 61 73 65 20 6e 6f 74 65 73 0a] \\r\\nOK\\r\\n";
        Transcript.Entry last = m.transcript().entries().stream()
            .filter(e -> e.text().contains("+FTPGET: 2,14")).reduce((a, b) -> b).orElseThrow();
        if (last.text().contains("+FTPGET: 1,0")) {
            shown += "\\r\\n+FTPGET: 1,0\\r\\n"; // one write, as expected: shown after the block
        }
        String expected = shown;
        wait.until(d -> transcript.getText().contains(expected));
    }

    private static int percent(String progress) {
        java.util.regex.Matcher mt = java.util.regex.Pattern.compile("\\((\\d+)%\\)").matcher(progress);
        return mt.find() ? Integer.parseInt(mt.group(1)) : -1;
    }
}
