package dev.vmodem.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vmodem.ftp.EmbeddedFtpServer;
import dev.vmodem.serial.SerialReceiver;
import dev.vmodem.serial.TcpLink;
import dev.vmodem.testing.TestBytes;
import dev.vmodem.trace.TraceTap;
import dev.vmodem.at.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The security rules: loopback by default (with a warning otherwise), confinement to the FTP root from the AT side,
 * passwords masked in logs and in --trace while the serial echo stays faithful, and a defined answer at every limit
 * a host controls. Confinement at the FTP level (.., absolute paths, symlinks) is tested in
 * {@code dev.vmodem.ftp.EmbeddedFtpServerTest}.
 */
class SecurityTest {

    static final String OK = "\r\nOK\r\n";

    @TempDir
    Path dir;

    /** Captures every log event at DEBUG and above while it is open. */
    static final class LogCapture implements AutoCloseable {
        final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
            {
                list = new java.util.concurrent.CopyOnWriteArrayList<>();
            }
        };
        final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        final Level before = root.getLevel();

        LogCapture() {
            appender.start();
            root.addAppender(appender);
            root.setLevel(Level.DEBUG);
        }

        String text() {
            return appender.list.stream().map(e -> e.getLoggerName() + " " + e.getLevel() + " "
                + e.getFormattedMessage()).collect(Collectors.joining("\n"));
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            root.setLevel(before);
        }
    }

    // ---- loopback unless asked ----

    @Test
    void tcpLinkBindsLoopbackByDefaultAndWarnsOtherwise() throws Exception {
        assertThat(new TcpLink(0).bindAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(TcpLink.parseAddress("5555").getAddress().isLoopbackAddress()).isTrue();
        SerialReceiver none = (b, o, n) -> { };
        try (LogCapture log = new LogCapture()) {
            TcpLink local = new TcpLink(0);
            local.open(none);
            local.close();
            assertThat(log.appender.list).noneMatch(e -> e.getLevel() == Level.WARN);
            TcpLink any = new TcpLink(new InetSocketAddress("0.0.0.0", 0));
            any.open(none);
            any.close();
            assertThat(log.appender.list).anyMatch(e -> e.getLevel() == Level.WARN
                && e.getLoggerName().contains("TcpLink"));
        }
    }

    @Test
    void embeddedFtpServerBindsLoopbackByDefaultAndWarnsOtherwise() throws Exception {
        try (LogCapture log = new LogCapture()) {
            try (EmbeddedFtpServer s = EmbeddedFtpServer.builder(dir.resolve("a")).tls(false).build().start()) {
                assertThat(s.host()).isEqualTo("127.0.0.1");
            }
            assertThat(log.appender.list).noneMatch(e -> e.getLevel() == Level.WARN
                && e.getLoggerName().contains("EmbeddedFtpServer"));
            try (EmbeddedFtpServer s = EmbeddedFtpServer.builder(dir.resolve("b")).host("0.0.0.0").tls(false)
                .build().start()) {
                assertThat(s.isRunning()).isTrue();
            }
            assertThat(log.appender.list).anyMatch(e -> e.getLevel() == Level.WARN
                && e.getLoggerName().contains("EmbeddedFtpServer") && e.getFormattedMessage().contains("not loopback"));
        }
    }

    // ---- confinement from the AT side ----

    @Test
    void atPathsCannotLeaveTheFtpRoot() throws Exception {
        Files.writeString(dir.resolve("outside.txt"), "outside secret");
        try (Rig h = new Rig(dir, o -> o.server = b -> b.tls(false))) {
            h.login();
            for (String path : new String[] {"/../..", "/..", "..", "../../.."}) {
                h.command("AT+FTPGETPATH=\"" + path + "\"", OK);
                h.command("AT+FTPGETNAME=\"outside.txt\"", OK);
                h.command("AT+FTPGET=1", OK);
                h.expect("\r\n+FTPGET: 1,79\r\n");
                h.command("AT+FTPPUTPATH=\"" + path + "\"", OK);
                h.command("AT+FTPPUTNAME=\"escaped.txt\"", OK);
                h.command("AT+FTPPUT=1", OK);
                String r = new String(h.readSome(64), StandardCharsets.ISO_8859_1);
                if (r.startsWith("\r\n+FTPPUT: 1,1,")) {
                    // the server resolved the path inside the root: then the file lands there
                    h.command("AT+FTPPUT=2,0", OK);
                    h.expect("\r\n+FTPPUT: 1,0\r\n");
                } else {
                    assertThat(r).startsWith("\r\n+FTPPUT: 1,");
                }
                h.awaitIdle();
            }
            h.command("AT+FTPGETPATH=\"/etc\"", OK);
            h.command("AT+FTPGETNAME=\"passwd\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,79\r\n");
            assertThat(dir.resolve("escaped.txt")).doesNotExist();
            assertThat(dir.getParent().resolve("escaped.txt")).doesNotExist();
            try (var files = Files.walk(dir.getRoot().resolve("tmp"), 1)) {
                assertThat(files.filter(p -> p.getFileName() != null
                    && p.getFileName().toString().equals("escaped.txt")).count()).isZero();
            }
            h.recovers();
        }
    }

    // ---- passwords ----

    @Test
    void secretsMaskEveryPasswordForm() {
        assertThat(Secrets.mask("AT+FTPPW=\"s3cr;et\";+FTPUN=\"u\"")).isEqualTo("AT+FTPPW=\"***\";+FTPUN=\"u\"");
        assertThat(Secrets.mask("at+ftppw=plain")).isEqualTo("at+ftppw=***");
        assertThat(Secrets.mask("AT#FTPPW=\"x\"")).isEqualTo("AT#FTPPW=\"***\"");
        assertThat(Secrets.mask("AT#APNPW=\"x\"")).isEqualTo("AT#APNPW=\"***\"");
        assertThat(Secrets.mask("AT+SAPBR=3,1,\"PWD\",\"gprs\"")).isEqualTo("AT+SAPBR=3,1,\"PWD\",\"***\"");
        assertThat(Secrets.mask("AT+SAPBR=3,1,pwd,gprs")).isEqualTo("AT+SAPBR=3,1,pwd,***");
        assertThat(Secrets.mask("AT+SAPBR=3,1,\"APN\",\"internet\"")).isEqualTo("AT+SAPBR=3,1,\"APN\",\"internet\"");
        assertThat(Secrets.mask("AT+FTPPW=\"unterminated")).isEqualTo("AT+FTPPW=\"***");
    }

    @Test
    void passwordsNeverReachTheLogButTheEchoStaysFaithful() throws Exception {
        try (LogCapture log = new LogCapture();
             Rig h = new Rig(dir, o -> o.server = b -> b.tls(false).account("sim.cs1", "acct-Pw-1"))) {
            h.login(); // AT+FTPPW="secret"
            h.command("AT+FTPPW=\"pw-Ftp-2\"", OK);
            h.command("AT+SAPBR=3,1,\"PWD\",\"pw-Apn-3\"", OK);
            // a syntax error (unterminated quote) and a failing write (too long) both log the line
            h.command("AT+FTPPW=\"pw-Syntax-4", "\r\nERROR\r\n");
            h.command("AT+FTPPW=\"pw-TooLong-5-" + "x".repeat(60) + "\"", "\r\nERROR\r\n");
            h.command("AT+SAPBR=3,9,\"PWD\",\"pw-Apn-6\"", "\r\nERROR\r\n");
            h.command("AT+FOO;+FTPPW=\"pw-Unknown-7\"", "\r\nERROR\r\n");
            h.command("AT+FTPPW=\"acct-Pw-1\"", OK);
            h.put("f.txt", new byte[] {1});
            h.command("AT+FTPGETNAME=\"f.txt\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            h.readAll("AT+FTPGET=2,1460", "+FTPGET", 1);
            String logged = log.text();
            assertThat(logged).isNotEmpty();
            for (String pw : new String[] {"acct-Pw-1", "pw-Ftp-2", "pw-Apn-3", "pw-Syntax-4", "pw-TooLong-5",
                "pw-Apn-6", "pw-Unknown-7"}) {
                assertThat(logged).as("log").doesNotContain(pw);
            }
            assertThat(logged).contains("***");
        }
    }

    @Test
    void traceMasksPasswordsInWhatItShowsOnly() throws Exception {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        try (Rig h = new Rig(dir, o -> o.server = b -> b.tls(false))) {
            h.modem.engine().tap(new TraceTap(new PrintStream(shown, true, StandardCharsets.UTF_8)));
            h.send("AT+FTPPW=\"tr-Ftp-1\";+SAPBR=3,1,\"PWD\",\"tr-Apn-2\"\r");
            // the serial echo is the host's bytes, unchanged
            h.expect("AT+FTPPW=\"tr-Ftp-1\";+SAPBR=3,1,\"PWD\",\"tr-Apn-2\"\r" + OK);
            h.modem.engine().tap(null);
        }
        String trace = shown.toString(StandardCharsets.UTF_8);
        assertThat(trace).contains("host→modem", "modem→host", "AT+FTPPW=\"***\"", "\"PWD\",\"***\"")
            .doesNotContain("tr-Ftp-1").doesNotContain("tr-Apn-2");
    }

    // ---- limits ----

    @Test
    void everyHostControlledLimitHasItsAnswer() {
        try (Rig h = new Rig(dir, o -> o.server = b -> b.tls(false))) {
            h.login();
            // command line: 556 characters
            String tooLong = "AT+FTPGETNAME=\"" + "a".repeat(600) + "\"";
            h.send(tooLong + "\r");
            h.expect(tooLong + "\r\r\nERROR\r\n");
            h.command("AT", OK);
            // parameter lengths
            h.command("AT+FTPSERV=\"" + "s".repeat(50) + "\"", "\r\nERROR\r\n");
            h.command("AT+FTPPW=\"" + "p".repeat(50) + "\"", "\r\nERROR\r\n");
            h.command("AT+FTPGETNAME=\"" + "n".repeat(100) + "\"", "\r\nERROR\r\n");
            h.command("AT+FTPGETPATH=\"/" + "d".repeat(255) + "\"", "\r\nERROR\r\n");
            h.command("AT+SAPBR=3,1,\"PWD\",\"" + "p".repeat(33) + "\"", "\r\nERROR\r\n");
            // data lengths
            h.put("f.txt", TestBytes.file(5000));
            h.command("AT+FTPGETNAME=\"f.txt\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            h.command("AT+FTPGET=2,1461", "\r\nERROR\r\n");
            h.command("AT+FTPGET=2,0", "\r\nERROR\r\n");
            // number of sessions: one at a time
            h.command("AT+FTPPUTNAME=\"x\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,66\r\n");
            h.readAll("AT+FTPGET=2,1460", "+FTPGET", 5000);
            h.command("AT+FTPPUTNAME=\"y\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
            h.command("AT+FTPPUT=2,1361", "\r\nERROR\r\n");
            h.command("AT+FTPPUT=2,0", OK);
            h.expect("\r\n+FTPPUT: 1,0\r\n");
            // store size: 300 KB RAM buffer
            h.command("AT+FTPEXTPUT=1", OK);
            h.command("AT+FTPEXTPUT=2,307000,300,10000", "\r\nERROR\r\n");
            h.command("AT+FTPEXTPUT=0", OK);
            h.recovers();
        }
    }
}
