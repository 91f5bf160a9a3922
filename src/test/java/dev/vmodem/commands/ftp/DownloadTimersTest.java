package dev.vmodem.commands.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.testing.TestBytes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When AT+FTPGET repeats {@code +FTPGET: 1,1} and gives up with 64, on the modem's clock: counted from the
 * announcement or the last read that left data, every 5 s (ftp.urc.repeat.ms), 64 after AT+FTPTIMEOUT seconds
 * without a read. The file fits the download buffer, so once the worker is done nothing but the host and the clock
 * changes what is buffered.
 */
class DownloadTimersTest {

    private static final String OK = "\r\nOK\r\n";
    private static final int SIZE = 10_000;

    @TempDir
    Path dir;

    private FtpHarness opened(int timeoutSeconds) throws InterruptedException {
        FtpHarness h = new FtpHarness(dir);
        h.put("f.bin", TestBytes.file(SIZE));
        h.login();
        h.command("AT+FTPGETNAME=\"f.bin\"", OK);
        h.command("AT+FTPTIMEOUT=" + timeoutSeconds, OK);
        h.command("AT+FTPGET=1", OK);
        h.expect("\r\n+FTPGET: 1,1\r\n");
        // the transfer is done once the whole file is in the buffer and the server confirmed it
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!transferDone(h) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(transferDone(h)).isTrue();
        return h;
    }

    private static boolean transferDone(FtpHarness h) {
        return h.modem.network().transfers().all().stream().anyMatch(t -> t.state().equals("done"));
    }

    @Test
    void aReadThatLeavesDataMovesBothDeadlines() throws Exception {
        try (FtpHarness h = opened(12)) {
            h.time.advance(Duration.ofSeconds(3));
            h.expectNothing();
            byte[] got = h.readBlock("AT+FTPGET=2,1000", "+FTPGET: 2,");
            assertThat(got).isEqualTo(Arrays.copyOf(TestBytes.file(SIZE), 1000));
            h.time.advance(Duration.ofSeconds(4)); // 7 s: the repeat first due at 5 s now counts from the read
            h.expectNothing();
            h.time.advance(Duration.ofSeconds(1)); // 8 s
            h.expect("\r\n+FTPGET: 1,1\r\n");
            h.time.advance(Duration.ofSeconds(5)); // 13 s
            h.expect("\r\n+FTPGET: 1,1\r\n");
            h.time.advance(Duration.ofSeconds(1)); // 14 s
            h.expectNothing();
            h.time.advance(Duration.ofSeconds(1)); // 15 s: 12 s after the read
            h.expect("\r\n+FTPGET: 1,64\r\n");
            h.command("AT+FTPGET=2,1000", "\r\nERROR\r\n");
        }
    }

    @Test
    void theLastReadEndsTheSessionAndNothingRepeats() throws Exception {
        try (FtpHarness h = opened(12)) {
            // readAll ends with the "+FTPGET: 1,0" the last read brings
            assertThat(h.readAll("AT+FTPGET=2,1460", "+FTPGET", SIZE)).isEqualTo(TestBytes.file(SIZE));
            assertThat(h.skipped).isEmpty(); // no repeat or re-announcement between the reads
            h.time.advance(Duration.ofSeconds(30));
            h.expectNothing();
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
        }
    }

    @Test
    void aTimeoutEqualToTheRepeatGivesTheRepeatFirst() throws Exception {
        try (FtpHarness h = opened(5)) {
            h.time.advance(Duration.ofSeconds(4));
            h.expectNothing();
            h.time.advance(Duration.ofSeconds(1));
            h.expect("\r\n+FTPGET: 1,1\r\n\r\n+FTPGET: 1,64\r\n");
            h.time.advance(Duration.ofSeconds(10));
            h.expectNothing();
        }
    }
}
