package dev.vmodem.commands.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the FTP family publishes for the control API's state: the session and the RAM buffer's use. */
class FtpStatusTest {

    @TempDir
    Path dir;

    @Test
    void publishesTheSessionAndTheStore() {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.login();
            Map<String, Object> status = h.modem.status();
            @SuppressWarnings("unchecked")
            Map<String, Object> ftp = (Map<String, Object>) status.get("ftp");
            assertThat(ftp).containsEntry("state", 0).containsEntry("server", "ftp.example.com:21");
            @SuppressWarnings("unchecked")
            Map<String, Object> store = (Map<String, Object>) status.get("store");
            assertThat(store).containsEntry("capacity", 307200).containsEntry("length", 0)
                .containsEntry("allocated", 0);

            h.command("AT+FTPEXTPUT=1", "\r\nOK\r\n");
            h.command("AT+FTPEXTPUT=2,0,100,10000", "\r\n+FTPEXTPUT: 0,100\r\n");
            h.send(new byte[100]);
            h.expect("\r\nOK\r\n");
            @SuppressWarnings("unchecked")
            Map<String, Object> after = (Map<String, Object>) h.modem.status().get("store");
            assertThat(after).containsEntry("length", 100);
            assertThat((Integer) after.get("allocated")).isPositive();
        }
    }
}
