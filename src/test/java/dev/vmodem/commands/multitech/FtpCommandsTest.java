package dev.vmodem.commands.multitech;

import static dev.vmodem.commands.multitech.MultitechSupport.ascii;
import static dev.vmodem.commands.multitech.MultitechSupport.concat;
import static dev.vmodem.testing.TestBytes.denseInDleEtx;
import static dev.vmodem.commands.multitech.MultitechSupport.escapeAndEnd;
import static dev.vmodem.commands.multitech.MultitechSupport.text;
import static dev.vmodem.commands.multitech.MultitechSupport.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.at.data.DleEtxDecoder;
import dev.vmodem.config.Config;
import dev.vmodem.ftp.EmbeddedFtpServer;
import dev.vmodem.net.Fault;
import dev.vmodem.testing.ModemHarness;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AT#FTPGET and AT#FTPPUT on a harness modem (virtual time, in-process line) against a real embedded FTP server:
 * data byte for byte, every response byte-exact, and each error code from a real cause.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FtpCommandsTest {

    private static final String DATA_BEGIN = "\r\nOk_Info_DataBegin\r\n";
    private static final String WAITING = "\r\nOk_Info_WaitingForData\r\n";

    @TempDir
    Path dir;

    private Path root;
    private EmbeddedFtpServer server;
    private ModemHarness h;

    @BeforeEach
    void setUp() throws Exception {
        root = dir.resolve("ftp");
        server = MultitechSupport.server(root);
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
        server.close();
    }

    /** A modem with the stack started, CMEE 1, a GPRS connection, and #FTPSERV set to a name routed to the server. */
    private ModemHarness connected(Config c) {
        h = MultitechSupport.harness(server, c);
        assertThat(h.exchange("AT+CMEE=1;+WOPEN=1\r")).endsWith("\r\nOK\r\n");
        h.send("AT#CONNECTIONSTART\r");
        until(h, "Ok_Info_GprsActivation\r\n");
        assertThat(h.exchange("AT#FTPSERV=\"ftp.example.com\";#FTPUN=\"sim\";#FTPPW=\"pw\"\r")).endsWith("\r\nOK\r\n");
        return h;
    }

    private ModemHarness connected() {
        return connected(Config.defaults());
    }

    /** Sets #FTPGETFILENAME, sends AT#FTPGET, returns everything up to {@code ending}. */
    private byte[] get(String file, String ending) {
        h.exchange("AT#FTPGETFILENAME=\"" + file + "\"\r");
        h.send("AT#FTPGET\r");
        return until(h, ending);
    }


    // ---------------------------------------------------------------- downloads

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 255, 256, 4096, 100_000})
    void downloadsEveryByteValueEscaped(int size) throws Exception {
        byte[] payload = denseInDleEtx(size, size);
        Files.createDirectories(root.resolve("in"));
        Files.write(root.resolve("in/f.bin"), payload);
        connected();
        h.exchange("AT#FTPGETPATH=\"/in\";#FTPGETFILENAME=\"f.bin\"\r");
        h.send("AT#FTPGET\r");
        byte[] got = until(h, "\u0003\r\nOK\r\n");
        assertThat(got).isEqualTo(concat(ascii("AT#FTPGET\r" + DATA_BEGIN), escapeAndEnd(payload), ascii("\r\nOK\r\n")));
        assertThat(h.exchange("AT\r")).isEqualTo("AT\r\r\nOK\r\n");
    }

    @Test
    void downloadOfOnlyDleAndEtx() throws Exception {
        byte[] payload = {0x03, 0x10, 0x10, 0x03, 0x03, 0x10};
        Files.write(root.resolve("esc.bin"), payload);
        connected();
        byte[] got = get("esc.bin", "\r\nOK\r\n");
        assertThat(got).isEqualTo(concat(ascii("AT#FTPGET\r" + DATA_BEGIN),
                new byte[] {0x10, 0x03, 0x10, 0x10, 0x10, 0x10, 0x10, 0x03, 0x10, 0x03, 0x10, 0x10, 0x03},
                ascii("\r\nOK\r\n")));
    }

    @Test
    void downloadUnderAtv0AndAte0() throws Exception {
        byte[] payload = denseInDleEtx(1000, 7);
        Files.write(root.resolve("v0.bin"), payload);
        connected();
        assertThat(h.exchange("ATE0V0\r")).isEqualTo("ATE0V0\r0\r");
        h.exchange("AT#FTPGETFILENAME=\"v0.bin\"\r");
        h.send("AT#FTPGET\r");
        assertThat(until(h, "\u00030\r")).isEqualTo(concat(ascii("1025\r"), escapeAndEnd(payload), ascii("0\r")));
        h.exchange("AT#FTPGETFILENAME=\"missing.bin\"\r");
        h.send("AT#FTPGET\r");
        assertThat(text(until(h, "\r\n"))).isEqualTo("#CME ERROR: 37966\r\n");
    }

    @Test
    void afterTheTransferTheServerConnectionIsClosed() throws Exception {
        Files.write(root.resolve("a.bin"), denseInDleEtx(5000, 1));
        connected();
        get("a.bin", "\r\nOK\r\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.modem.network().openSockets() > 0 && System.nanoTime() < deadline) {
            Thread.yield();
        }
        assertThat(h.modem.network().openSockets()).isZero();
    }

    // ---------------------------------------------------------------- uploads

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000, 1 << 20})
    void uploadsEveryByteValueOverAnyChunking(int chunk) throws Exception {
        byte[] payload = denseInDleEtx(100_000, chunk);
        Files.createDirectories(root.resolve("out"));
        connected();
        h.exchange("AT#FTPPUTPATH=\"/out\";#FTPPUTFILENAME=\"u.bin\"\r");
        h.send("AT#FTPPUT\r");
        assertThat(text(until(h, WAITING))).isEqualTo("AT#FTPPUT\r" + WAITING);
        // the bytes after the bare ETX are a command again
        h.sendChunked(concat(escapeAndEnd(payload), ascii("AT\r")), chunk);
        assertThat(text(until(h, "AT\r\r\nOK\r\n"))).isEqualTo("\u0003\r\nOK\r\nAT\r\r\nOK\r\n");
        assertThat(Files.readAllBytes(root.resolve("out/u.bin"))).isEqualTo(payload);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 256, 4096})
    void uploadsSmallFilesUnderAte0(int size) throws Exception {
        byte[] payload = denseInDleEtx(size, 31 + size);
        connected();
        assertThat(h.exchange("ATE0\r")).isEqualTo("ATE0\r\r\nOK\r\n");
        h.exchange("AT#FTPPUTFILENAME=\"s.bin\"\r");
        h.send("AT#FTPPUT\r");
        assertThat(text(until(h, WAITING))).isEqualTo(WAITING);
        h.send(escapeAndEnd(payload));
        assertThat(text(until(h, "\r\nOK\r\n"))).isEqualTo("\r\nOK\r\n");
        assertThat(Files.readAllBytes(root.resolve("s.bin"))).isEqualTo(payload);
    }

    @Test
    void uploadUnderAtv0() throws Exception {
        byte[] payload = denseInDleEtx(3000, 3);
        connected();
        assertThat(h.exchange("ATV0\r")).isEqualTo("ATV0\r0\r");
        h.exchange("AT#FTPPUTFILENAME=\"v0.bin\"\r");
        h.send("AT#FTPPUT\r");
        assertThat(text(until(h, "1028\r"))).isEqualTo("AT#FTPPUT\r1028\r");
        h.send(escapeAndEnd(payload));
        assertThat(text(until(h, "0\r"))).isEqualTo("\u00030\r");
        assertThat(Files.readAllBytes(root.resolve("v0.bin"))).isEqualTo(payload);
    }

    @Test
    void dataSentBeforeWaitingForDataIsKeptInOrder() throws Exception {
        byte[] payload = denseInDleEtx(5000, 11);
        connected();
        h.exchange("ATE0\r");
        h.exchange("AT#FTPPUTFILENAME=\"early.bin\"\r");
        // a host that does not wait for Ok_Info_WaitingForData: everything arrives with the command
        h.send(concat(ascii("AT#FTPPUT\r"), escapeAndEnd(payload), ascii("AT\r")));
        assertThat(text(until(h, "\r\nOK\r\n\r\nOK\r\n"))).isEqualTo(WAITING + "\r\nOK\r\n\r\nOK\r\n");
        assertThat(Files.readAllBytes(root.resolve("early.bin"))).isEqualTo(payload);
    }

    @Test
    void activeModeAndTypeAReachTheServer() throws Exception {
        byte[] payload = denseInDleEtx(20_000, 21);
        Files.write(root.resolve("act.bin"), payload);
        connected();
        h.exchange("AT#FTPMODE=0;#FTPGETFILENAME=\"act.bin\"\r");
        h.send("AT#FTPGET\r");
        assertThat(until(h, "\u0003\r\nOK\r\n"))
                .isEqualTo(concat(ascii("AT#FTPGET\r" + DATA_BEGIN), escapeAndEnd(payload), ascii("\r\nOK\r\n")));
        // type A: the 8th bit of every uploaded byte is cleared, as the manual warns
        h.exchange("AT#FTPTYPE=A;#FTPPUTFILENAME=\"seven.bin\"\r");
        h.send("AT#FTPPUT\r");
        until(h, WAITING);
        byte[] eight = {(byte) 0xC1, 0x42, (byte) 0x90, 0x03, 0x10};
        h.send(escapeAndEnd(eight));
        until(h, "\r\nOK\r\n");
        assertThat(Files.readAllBytes(root.resolve("seven.bin"))).isEqualTo(new byte[] {0x41, 0x42, 0x10, 0x03, 0x10});
    }

    // ---------------------------------------------------------------- errors

    @Test
    void ftpBeforeConnectionStartIs35867() {
        h = MultitechSupport.harness(server, Config.defaults());
        h.exchange("AT+CMEE=1;+WOPEN=1\r");
        h.exchange("AT#FTPSERV=\"ftp.example.com\";#FTPGETFILENAME=\"a\";#FTPPUTFILENAME=\"b\"\r");
        assertThat(h.exchange("AT#FTPGET\r")).isEqualTo("AT#FTPGET\r\r\n#CME ERROR: 35867\r\n");
        assertThat(h.exchange("AT#FTPPUT\r")).isEqualTo("AT#FTPPUT\r\r\n#CME ERROR: 35867\r\n");
    }

    @Test
    void unresolvableServerIs38027() {
        connected(Config.defaults().with("route.1", "nowhere.example -> nxdomain"));
        h.exchange("AT#FTPSERV=\"nowhere.example\";#FTPGETFILENAME=\"a\";#FTPPUTFILENAME=\"b\"\r");
        assertThat(text(get("a", "#CME ERROR: 38027\r\n"))).isEqualTo("AT#FTPGET\r\r\n#CME ERROR: 38027\r\n");
        h.send("AT#FTPPUT\r");
        assertThat(text(until(h, "\r\n"))).isEqualTo("AT#FTPPUT\r\r\n#CME ERROR: 38027\r\n");
        h.exchange("AT#FTPSERV=\"\"\r");
        assertThat(h.exchange("AT#FTPGET\r")).isEqualTo("AT#FTPGET\r\r\n#CME ERROR: 38027\r\n");
    }

    @Test
    void allNamesUnresolvableWithDefaultRouteNxdomain() {
        connected(Config.defaults().with("route.default", "nxdomain"));
        assertThat(text(get("a", "#CME ERROR: 38027\r\n"))).isEqualTo("AT#FTPGET\r\r\n#CME ERROR: 38027\r\n");
    }

    @Test
    void refusedConnectionIs38016() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        connected(Config.defaults().with("route.1", "closed.example -> 127.0.0.1:" + closedPort));
        h.exchange("AT#FTPSERV=\"closed.example\";#FTPPUTFILENAME=\"b\"\r");
        assertThat(text(get("a", "#CME ERROR: 38016\r\n"))).isEqualTo("AT#FTPGET\r\r\n#CME ERROR: 38016\r\n");
        h.send("AT#FTPPUT\r");
        assertThat(text(until(h, "\r\n"))).isEqualTo("AT#FTPPUT\r\r\n#CME ERROR: 38016\r\n");
    }

    @Test
    void serverThatNeverAnswersIs35862() throws Exception {
        // bound and listening, never accepting: the connect succeeds, the greeting never comes
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            connected(Config.defaults().with("multitech.ftp.timeout.ms", "300")
                    .with("route.1", "silent.example -> 127.0.0.1:" + silent.getLocalPort()));
            h.exchange("AT#FTPSERV=\"silent.example\"\r");
            assertThat(text(get("a", "#CME ERROR: 35862\r\n"))).isEqualTo("AT#FTPGET\r\r\n#CME ERROR: 35862\r\n");
        }
    }

    @Test
    void rejectedLoginIs37966() throws Exception {
        try (EmbeddedFtpServer strict = MultitechSupport.server(dir.resolve("strict"), "sim", "right")) {
            Files.write(dir.resolve("strict/a.bin"), denseInDleEtx(10, 1));
            connected(Config.defaults().with("route.1", "strict.example -> 127.0.0.1:" + strict.port()));
            h.exchange("AT#FTPSERV=\"strict.example\";#FTPUN=\"sim\";#FTPPW=\"wrong\";#FTPPUTFILENAME=\"b\"\r");
            assertThat(text(get("a.bin", "#CME ERROR: 37966\r\n"))).isEqualTo("AT#FTPGET\r\r\n#CME ERROR: 37966\r\n");
            h.send("AT#FTPPUT\r");
            assertThat(text(until(h, "\r\n"))).isEqualTo("AT#FTPPUT\r\r\n#CME ERROR: 37966\r\n");
            h.exchange("AT#FTPPW=\"right\"\r");
            h.send("AT#FTPGET\r");
            assertThat(text(until(h, "\r\nOK\r\n"))).endsWith("\u0003\r\nOK\r\n");
        }
    }

    @Test
    void missingFileAndEmptyName() throws Exception {
        connected();
        assertThat(text(get("missing.bin", "#CME ERROR: 37966\r\n"))).isEqualTo("AT#FTPGET\r\r\n#CME ERROR: 37966\r\n");
        h.exchange("AT#FTPGETFILENAME=\"\"\r");
        assertThat(h.exchange("AT#FTPGET\r")).isEqualTo("AT#FTPGET\r\r\n#CME ERROR: 34882\r\n");
        assertThat(h.exchange("AT#FTPPUT\r")).isEqualTo("AT#FTPPUT\r\r\n#CME ERROR: 34882\r\n");
    }

    @Test
    void storeRefusedWhenTheFileIsOpenedIsAnErrorAfterTheHostsEtx() throws Exception {
        // MINA answers STOR with 150 and refuses when it opens the file: the verdict comes after the data
        connected();
        h.exchange("AT#FTPPUTPATH=\"/no/such/dir\";#FTPPUTFILENAME=\"x.bin\"\r");
        h.send("AT#FTPPUT\r");
        assertThat(text(until(h, WAITING))).isEqualTo("AT#FTPPUT\r" + WAITING);
        h.send(escapeAndEnd(denseInDleEtx(2000, 2)));
        assertThat(text(until(h, "\r\n#CME ERROR: 37966\r\n"))).isEqualTo("\u0003\r\n#CME ERROR: 37966\r\n");
        assertThat(root.resolve("no")).doesNotExist();
    }

    @Test
    void connectionResetDuringTheDataIsEtxThen37966() throws Exception {
        byte[] payload = denseInDleEtx(300_000, 5);
        Files.write(root.resolve("big.bin"), payload);
        connected();
        h.modem.network().faults().inject(Fault.cutAfterBytes(50_000).oneShot());
        byte[] got = get("big.bin", "\r\n#CME ERROR: 37966\r\n");
        byte[] head = ascii("AT#FTPGET\r" + DATA_BEGIN);
        byte[] tail = ascii("\u0003\r\n#CME ERROR: 37966\r\n");
        assertThat(Arrays.copyOf(got, head.length)).isEqualTo(head);
        byte[] body = Arrays.copyOfRange(got, head.length, got.length - tail.length + 1);
        assertThat(decodedPrefix(body, payload)).isEqualTo(50_000);
    }

    @Test
    void bearerLostDuringTheDataIsEtxThen35841() throws Exception {
        byte[] payload = denseInDleEtx(200_000, 9);
        Files.write(root.resolve("slow.bin"), payload);
        connected();
        // 64 kbit/s on virtual time: the download moves only while the test advances the clock
        h.modem.network().faults().inject(Fault.capBandwidth(64_000));
        h.exchange("AT#FTPGETFILENAME=\"slow.bin\"\r");
        h.send("AT#FTPGET\r");
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (got.size() < 30 + 20_000 && System.nanoTime() < deadline) {
            h.time.advance(Duration.ofMillis(10));
            byte[] b = h.takeBytes();
            got.write(b, 0, b.length);
        }
        h.modem.network().bearers().drop(1);
        byte[] rest = until(h, "\r\n#CME ERROR: 35841\r\n");
        got.write(rest, 0, rest.length);
        byte[] all = got.toByteArray();
        byte[] head = ascii("AT#FTPGET\r" + DATA_BEGIN);
        byte[] tail = ascii("\u0003\r\n#CME ERROR: 35841\r\n");
        assertThat(Arrays.copyOf(all, head.length)).isEqualTo(head);
        byte[] body = Arrays.copyOfRange(all, head.length, all.length - tail.length + 1);
        assertThat(decodedPrefix(body, payload)).isBetween(10_000L, (long) payload.length - 1);
        assertThat(h.exchange("AT#FTPGET\r")).isEqualTo("AT#FTPGET\r\r\n#CME ERROR: 35867\r\n");
    }

    @Test
    void bearerLostBeforeTheDataIs35841WithoutEtx() throws Exception {
        Files.write(root.resolve("x.bin"), denseInDleEtx(100, 1));
        connected();
        // every connection stalls; the control connection waits for its greeting until the bearer goes
        h.modem.network().faults().inject(Fault.stall());
        h.exchange("AT#FTPGETFILENAME=\"x.bin\"\r");
        h.send("AT#FTPGET\r");
        assertThat(h.take()).isEqualTo("AT#FTPGET\r");
        h.modem.network().bearers().drop(1);
        assertThat(text(until(h, "\r\n#CME ERROR: 35841\r\n"))).isEqualTo("\r\n#CME ERROR: 35841\r\n");
    }

    @Test
    void bearerLostDuringAnUploadIs35841AfterTheHostsEtx() throws Exception {
        byte[] payload = denseInDleEtx(300_000, 13);
        connected();
        h.exchange("AT#FTPPUTFILENAME=\"lost.bin\"\r");
        h.send("AT#FTPPUT\r");
        until(h, WAITING);
        byte[] escaped = escapeAndEnd(payload);
        int half = escaped.length / 2;
        h.send(Arrays.copyOf(escaped, half));
        h.modem.network().bearers().drop(1);
        h.send(Arrays.copyOfRange(escaped, half, escaped.length));
        assertThat(text(until(h, "\r\n#CME ERROR: 35841\r\n"))).isEqualTo("\u0003\r\n#CME ERROR: 35841\r\n");
        assertThat(h.exchange("AT\r")).isEqualTo("AT\r\r\nOK\r\n");
    }

    /** Decodes an escaped body ending in a bare ETX; checks it is a prefix of {@code payload}; returns its length. */
    private static long decodedPrefix(byte[] body, byte[] payload) {
        DleEtxDecoder d = new DleEtxDecoder();
        byte[] out = new byte[body.length];
        int n = d.decode(body, 0, body.length, out, 0);
        assertThat(d.isEnded()).isTrue();
        assertThat(d.consumed()).isEqualTo(body.length);
        assertThat(Arrays.copyOf(out, n)).isEqualTo(Arrays.copyOf(payload, n));
        return n;
    }
}
