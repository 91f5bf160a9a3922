package dev.vmodem.commands.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.net.Fault;
import dev.vmodem.net.LinkModel;
import dev.vmodem.net.Route;
import dev.vmodem.testing.TestBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example transcripts of the SIM800 IP application note (§3.9-3.25) and the SSL note (FTPS), each against the
 * real embedded FTP server, byte for byte (echo and CR/LF framing included) except for data and sizes.
 */
class FtpTranscriptTest {

    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";

    @TempDir
    Path dir;

    private static byte[] text(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('0' + i % 10);
        }
        return b;
    }

    private static void setup39(FtpHarness h) {
        h.command("AT+FTPCID=1", OK);
        h.command("AT+FTPSERV=\"116.228.221.52\"", OK);
        h.command("AT+FTPUN=\"sim.cs1\"", OK);
        h.command("AT+FTPPW=\"******\"", OK);
        h.command("AT+FTPGETNAME=\"1K.txt\"", OK);
        h.command("AT+FTPGETPATH=\"/\"", OK);
    }

    /** IPAN 3.9 as the note shows it: AT+FTPMODE is never set, so the transfer runs in active mode (the default). */
    @Test
    void t3_9_get_activeMode_withADryBufferAndAFreshAnnouncement() {
        get39(null);
    }

    @Test
    void t3_9_get_passiveMode_withADryBufferAndAFreshAnnouncement() {
        get39("1");
    }

    /** Active mode with a shaped link (GPRS preset) on virtual time: the data connection is accepted, not dialled. */
    @Test
    void t3_9_get_activeMode_overGprsOnVirtualTime() {
        try (FtpHarness h = new FtpHarness(dir, o -> o.config.put("link.preset", "gprs"))) {
            h.time.advance(Duration.ofSeconds(5)); // the bearer's activation time
            h.take();
            byte[] file = text(3000);
            h.put("1K.txt", file);
            setup39(h);
            h.command("AT+FTPMODE?", "\r\n+FTPMODE: 0\r\n" + OK);
            h.command("AT+FTPGET=1", OK);
            h.expectAdvancing("\r\n+FTPGET: 1,1\r\n", Duration.ofMillis(100));
            int pos = 0;
            while (pos < file.length) {
                h.time.advance(Duration.ofSeconds(1));
                byte[] got = h.readBlock("AT+FTPGET=2,1460", "+FTPGET: 2,");
                assertThat(got).isEqualTo(Arrays.copyOfRange(file, pos, pos + got.length));
                pos += got.length;
            }
            h.expectAdvancing("\r\n+FTPGET: 1,0\r\n", Duration.ofMillis(100));
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
        }
    }

    /** IPAN 3.9 with AT+FTPMODE={@code mode} (null: not sent, the default 0, active). */
    private void get39(String mode) {
        try (FtpHarness h = new FtpHarness(dir, o -> o.config.put("ftp.get.buffer.bytes", "1024"))) {
            byte[] file = text(200_000);
            h.put("1K.txt", file);
            setup39(h);
            if (mode != null) {
                h.command("AT+FTPMODE=" + mode, OK);
            } else {
                h.command("AT+FTPMODE?", "\r\n+FTPMODE: 0\r\n" + OK);
            }
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            h.modem.network().faults().inject(Fault.stall().direction(Fault.Direction.DOWNLINK));
            int pos = 0;
            byte[] got;
            do {
                got = h.readBlock("AT+FTPGET=2,1024", "+FTPGET: 2,");
                assertThat(got).isEqualTo(Arrays.copyOfRange(file, pos, pos + got.length));
                pos += got.length;
            } while (got.length > 0); // ends with "+FTPGET: 2,0": nothing now, but not the end of the session
            h.modem.network().faults().clear(Fault.Kind.STALL);
            // more data arrives after the buffer ran dry: announced again
            h.expect("\r\n+FTPGET: 1,1\r\n");
            while (pos < file.length) {
                got = h.readBlock("AT+FTPGET=2,1024", "+FTPGET: 2,");
                assertThat(got).isEqualTo(Arrays.copyOfRange(file, pos, pos + got.length));
                pos += got.length;
            }
            h.skipUrcs();
            h.expect("\r\n+FTPGET: 1,0\r\n");
            assertThat(h.skipped).allMatch(u -> u.equals("+FTPGET: 1,1"));
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
        }
    }

    @Test
    void t3_10_put() {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.login();
            h.command("AT+FTPPUTNAME=\"1K.txt\"", OK);
            h.command("AT+FTPPUTPATH=\"/\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
            h.command("AT+FTPPUT=2,100", "\r\n+FTPPUT: 2,100\r\n");
            h.send(text(100));
            h.expect(OK);
            h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
            h.command("AT+FTPPUT=2,0", OK);
            h.expect("\r\n+FTPPUT: 1,0\r\n");
            assertThat(h.serverFile("1K.txt")).isEqualTo(text(100));
        }
    }

    @Test
    void t3_11_timeout_serverNeverAnswers_thenHostNeverReads() throws Exception {
        try (FtpHarness h = new FtpHarness(dir, o -> {
            o.config.put("ftp.timeout.connect.ms", "300");
            o.config.put("ftp.timeout.reply.ms", "300");
        }); java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
            h.put("1K.txt", text(5000));
            h.login();
            h.command("AT+FTPGETNAME=\"1K.txt\"", OK);
            h.modem.network().router().setRoutes(List.of(
                Route.parse("silent.example.com -> 127.0.0.1:" + silent.getLocalPort())));
            h.command("AT+FTPSERV=\"silent.example.com\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,64\r\n");
            h.command("AT+FTPSERV=\"ftp.example.com\"", OK);
            h.command("AT+FTPTIMEOUT=30", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            for (int i = 0; i < 5; i++) {
                h.time.advance(Duration.ofSeconds(5)); // ftp.urc.repeat.ms
                h.expect("\r\n+FTPGET: 1,1\r\n");
            }
            h.time.advance(Duration.ofSeconds(5)); // AT+FTPTIMEOUT=30 without a read
            h.expect("\r\n+FTPGET: 1,64\r\n");
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
        }
    }

    @Test
    void t3_12_wrongPassword() {
        try (FtpHarness h = new FtpHarness(dir, o -> o.server = b -> b.account("sim.cs1", "right"))) {
            h.put("1K.txt", text(10));
            h.login();
            h.command("AT+FTPGETNAME=\"1K.txt\"", OK);
            h.command("AT+FTPPW=\"3214567\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,72\r\n");
        }
    }

    @Test
    void t3_13_operationErrors() {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.login();
            h.command("AT+FTPGET=1", OK); // no AT+FTPGETNAME
            h.expect("\r\n+FTPGET: 1,64\r\n");
            h.command("AT+FTPPUTNAME=\"up.txt\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.command("AT+FTPPUT=1", OK);
            String rest = new String(h.read("\r\n+FTPPUT: 1,1,1360\r\n\r\n+FTPPUT: 1,66\r\n".length()),
                StandardCharsets.ISO_8859_1);
            assertThat(rest).isIn("\r\n+FTPPUT: 1,1,1360\r\n\r\n+FTPPUT: 1,66\r\n",
                "\r\n+FTPPUT: 1,66\r\n\r\n+FTPPUT: 1,1,1360\r\n");
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 1\r\n" + OK); // the first session goes on
            h.command("AT+FTPPUT=2,0", OK);
            h.expect("\r\n+FTPPUT: 1,0\r\n");
        }
    }

    @Test
    void t3_14_readAndWriteErrors() {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.put("1K.txt", text(50));
            h.login();
            h.command("AT+FTPGETNAME=\"1K.txt\"", OK);
            h.modem.network().setLinkModel(LinkModel.INSTANT.withConnectSetup(Duration.ofSeconds(1)));
            h.command("AT+FTPGET=1", OK);
            h.command("AT+FTPGET=2,1000", ERROR); // before +FTPGET: 1,1
            h.modem.network().setLinkModel(LinkModel.INSTANT);
            h.expectAdvancing("\r\n+FTPGET: 1,1\r\n", Duration.ofSeconds(1));
            byte[] got = h.readBlock("AT+FTPGET=2,1000", "+FTPGET: 2,");
            assertThat(got).isEqualTo(text(50));
            h.expect("\r\n+FTPGET: 1,0\r\n");
            h.command("AT+FTPGET=2,1000", ERROR); // after the session ended

            h.command("AT+FTPPUTNAME=\"1K.txt\"", OK);
            h.modem.network().setLinkModel(LinkModel.INSTANT.withConnectSetup(Duration.ofSeconds(1)));
            h.command("AT+FTPPUT=1", OK);
            h.command("AT+FTPPUT=2,1000", ERROR); // before +FTPPUT: 1,1,1360
            h.modem.network().setLinkModel(LinkModel.INSTANT);
            h.expectAdvancing("\r\n+FTPPUT: 1,1,1360\r\n", Duration.ofSeconds(1));
            h.command("AT+FTPPUT=2,100", "\r\n+FTPPUT: 2,100\r\n");
            h.send(text(100));
            h.expect(OK);
            h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
            h.command("AT+FTPPUT=2,0", OK);
            h.command("AT+FTPPUT=2,100", ERROR); // after the session was closed
            h.expect("\r\n+FTPPUT: 1,0\r\n");
        }
    }

    @Test
    void t3_15_resume() {
        try (FtpHarness h = new FtpHarness(dir)) {
            byte[] file = "wodeceshijieguo,zhgeshigeshia".getBytes(StandardCharsets.ISO_8859_1);
            h.put("1K.txt", file);
            h.login();
            h.command("AT+FTPGETNAME=\"1K.txt\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            h.send("AT+FTPGET=2,1024\r");
            h.expect("AT+FTPGET=2,1024\r\r\n+FTPGET: 2,29\r\nwodeceshijieguo,zhgeshigeshia\r\nOK\r\n");
            h.expect("\r\n+FTPGET: 1,0\r\n");
            h.command("AT+FTPREST=20", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            h.send("AT+FTPGET=2,1024\r");
            h.expect("AT+FTPGET=2,1024\r\r\n+FTPGET: 2,9\r\nshigeshia\r\nOK\r\n");
            h.expect("\r\n+FTPGET: 1,0\r\n");
        }
    }

    @Test
    void t3_16_dele_and_3_17_size() {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.put("1K.txt", text(1024));
            h.login();
            h.command("AT+FTPGETNAME=\"1K.txt\"", OK);
            h.command("AT+FTPGETPATH=\"/\"", OK);
            h.command("AT+FTPSIZE", OK);
            h.expect("\r\n+FTPSIZE: 1,0,1024\r\n");
            h.command("AT+FTPDELE", OK);
            h.expect("\r\n+FTPDELE: 1,0\r\n");
            assertThat(Files.exists(h.file("1K.txt"))).isFalse();
        }
    }

    @Test
    void t3_18_mkd_rmd() {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.login();
            h.command("AT+FTPGETPATH=\"/test\"", OK);
            h.command("AT+FTPMKD", OK);
            h.expect("\r\n+FTPMKD: 1,0\r\n");
            assertThat(Files.isDirectory(h.file("test"))).isTrue();
            h.command("AT+FTPRMD", OK);
            h.expect("\r\n+FTPRMD: 1,0\r\n");
            assertThat(Files.exists(h.file("test"))).isFalse();
        }
    }

    @Test
    void t3_19_list() {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.put("1K.txt", text(1024));
            h.login();
            h.command("AT+FTPGETNAME=\"1K.txt\"", OK);
            h.command("AT+FTPGETPATH=\"/\"", OK);
            h.command("AT+FTPLIST=1", OK);
            h.expect("\r\n+FTPLIST: 1,1\r\n");
            byte[] list = h.readBlock("AT+FTPLIST=2,1024", "+FTPLIST: 2,");
            assertThat(new String(list, StandardCharsets.ISO_8859_1)).contains("1K.txt").contains("1024");
            h.expect("\r\n+FTPLIST: 1,0\r\n");
            // a file path lists that file's entry
            h.command("AT+FTPGETPATH=\"/1K.txt\"", OK);
            h.command("AT+FTPLIST=1", OK);
            h.expect("\r\n+FTPLIST: 1,1\r\n");
            list = h.readBlock("AT+FTPLIST=2,1460", "+FTPLIST: 2,");
            assertThat(new String(list, StandardCharsets.ISO_8859_1)).contains("1K.txt");
            h.expect("\r\n+FTPLIST: 1,0\r\n");
        }
    }

    @Test
    void t3_20_extendedPut() {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.login();
            h.command("AT+FTPPUTNAME=\"ext.bin\"", OK);
            h.command("AT+FTPEXTPUT=1", OK);
            h.command("AT+FTPEXTPUT=2,0,1024,10000", "\r\n+FTPEXTPUT: 0,1024\r\n");
            byte[] data = TestBytes.file(1024);
            h.send(data);
            h.expect(OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,0\r\n");
            h.command("AT+FTPEXTPUT=0", OK);
            assertThat(h.serverFile("ext.bin")).isEqualTo(data);
        }
    }

    @Test
    void t3_21_getToFs_and_3_22_putFromFs() throws Exception {
        try (FtpHarness h = new FtpHarness(dir)) {
            byte[] file = TestBytes.file(174_125);
            h.put("test.txt", file);
            h.login();
            h.command("AT+FTPGETNAME=\"test.txt\"", OK);
            h.command("AT+FTPGETTOFS=0,\"test.txt\"", OK);
            h.expect("\r\n+FTPGETTOFS: 0,174125\r\n");
            h.command("AT+FTPGETTOFS?", "\r\n+FTPGETTOFS: 0\r\n" + OK);
            Path local = h.stateDir.resolve("fs").resolve("test.txt");
            assertThat(Files.readAllBytes(local)).isEqualTo(file);

            h.command("AT+FTPPUTNAME=\"copy.txt\"", OK);
            h.command("AT+FTPPUTFRMFS=\"c:\\user\\ftp\\test.txt\"", OK);
            h.expect("\r\n+FTPPUTFRMFS: 0,174125\r\n");
            h.command("AT+FTPPUTFRMFS?", "\r\n+FTPPUTFRMFS: 0\r\n" + OK);
            assertThat(h.serverFile("copy.txt")).isEqualTo(file);
            // confined: no escape from the module's FTP folder
            h.command("AT+FTPPUTFRMFS=\"c:\\user\\ftp\\..\\secret\"", ERROR);
            h.command("AT+FTPPUTFRMFS=\"Disk2:\\ftp\\x\"", ERROR);
        }
    }

    @Test
    void t3_23_extendedGet() throws Exception {
        try (FtpHarness h = new FtpHarness(dir)) {
            byte[] file = TestBytes.file(174_125);
            h.put("test.txt", file);
            h.login();
            h.command("AT+FTPGETNAME=\"test.txt\"", OK);
            h.command("AT+FTPEXTGET=1", OK);
            h.expect("\r\n+FTPEXTGET: 1,0\r\n");
            h.command("AT+FTPEXTGET?", "\r\n+FTPEXTGET: 0,174125\r\n" + OK);
            h.command("AT+FTPEXTGET=2,\"test.txt\"", "\r\n+FTPEXTGET: 2,174125\r\n" + OK);
            assertThat(Files.readAllBytes(h.stateDir.resolve("fs/test.txt"))).isEqualTo(file);
            h.command("AT+FTPEXTGET=2,\"test.txt\"", ERROR); // exists already
            byte[] out = h.readBlock("AT+FTPEXTGET=3,0,174125", "+FTPEXTGET: 3,");
            assertThat(out).isEqualTo(file);
            h.command("AT+FTPEXTGET=0", OK);
        }
    }

    @Test
    void t3_24_filePut() throws Exception {
        try (FtpHarness h = new FtpHarness(dir)) {
            byte[] data = TestBytes.file(5000);
            Files.createDirectories(h.stateDir.resolve("fs"));
            Files.write(h.stateDir.resolve("fs/test.txt"), data);
            h.login();
            h.command("AT+FTPPUTNAME=\"test.txt\"", OK);
            h.command("AT+FTPFILEPUT=1,\"c:\\user\\ftp\\test.txt\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,0\r\n");
            h.command("AT+FTPFILEPUT=0", OK);
            assertThat(h.serverFile("test.txt")).isEqualTo(data);
        }
    }

    @Test
    void t3_25_quit_seedReports80() {
        try (FtpHarness h = new FtpHarness(dir, o -> o.config.put("ftp.get.buffer.bytes", "1024"))) {
            h.put("1K.txt", text(500_000));
            h.login();
            h.command("AT+FTPGETNAME=\"1K.txt\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.command("AT+FTPQUIT", OK);
            h.expect("\r\n+FTPGET: 1,80\r\n");
            h.expectNothing(); // no +FTPGET: 1,1 from the cancelled worker
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            h.command("AT+FTPQUIT", ERROR); // idle
        }
    }

    @Test
    void ftps_implicitAndExplicit() {
        try (FtpHarness h = new FtpHarness(dir, o -> o.tls = true)) {
            h.put("1K.txt", text(3000));
            h.login();
            h.command("AT+FTPGETNAME=\"1K.txt\"", OK);
            h.command("AT+FTPSSL=?", "\r\n+FTPSSL: (0-2)\r\n" + OK);
            h.command("AT+FTPSSL=2", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            assertThat(readAll(h, 3000)).isEqualTo(text(3000));
            h.modem.network().router().setRoutes(List.of(
                Route.parse("ftps.example.com:990 -> 127.0.0.1:" + h.server.implicitTlsPort())));
            h.command("AT+FTPSERV=\"ftps.example.com\"", OK);
            h.command("AT+FTPPORT=990", OK);
            h.command("AT+FTPSSL=1", OK);
            h.command("AT+FTPSSL?", "\r\n+FTPSSL: 1\r\n" + OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            assertThat(readAll(h, 3000)).isEqualTo(text(3000));
        }
    }

    static byte[] readAll(FtpHarness h, int size) {
        return h.readAll("AT+FTPGET=2,1460", "+FTPGET", size);
    }
}
