package dev.vmodem.commands.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.ftp.ScriptedFtpServer;
import dev.vmodem.net.Route;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each SIMCom error code from a real cause; after each, AT+FTPSTATE is 0 and a following GET works. */
class FtpErrorTest {

    private static final String OK = "\r\nOK\r\n";
    private static final byte[] FILE = "0123456789".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    private FtpHarness harness() {
        return harness(o -> { });
    }

    private FtpHarness harness(java.util.function.Consumer<FtpHarness.Options> c) {
        FtpHarness h = new FtpHarness(dir, c);
        h.put("f.txt", FILE);
        h.login();
        h.command("AT+FTPGETNAME=\"f.txt\"", OK);
        return h;
    }

    /** AT+FTPSTATE is 0 and a GET from the embedded server works. */
    private static void recovers(FtpHarness h) {
        h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
        h.command("AT+FTPSERV=\"ftp.example.com\"", OK);
        h.command("AT+FTPPORT=21", OK);
        h.command("AT+FTPGETNAME=\"f.txt\"", OK);
        h.command("AT+FTPGET=1", OK);
        h.expect("\r\n+FTPGET: 1,1\r\n");
        assertThat(h.readAll("AT+FTPGET=2,1460", "+FTPGET", FILE.length)).isEqualTo(FILE);
    }

    private static void routeTo(FtpHarness h, String host, int port) {
        h.modem.network().router().setRoutes(List.of(Route.parse(host + " -> 127.0.0.1:" + port)));
    }

    @Test
    void e61_bearerNotOpen() {
        try (FtpHarness h = new FtpHarness(dir, o -> o.openBearer = false)) {
            h.put("f.txt", FILE);
            h.login();
            h.command("AT+FTPGETNAME=\"f.txt\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,61\r\n");
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            h.modem.network().bearers().open(1);
            h.time.runDue();
            recovers(h);
        }
    }

    @Test
    void e62_dns() {
        try (FtpHarness h = harness()) {
            h.modem.network().router().setRoutes(List.of(Route.parse("nx.example.com -> nxdomain")));
            h.command("AT+FTPSERV=\"nx.example.com\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,62\r\n");
            recovers(h);
        }
    }

    @Test
    void e63_refused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (FtpHarness h = harness()) {
            routeTo(h, "closed.example.com", port);
            h.command("AT+FTPSERV=\"closed.example.com\"", OK);
            h.command("AT+FTPSIZE", OK);
            h.expect("\r\n+FTPSIZE: 1,63,0\r\n");
            recovers(h);
        }
    }

    @Test
    void e64_silentServer() throws Exception {
        try (FtpHarness h = harness(o -> o.config.put("ftp.timeout.connect.ms", "300"));
             ServerSocket silent = new ServerSocket(0)) {
            routeTo(h, "silent.example.com", silent.getLocalPort());
            h.command("AT+FTPSERV=\"silent.example.com\"", OK);
            h.command("AT+FTPPUTNAME=\"x\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,64\r\n");
            recovers(h);
        }
    }

    @Test
    void e65_server421() throws Exception {
        try (FtpHarness h = harness(); ServerSocket busy = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (Socket s = busy.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("421 Too many users, try later\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(200);
                } catch (Exception ignored) {
                    // test server
                }
            });
            t.setDaemon(true);
            t.start();
            routeTo(h, "busy.example.com", busy.getLocalPort());
            h.command("AT+FTPSERV=\"busy.example.com\"", OK);
            h.command("AT+FTPDELE", OK);
            h.expect("\r\n+FTPDELE: 1,65\r\n");
            recovers(h);
        }
    }

    @Test
    void e66_secondOperation() {
        try (FtpHarness h = harness()) {
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            h.command("AT+FTPSIZE", OK);
            h.expect("\r\n+FTPSIZE: 1,66,0\r\n");
            assertThat(h.readAll("AT+FTPGET=2,1460", "+FTPGET", FILE.length)).isEqualTo(FILE);
            recovers(h);
        }
    }

    @Test
    void e71_e72_accounts() {
        try (FtpHarness h = harness(o -> o.server = b -> b.account("sim.cs1", "secret"))) {
            h.command("AT+FTPUN=\"nobody\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,71\r\n");
            h.command("AT+FTPUN=\"sim.cs1\"", OK);
            h.command("AT+FTPPW=\"wrong\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,72\r\n");
            h.command("AT+FTPPW=\"secret\"", OK);
            recovers(h);
        }
    }

    // ------------------------------------------------------------------ 70, 73..76: a scripted server misbehaves

    /** A {@link ScriptedFtpServer} reached as scripted.example.com, AT+FTPSERV pointing at it. */
    private static ScriptedFtpServer scripted(FtpHarness h) throws Exception {
        ScriptedFtpServer s = new ScriptedFtpServer();
        routeTo(h, "scripted.example.com", s.port());
        h.command("AT+FTPSERV=\"scripted.example.com\"", OK);
        return s;
    }

    /** Back to the parameters of {@link #harness()}, then {@link #recovers}. */
    private static void resetsAndRecovers(FtpHarness h) {
        h.command("AT+FTPMODE=1", OK);
        h.command("AT+FTPTYPE=\"I\"", OK);
        h.command("AT+FTPREST=0", OK);
        h.command("AT+FTPSSL=0", OK);
        recovers(h);
    }

    @Test
    void e70_replyThatIsNotFtp() throws Exception {
        try (FtpHarness h = harness(); ScriptedFtpServer s = scripted(h)) {
            s.replies.put("USER", "GARBAGE");
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,70\r\n");
            resetsAndRecovers(h);
        }
    }

    @Test
    void e73_typeRefused() throws Exception {
        try (FtpHarness h = harness(); ScriptedFtpServer s = scripted(h)) {
            s.replies.put("TYPE", "504 Type not implemented for that parameter.");
            h.command("AT+FTPTYPE=\"A\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,73\r\n");
            h.command("AT+FTPPUTNAME=\"up.txt\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,73\r\n");
            resetsAndRecovers(h);
        }
    }

    @Test
    void e74_restRefused() throws Exception {
        try (FtpHarness h = harness(); ScriptedFtpServer s = scripted(h)) {
            s.replies.put("REST", "502 REST not implemented.");
            h.command("AT+FTPREST=100", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,74\r\n");
            resetsAndRecovers(h);
        }
    }

    @Test
    void e75_pasvRefused_andPassivePortClosed() throws Exception {
        int closedPort;
        try (ServerSocket c = new ServerSocket(0)) {
            closedPort = c.getLocalPort();
        }
        try (FtpHarness h = harness(); ScriptedFtpServer s = scripted(h)) {
            s.replies.put("PASV", "502 No passive mode here.");
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,75\r\n");
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            s.replies.put("PASV",
                "227 Entering Passive Mode (127,0,0,1," + (closedPort >> 8) + "," + (closedPort & 0xFF) + ").");
            h.command("AT+FTPPUTNAME=\"up.txt\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,75\r\n");
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            s.replies.remove("PASV");
            s.replies.put("RETR", "425 Can't open data connection.");
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,75\r\n");
            resetsAndRecovers(h);
        }
    }

    @Test
    void e76_portRefused_andServerNeverConnectsBack() throws Exception {
        try (FtpHarness h = harness(o -> o.config.put("ftp.timeout.data.ms", "500"));
             ScriptedFtpServer s = scripted(h)) {
            h.command("AT+FTPMODE=0", OK);
            s.replies.put("PORT", "500 Illegal PORT command.");
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,76\r\n");
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            s.replies.remove("PORT");
            s.connectBack = false;
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,76\r\n");
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            // active mode itself works against the same server once it connects back
            s.connectBack = true;
            s.retrData = FILE;
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            assertThat(h.readAll("AT+FTPGET=2,1460", "+FTPGET", FILE.length)).isEqualTo(FILE);
            resetsAndRecovers(h);
        }
    }

    // ------------------------------------------------------------------ 80..84: FTPS (AT+FTPSSL)

    @Test
    void e80_implicitTlsToAPlainServer() {
        try (FtpHarness h = harness(o -> o.config.put("ftp.timeout.connect.ms", "1000"))) {
            h.command("AT+FTPSSL=1", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,80\r\n");
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            h.command("AT+FTPSIZE", OK);
            h.expect("\r\n+FTPSIZE: 1,80,0\r\n");
            resetsAndRecovers(h);
        }
    }

    @Test
    void e80_plainDataConnectionAfterProtP() throws Exception {
        try (FtpHarness h = harness(); ScriptedFtpServer s = scripted(h)) {
            s.retrData = "plain text, no TLS here".getBytes(StandardCharsets.ISO_8859_1);
            h.command("AT+FTPSSL=2", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,80\r\n");
            resetsAndRecovers(h);
        }
    }

    @Test
    void e81_tlsBrokenAfterTheChannelIsUp() throws Exception {
        try (FtpHarness h = harness(); ScriptedFtpServer s = scripted(h)) {
            s.replies.put("USER", "RAWGARBAGE");
            h.command("AT+FTPSSL=2", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,81\r\n");
            resetsAndRecovers(h);
        }
    }

    @Test
    void e82_authRefusedByAServerWithoutTls() {
        try (FtpHarness h = harness()) {
            h.command("AT+FTPSSL=2", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,82\r\n");
            h.command("AT+FTPPUTNAME=\"up.txt\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,82\r\n");
            resetsAndRecovers(h);
        }
    }

    @Test
    void e83_pbszRefused_e84_protRefused() throws Exception {
        try (FtpHarness h = harness(); ScriptedFtpServer s = scripted(h)) {
            h.command("AT+FTPSSL=2", OK);
            s.replies.put("PBSZ", "503 Bad sequence.");
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,83\r\n");
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            s.replies.remove("PBSZ");
            s.replies.put("PROT", "536 Requested PROT level not supported.");
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,84\r\n");
            resetsAndRecovers(h);
        }
    }

    @Test
    void ftpsWorksAfterItsFailures() {
        try (FtpHarness h = harness(o -> o.tls = true)) {
            h.command("AT+FTPSSL=1", OK); // implicit TLS on the explicit (plain) control port
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,80\r\n");
            h.command("AT+FTPSSL=2", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            assertThat(h.readAll("AT+FTPGET=2,1460", "+FTPGET", FILE.length)).isEqualTo(FILE);
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            resetsAndRecovers(h);
        }
    }

    @Test
    void e77_e78_e79_refusedByTheServer() {
        try (FtpHarness h = harness()) {
            h.command("AT+FTPGETNAME=\"missing.txt\"", OK);
            h.command("AT+FTPDELE", OK);
            h.expect("\r\n+FTPDELE: 1,77\r\n");
            h.command("AT+FTPMDTM", OK);
            h.expect("\r\n+FTPMDTM: 1,77\r\n");
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,79\r\n");
            h.command("AT+FTPPUTPATH=\"/no/such/dir\"", OK);
            h.command("AT+FTPPUTNAME=\"x.txt\"", OK);
            h.command("AT+FTPPUT=1", OK);
            // the embedded server opens the data connection first and refuses the file when it is stored
            String next = new String(h.read("\r\n+FTPPUT: 1,78\r\n".length()), StandardCharsets.ISO_8859_1);
            if (next.startsWith("\r\n+FTPPUT: 1,1,")) {
                h.expect("60\r\n");
                h.command("AT+FTPPUT=2,0", OK);
                h.expect("\r\n+FTPPUT: 1,78\r\n");
            } else {
                assertThat(next).isEqualTo("\r\n+FTPPUT: 1,78\r\n");
            }
            recovers(h);
        }
    }

    @Test
    void manualQuitOfAPutAndRenameMdtm() {
        try (FtpHarness h = harness()) {
            h.command("AT+FTPPUTNAME=\"up.txt\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
            h.command("AT+FTPQUIT", OK);
            h.expect("\r\n+FTPPUT: 1,80\r\n");
            h.command("AT+FTPPUTNAME=\"g.txt\"", OK);
            h.command("AT+FTPRENAME", OK);
            h.expect("\r\n+FTPRENAME: 1,0\r\n");
            assertThat(h.serverFile("g.txt")).isEqualTo(FILE);
            h.command("AT+FTPGETNAME=\"g.txt\"", OK);
            h.command("AT+FTPMDTM", OK);
            String urc = new String(h.read("\r\n+FTPMDTM: 1,0,YYYYMMDDhhmmss\r\n".length()),
                StandardCharsets.ISO_8859_1);
            assertThat(urc).matches("\r\n\\+FTPMDTM: 1,0,\\d{14}\r\n");
            h.put("f.txt", FILE);
            recovers(h);
        }
    }

    @Test
    void asciiTypeStripsTheEighthBitOfUploads() {
        try (FtpHarness h = harness()) {
            h.command("AT+FTPTYPE=A", OK);
            h.command("AT+FTPPUTNAME=\"a.txt\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
            h.command("AT+FTPPUT=2,3", "\r\n+FTPPUT: 2,3\r\n");
            h.send(new byte[] {(byte) 0xC1, (byte) 0xE2, 0x43});
            h.expect(OK + "\r\n+FTPPUT: 1,1,1360\r\n");
            h.command("AT+FTPPUT=2,0", OK);
            h.expect("\r\n+FTPPUT: 1,0\r\n");
            assertThat(h.serverFile("a.txt")).isEqualTo(new byte[] {0x41, 0x62, 0x43});
        }
    }

    @Test
    void strictProfile_manualQuit86_andNoSim7000Commands() {
        try (FtpHarness h = harness(o -> o.profile = "sim800-strict")) {
            h.command("AT+FTPGET=1", OK);
            h.command("AT+FTPQUIT", OK);
            h.expect("\r\n+FTPGET: 1,86\r\n");
            for (String c : List.of("AT+FTPETGET=1", "AT+FTPETPUT=1", "AT+FTPRENAME", "AT+FTPMDTM")) {
                h.command(c, "\r\nERROR\r\n");
            }
            recovers(h);
        }
    }
}
