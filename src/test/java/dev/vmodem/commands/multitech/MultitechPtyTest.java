package dev.vmodem.commands.multitech;

import static dev.vmodem.testing.TestBytes.denseInDleEtx;
import static dev.vmodem.commands.multitech.MultitechSupport.escapeAndEnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.client.AtClient;
import dev.vmodem.config.Config;
import dev.vmodem.emulator.Emulator;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole emulator under {@code modem.profile=multitech} over a real pty, with its embedded FTP server, as host
 * firmware sees it: the connection sequence, then AT#FTPGET and AT#FTPPUT of files from 0 B to 10 MB with every
 * byte value and dense DLE/ETX, compared byte for byte, and errors byte-exact.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MultitechPtyTest {

    private static final int TEN_MB = 10 * 1024 * 1024;

    @TempDir
    Path dir;

    private Path root;
    private Emulator emulator;
    private FileChannel rd;
    private FileChannel wr;
    private AtClient at;

    @BeforeEach
    void setUp() throws Exception {
        root = dir.resolve("ftp");
        Config c = Config.defaults()
                .with("modem.profile", "multitech")
                .with("modem.state.dir", dir.resolve("state").toString())
                .with("modem.boot.interval.ms", "10")
                .with("ftp.server.root", root.toString())
                .with("ftp.server.tls", "false")
                .with("ftp.server.samples", "false")
                .with("route.1", "nowhere.example -> nxdomain");
        Path pty = dir.resolve("ttyMT");
        emulator = new Emulator(c, Emulator.Transport.pty(pty), false, true);
        emulator.start();
        // two channels: one FileChannel serialises its reads and writes
        rd = FileChannel.open(pty, StandardOpenOption.READ);
        wr = FileChannel.open(pty, StandardOpenOption.WRITE);
        at = new AtClient(Channels.newInputStream(rd), Channels.newOutputStream(wr)).timeout(Duration.ofSeconds(60));
        at.awaitLine(Pattern.compile("SMS Ready"));
        at.drain();
    }

    @AfterEach
    void tearDown() throws Exception {
        at.close();
        rd.close();
        wr.close();
        emulator.close();
    }

    /** Sends a line and expects exactly this answer. */
    private void exchange(String line, String answer) {
        at.send(line + "\r");
        at.expect(answer);
    }

    private void connect() {
        exchange("ATE0", "ATE0\r\r\nOK\r\n");
        exchange("AT+CMEE=1", "\r\nOK\r\n");
        exchange("AT+WOPEN=1", "\r\nOK\r\n");
        exchange("AT#GPRSMODE=1", "\r\nOK\r\n");
        exchange("AT#APNSERV=\"internet\"", "\r\nOK\r\n");
        exchange("AT#APNUN=\"\"", "\r\nOK\r\n");
        exchange("AT#APNPW=\"\"", "\r\nOK\r\n");
        exchange("AT#CONNECTIONSTART", "\r\n10.89.193.1\r\n\r\nOk_Info_GprsActivation\r\n");
        exchange("AT#FTPSERV=\"ftp.example.com\"", "\r\nOK\r\n");
        exchange("AT#FTPUN=\"sim\"", "\r\nOK\r\n");
        exchange("AT#FTPPW=\"secret\"", "\r\nOK\r\n");
    }

    private void download(String name, byte[] payload) throws Exception {
        Files.write(root.resolve(name), payload);
        exchange("AT#FTPGETFILENAME=\"" + name + "\"", "\r\nOK\r\n");
        exchange("AT#FTPGET", "\r\nOk_Info_DataBegin\r\n");
        byte[] want = escapeAndEnd(payload);
        byte[] got = at.readExactly(want.length);
        assertThat(got).as("%s: %d bytes escaped to %d", name, payload.length, want.length).isEqualTo(want);
        at.expect("\r\nOK\r\n");
    }

    private void upload(String name, byte[] payload) throws Exception {
        exchange("AT#FTPPUTFILENAME=\"" + name + "\"", "\r\nOK\r\n");
        exchange("AT#FTPPUT", "\r\nOk_Info_WaitingForData\r\n");
        at.send(escapeAndEnd(payload));
        at.expect("\r\nOK\r\n");
        assertThat(Files.readAllBytes(root.resolve(name))).as(name).isEqualTo(payload);
    }

    @Test
    void downloadsFrom0BTo10MB() throws Exception {
        connect();
        for (int size : new int[] {0, 1, 256, 65_536, TEN_MB}) {
            download("get-" + size + ".bin", denseInDleEtx(size, size));
        }
        exchange("AT", "\r\nOK\r\n");
    }

    @Test
    void uploadsFrom0BTo10MB() throws Exception {
        connect();
        for (int size : new int[] {0, 1, 256, 65_536, TEN_MB}) {
            upload("put-" + size + ".bin", denseInDleEtx(size, 100 + size));
        }
        exchange("AT", "\r\nOK\r\n");
    }

    @Test
    void errorsAndNumericFormsOverThePty() throws Exception {
        exchange("ATE0", "ATE0\r\r\nOK\r\n");
        exchange("AT+CMEE=1", "\r\nOK\r\n");
        exchange("AT#FTPGET", "\r\nERROR\r\n");
        exchange("AT+WOPEN=1", "\r\nOK\r\n");
        exchange("AT#FTPSERV=\"ftp.example.com\";#FTPGETFILENAME=\"a.bin\"", "\r\nOK\r\n");
        exchange("AT#FTPGET", "\r\n#CME ERROR: 35867\r\n");
        exchange("AT#XYZ", "\r\n#CME ERROR: 34817\r\n");
        exchange("ATV0", "0\r");
        exchange("AT#CONNECTIONSTART", "10.89.193.1\r\n3086\r");
        byte[] payload = denseInDleEtx(5000, 77);
        Files.write(root.resolve("a.bin"), payload);
        exchange("AT#FTPGET", "1025\r");
        assertThat(at.readExactly(escapeAndEnd(payload).length)).isEqualTo(escapeAndEnd(payload));
        at.expect("0\r");
        exchange("AT#FTPPUTFILENAME=\"b.bin\"", "0\r");
        exchange("AT#FTPPUT", "1028\r");
        at.send(escapeAndEnd(payload));
        at.expect("0\r");
        assertThat(Files.readAllBytes(root.resolve("b.bin"))).isEqualTo(payload);
        exchange("AT#FTPSERV=\"nowhere.example\"", "0\r");
        exchange("AT#FTPGET", "#CME ERROR: 38027\r\n");
        exchange("ATV1", "\r\nOK\r\n");
        exchange("AT#FTPPUT", "\r\n#CME ERROR: 38027\r\n");
        exchange("AT#CONNECTIONSTOP", "\r\nOK\r\n");
        exchange("AT#FTPGET", "\r\n#CME ERROR: 35867\r\n");
    }
}
