package dev.vmodem.commands.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.testing.TestBytes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AT+CFUN=1,1 clears the module's RAM: the FTP session ends without a report, its worker goes away, AT+FTPSTATE is 0
 * and the parameters come back from the saved context (AT+FTPSCONT) or the defaults.
 */
class FtpRestartTest {

    private static final String OK = "\r\nOK\r\n";

    @TempDir
    Path dir;

    /** AT+CFUN=1,1, the power-on codes, and the bearer opened again; returns what the modem wrote. */
    private static String restart(FtpHarness h) {
        h.command("AT+CFUN=1,1", OK);
        h.time.advance(Duration.ofSeconds(5));
        h.time.runDue();
        String out = h.take();
        h.modem.network().bearers().open(1);
        h.time.advance(Duration.ofSeconds(5));
        h.take();
        return out;
    }

    /** Waits (real time, bounded) until no FTP worker thread is inside an operation. */
    private static void awaitNoWorkerRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            boolean busy = Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("ftp-worker-"))
                .anyMatch(e -> Arrays.stream(e.getValue())
                    .anyMatch(f -> f.getClassName().equals(FtpOperation.class.getName())));
            if (!busy) {
                return;
            }
            assertThat(System.nanoTime()).as("an FTP worker still runs after the restart").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void restartEndsTheSessionSilentlyAndRestoresTheDefaults() throws Exception {
        try (FtpHarness h = new FtpHarness(dir, o -> o.config.put("ftp.get.buffer.bytes", "1024"))) {
            byte[] big = TestBytes.file(2_000_000);
            h.put("big.bin", big);
            h.login();
            h.command("AT+FTPGETNAME=\"big.bin\"", OK);
            h.command("AT+FTPREST=7", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 1\r\n" + OK);

            String out = restart(h);
            assertThat(out).contains("RDY").contains("SMS Ready").doesNotContain("+FTP");
            awaitNoWorkerRunning();
            h.expectNothing();
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            h.command("AT+FTPGET=2,100", "\r\nERROR\r\n");
            h.command("AT+FTPSERV?", "\r\n+FTPSERV: \"\"\r\n" + OK);
            h.command("AT+FTPGETNAME?", "\r\n+FTPGETNAME: \"\"\r\n" + OK);
            h.command("AT+FTPMODE?", "\r\n+FTPMODE: 0\r\n" + OK);
            h.command("AT+FTPREST?", "\r\n+FTPREST: 0\r\n" + OK);

            // the next session works
            byte[] small = TestBytes.file(3000);
            h.put("f.bin", small);
            h.login();
            h.command("AT+FTPGETNAME=\"f.bin\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            assertThat(h.readAll("AT+FTPGET=2,1460", "+FTPGET", small.length)).isEqualTo(small);
        }
    }

    @Test
    void restartDuringAnUploadAndTheRamBuffer() throws Exception {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.login();
            h.command("AT+FTPEXTPUT=1", OK);
            h.command("AT+FTPEXTPUT=2,0,10,10000", "\r\n+FTPEXTPUT: 0,10\r\n");
            h.send("0123456789");
            h.expect(OK);
            h.command("AT+FTPEXTPUT=0", OK);
            h.command("AT+FTPPUTNAME=\"up.bin\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,1,1360\r\n");

            assertThat(restart(h)).contains("RDY").doesNotContain("+FTP");
            awaitNoWorkerRunning();
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            h.command("AT+FTPPUT=2,10", "\r\nERROR\r\n");
            h.command("AT+FTPEXTGET?", "\r\n+FTPEXTGET: 0,0\r\n" + OK);
        }
    }

    @Test
    void restartReloadsTheSavedContext() {
        try (FtpHarness h = new FtpHarness(dir)) {
            byte[] small = TestBytes.file(3000);
            h.put("f.bin", small);
            h.login();
            h.command("AT+FTPGETNAME=\"f.bin\"", OK);
            h.command("AT+FTPSCONT", OK);
            h.command("AT+FTPGETNAME=\"other.bin\"", OK);
            h.command("AT+FTPMODE=0", OK);
            assertThat(h.answer("AT+FTPSCONT?")).startsWith("\r\n+FTPSCONT: 1\r\n");

            restart(h);
            h.command("AT+FTPGETNAME?", "\r\n+FTPGETNAME: \"f.bin\"\r\n" + OK);
            h.command("AT+FTPMODE?", "\r\n+FTPMODE: 1\r\n" + OK);
            h.command("AT+FTPSERV?", "\r\n+FTPSERV: \"ftp.example.com\"\r\n" + OK);
            assertThat(h.answer("AT+FTPSCONT?")).startsWith("\r\n+FTPSCONT: 0\r\n");
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            assertThat(h.readAll("AT+FTPGET=2,1460", "+FTPGET", small.length)).isEqualTo(small);
        }
    }
}
