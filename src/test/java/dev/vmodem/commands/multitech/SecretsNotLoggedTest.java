package dev.vmodem.commands.multitech;

import static dev.vmodem.commands.multitech.MultitechSupport.until;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.vmodem.config.Config;
import dev.vmodem.ftp.EmbeddedFtpServer;
import dev.vmodem.testing.ModemHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** AT#APNPW and AT#FTPPW never reach the log, at any level, whether the command succeeds or fails. */
class SecretsNotLoggedTest {

    private static final String APN_SECRET = "apn-S3cret";
    private static final String FTP_SECRET = "ftp-S3cret";

    @TempDir
    Path dir;

    @Test
    void passwordsAreNeverLogged() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger vmodem = (Logger) LoggerFactory.getLogger("dev.vmodem");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        Level was = vmodem.getLevel();
        vmodem.setLevel(Level.DEBUG);
        try (EmbeddedFtpServer server = MultitechSupport.server(dir.resolve("ftp"), "sim", FTP_SECRET);
             ModemHarness h = MultitechSupport.harness(server, Config.defaults()
                     .with("network.auth.user", "web").with("network.auth.password", APN_SECRET))) {
            Files.write(dir.resolve("ftp/a.bin"), new byte[] {1, 2, 3});
            h.exchange("AT+CMEE=1;+WOPEN=1\r");
            // a failing write of a password: too long, with the secret in it
            assertThat(h.exchange("AT#APNPW=\"" + APN_SECRET.repeat(5) + "\"\r")).endsWith("#CME ERROR: 34882\r\n");
            assertThat(h.exchange("AT#FTPPW=\"" + FTP_SECRET.repeat(9) + "\"\r")).endsWith("#CME ERROR: 34882\r\n");
            h.exchange("AT#APNUN=\"web\";#APNPW=\"" + APN_SECRET + "\"\r");
            h.send("AT#CONNECTIONSTART\r");
            until(h, "Ok_Info_GprsActivation\r\n");
            h.exchange("AT#FTPSERV=\"ftp.example.com\";#FTPUN=\"sim\";#FTPPW=\"" + FTP_SECRET
                    + "\";#FTPGETFILENAME=\"a.bin\"\r");
            h.send("AT#FTPGET\r");
            until(h, "\r\nOK\r\n");
            h.exchange("AT#FTPPW=\"wrong-" + FTP_SECRET + "\"\r");
            h.send("AT#FTPGET\r");
            until(h, "#CME ERROR: 37966\r\n");
        } finally {
            vmodem.setLevel(was);
            root.detachAppender(logs);
        }
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            String text = e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            assertThat(text).as(e.getLoggerName()).doesNotContain(APN_SECRET).doesNotContain(FTP_SECRET);
        }
    }
}
