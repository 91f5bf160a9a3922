package dev.vmodem.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.at.data.DleEtxDecoder;
import dev.vmodem.at.data.DleEtxEncoder;
import dev.vmodem.net.Fault;
import dev.vmodem.testing.TestBytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix for the Multi-Tech dialect (docs/multitech.md): the embedded FTP server is killed in the middle of
 * an AT#FTPGET and of an AT#FTPPUT. The host gets a prefix of the file, a bare ETX and the error line; the modem
 * answers AT; once the server runs again the next transfer works and compares byte for byte.
 */
class MultitechFaultTest {

    static final byte ETX = 0x03;
    static final String DATA_BEGIN = "\r\nOk_Info_DataBegin\r\n";
    static final String WAITING = "\r\nOk_Info_WaitingForData\r\n";
    /** The error that follows the ETX: the server closing or resetting the session (37966) or a timeout (35862). */
    static final Pattern ERROR_LINE = Pattern.compile("\r\n#CME ERROR: (37966|35862)\r\n$");

    @TempDir
    Path dir;

    private Rig rig() {
        Rig h = new Rig(dir, o -> {
            o.profile = "multitech";
            o.openBearer = false;
            o.server = b -> b.tls(false);
            o.config.put("multitech.ftp.timeout.ms", "3000");
        });
        h.command("ATE0", "\r\nOK\r\n");
        h.send("AT+CMEE=1;+WOPEN=1\r");
        h.expect("\r\nOK\r\n");
        h.send("AT#CONNECTIONSTART\r");
        String started = readUntil(h, Pattern.compile("\r\nOk_Info_GprsActivation\r\n$"));
        assertThat(started).endsWith("\r\nOk_Info_GprsActivation\r\n");
        h.send("AT#FTPSERV=\"ftp.example.com\";#FTPUN=\"sim\";#FTPPW=\"pw\"\r");
        h.expect("\r\nOK\r\n");
        return h;
    }

    /** Reads (running due timers, advancing the clock 10 ms when nothing comes) until the text read matches. */
    private static String readUntil(Rig h, Pattern end) {
        StringBuilder got = new StringBuilder();
        String tail = "";
        long deadline = System.nanoTime() + Rig.WAIT.toNanos();
        while (!end.matcher(tail).find()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + got.length() + " bytes; the last: "
                    + Rig.esc(tail.getBytes(StandardCharsets.ISO_8859_1)));
            }
            String b = h.take();
            got.append(b);
            // the end patterns look at the last 200 bytes only: the data can be megabytes
            tail = got.substring(Math.max(0, got.length() - 200));
            if (b.isEmpty()) {
                h.time.advance(Duration.ofMillis(10));
                Thread.yield();
            }
        }
        return got.toString();
    }

    /** The escaped body (up to and including its bare ETX) decoded; asserts it is a prefix of {@code file}. */
    private static int assertEscapedPrefix(byte[] body, byte[] file) {
        DleEtxDecoder d = new DleEtxDecoder();
        byte[] out = new byte[body.length];
        int n = d.decode(body, 0, body.length, out, 0);
        assertThat(d.isEnded()).as("the data ends with a bare ETX").isTrue();
        assertThat(d.consumed()).as("nothing between the ETX and the error line").isEqualTo(body.length);
        assertThat(n).isLessThanOrEqualTo(file.length);
        assertThat(Arrays.copyOf(out, n)).as("delivered bytes are the file's first %d, once, in order", n)
            .isEqualTo(Arrays.copyOf(file, n));
        return n;
    }

    /** AT answers; the server runs again; a whole AT#FTPGET and AT#FTPPUT work. */
    private static void recovers(Rig h) {
        h.send("AT\r");
        h.expect("\r\nOK\r\n");
        h.restartServer();
        byte[] probe = TestBytes.file(5000);
        h.put("probe.bin", probe);
        h.send("AT#FTPGETPATH=\"/\";#FTPGETFILENAME=\"probe.bin\"\r");
        h.expect("\r\nOK\r\n");
        h.send("AT#FTPGET\r");
        String got = readUntil(h, Pattern.compile("\r\nOK\r\n$"));
        assertThat(got).startsWith(DATA_BEGIN);
        byte[] body = got.substring(DATA_BEGIN.length(), got.length() - 6).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(assertEscapedPrefix(body, probe)).isEqualTo(probe.length);
        h.send("AT#FTPPUTPATH=\"/\";#FTPPUTFILENAME=\"probe-up.bin\"\r");
        h.expect("\r\nOK\r\n");
        h.send("AT#FTPPUT\r");
        readUntil(h, Pattern.compile(Pattern.quote(WAITING) + "$"));
        h.send(escapeAndEnd(probe));
        assertThat(readUntil(h, Pattern.compile("\r\n(OK|#CME ERROR: \\d+)\r\n$"))).isEqualTo("\r\nOK\r\n");
        assertThat(h.serverFile("probe-up.bin")).isEqualTo(probe);
        h.send("AT\r");
        h.expect("\r\nOK\r\n");
    }

    private static byte[] escapeAndEnd(byte[] payload) {
        int n = DleEtxEncoder.encodedLength(payload, 0, payload.length);
        byte[] out = new byte[n + 1];
        DleEtxEncoder.encode(payload, 0, payload.length, out, 0);
        out[n] = ETX;
        return out;
    }

    @Test
    void serverKilledMidFtpget_prefixThenEtxThenTheErrorLine() {
        try (Rig h = rig()) {
            // larger than the socket buffers between server and modem hold, so the server is still sending when
            // it dies (a smaller file is all sent, and confirmed with 226, before the slow link has delivered it)
            byte[] file = TestBytes.file(12 * 1024 * 1024);
            h.put("big.bin", file);
            // 64 kbit/s on the modem clock: the download moves only while the clock is advanced
            h.modem.network().faults().inject(Fault.capBandwidth(64_000));
            h.send("AT#FTPGETPATH=\"/\";#FTPGETFILENAME=\"big.bin\"\r");
            h.expect("\r\nOK\r\n");
            h.send("AT#FTPGET\r");
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + Rig.WAIT.toNanos();
            while (got.size() < DATA_BEGIN.length() + 20_000 && System.nanoTime() < deadline) {
                h.time.advance(Duration.ofMillis(10));
                got.writeBytes(h.take().getBytes(StandardCharsets.ISO_8859_1));
            }
            assertThat(got.size()).as("data flowing before the kill").isGreaterThan(DATA_BEGIN.length() + 20_000);
            h.killServer();
            h.modem.network().faults().clearAll();
            got.writeBytes(readUntil(h, ERROR_LINE).getBytes(StandardCharsets.ISO_8859_1));

            String all = new String(got.toByteArray(), StandardCharsets.ISO_8859_1);
            assertThat(all).startsWith(DATA_BEGIN);
            Matcher m = ERROR_LINE.matcher(all);
            assertThat(m.find()).isTrue();
            byte[] body = Arrays.copyOfRange(got.toByteArray(), DATA_BEGIN.length(), m.start());
            int n = assertEscapedPrefix(body, file);
            assertThat(n).isGreaterThanOrEqualTo(10_000);
            System.out.printf("AT#FTPGET, server killed: %d of %d bytes delivered, then ETX and%s%n", n, file.length,
                m.group().trim().isEmpty() ? "" : " " + m.group().trim());
            recovers(h);
        }
    }

    @Test
    void serverKilledMidFtpput_theErrorAfterTheHostsEtxAndTheServerKeepsAPrefix() throws Exception {
        try (Rig h = rig()) {
            byte[] payload = TestBytes.file(300_000);
            h.send("AT#FTPPUTPATH=\"/\";#FTPPUTFILENAME=\"up.bin\"\r");
            h.expect("\r\nOK\r\n");
            h.send("AT#FTPPUT\r");
            readUntil(h, Pattern.compile(Pattern.quote(WAITING) + "$"));
            byte[] escaped = escapeAndEnd(payload);
            int half = escaped.length / 2;
            h.send(Arrays.copyOf(escaped, half));
            h.killServer();
            h.send(Arrays.copyOfRange(escaped, half, escaped.length));
            // under ATE0 the ETX is not echoed: the error line alone, once the host's ETX was read
            String answer = readUntil(h, Pattern.compile("\r\n(OK|#CME ERROR: \\d+)\r\n$"));
            assertThat(answer).matches("\r\n#CME ERROR: (37966|35862)\r\n");
            Path stored = h.file("up.bin");
            if (Files.exists(stored)) {
                byte[] onServer = Files.readAllBytes(stored);
                assertThat(onServer.length).isLessThanOrEqualTo(payload.length);
                assertThat(onServer).as("the server holds a prefix of the upload")
                    .isEqualTo(Arrays.copyOf(payload, onServer.length));
            }
            recovers(h);
        }
    }
}
