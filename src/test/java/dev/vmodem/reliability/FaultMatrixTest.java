package dev.vmodem.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.net.Fault;
import dev.vmodem.net.Route;
import dev.vmodem.testing.TestBytes;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix on virtual time (socket timeouts in real time, made small): each case provokes one failure in the
 * middle of a real transfer, checks the documented result code, checks that nothing already confirmed is lost (what
 * the host read is a prefix of the file, read once and in order; what the modem acknowledged with OK is on the
 * server), and ends with {@link Rig#recovers()}: AT+FTPSTATE 0, then a GET and a PUT that work.
 */
class FaultMatrixTest {

    static final String OK = "\r\nOK\r\n";
    static final int BIG = 2 * 1024 * 1024;

    @TempDir
    Path dir;

    private Rig rig() {
        return rig(o -> { });
    }

    private Rig rig(java.util.function.Consumer<Rig.Options> c) {
        Rig h = new Rig(dir, o -> {
            o.server = b -> b.tls(false);
            c.accept(o);
        });
        h.login();
        h.command("AT+FTPGETPATH=\"/\"", OK);
        h.command("AT+FTPPUTPATH=\"/\"", OK);
        return h;
    }

    private static void echoOff(Rig h) {
        h.command("ATE0", OK);
    }

    private static void echoOn(Rig h) {
        h.send("ATE1\r");
        h.expect(OK);
    }

    private static void assertPrefix(byte[] got, byte[] file) {
        assertThat(got.length).isLessThanOrEqualTo(file.length);
        assertThat(got).as("delivered bytes are the file's first %d bytes, once, in order", got.length)
            .isEqualTo(Arrays.copyOf(file, got.length));
    }

    /** Starts a GET of {@code name} with ATE0 and waits for its first +FTPGET: 1,1. */
    private static void startGet(Rig h, String name) {
        h.command("AT+FTPGETNAME=\"" + name + "\"", OK);
        echoOff(h);
        h.send("AT+FTPGET=1\r");
        h.expect(OK);
        h.expect("\r\n+FTPGET: 1,1\r\n");
    }

    /** Starts a PUT (echo on) and waits for +FTPPUT: 1,1,1360. */
    private static void startPut(Rig h, String name) {
        h.command("AT+FTPPUTNAME=\"" + name + "\"", OK);
        h.command("AT+FTPPUT=1", OK);
        h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
    }

    /** Sends one confirmed block: AT+FTPPUT=2,n, the bytes, OK, and the next +FTPPUT: 1,1,1360. */
    private static void putBlock(Rig h, byte[] block) {
        h.send("AT+FTPPUT=2," + block.length + "\r");
        h.expect("AT+FTPPUT=2," + block.length + "\r\r\n+FTPPUT: 2," + block.length + "\r\n");
        h.send(block);
        h.expect(OK);
        h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
    }

    private static void routeTo(Rig h, String host, int port) {
        h.modem.network().router().setRoutes(List.of(Route.parse(host + " -> 127.0.0.1:" + port)));
    }

    // ---- the server goes away ----

    @Test
    void serverKilledMidDownload_failsWithAPrefix() {
        try (Rig h = rig()) {
            byte[] file = TestBytes.file(12 * 1024 * 1024);
            h.put("big.bin", file);
            startGet(h, "big.bin");
            Rig.Drained d = h.drainGet(h::killServer);
            // the kernel's socket buffers hold a few MB: what they held is delivered, then the failure
            assertThat(d.code()).isIn(65, 79);
            // MINA's stop() ends the control session at once, but a data transfer already under way may still run
            // to its end: how much of the file arrived depends on that race, so only "a prefix, then the failure
            // code" is asserted
            assertPrefix(d.data(), file);
            echoOn(h);
            h.restartServer();
            h.recovers();
        }
    }

    @Test
    void serverKilledMidUpload_failsAndKeepsAPrefix() {
        try (Rig h = rig()) {
            byte[] block = TestBytes.file(1360);
            startPut(h, "up.bin");
            putBlock(h, block);
            putBlock(h, block);
            echoOff(h);
            h.killServer();
            // MINA's stop() closes the control connection at once but lets the data connection drain: the modem
            // sees the close and ends the session with 65, whether the next block is under way or not
            h.send("AT+FTPPUT=2,1360\r");
            String result = null;
            String urc = null;
            while (result == null || urc == null) {
                String l = h.line();
                if (l.equals("+FTPPUT: 2,1360")) {
                    h.send(block);
                } else if (l.equals("OK") || l.equals("ERROR")) {
                    assertThat(result).as("one final result for the block").isNull();
                    result = l;
                } else if (!l.equals("+FTPPUT: 1,1,1360")) {
                    assertThat(urc).as("one failure URC").isNull();
                    urc = l;
                }
            }
            assertThat(urc).isEqualTo("+FTPPUT: 1,65");
            echoOn(h);
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            h.command("AT", OK);
            h.expectNothing();
            // what was confirmed before the server stopped reached it; a block sent after that may have or not
            byte[] sent = new byte[3 * 1360];
            for (int i = 0; i < 3; i++) {
                System.arraycopy(block, 0, sent, i * 1360, 1360);
            }
            byte[] onServer = awaitServerFile(h, "up.bin", 2 * 1360);
            assertPrefix(onServer, sent);
            h.restartServer();
            h.recovers();
        }
    }

    /** Reads framed lines until one starts with {@code prefix} (and is not a 1,1,n readiness line). */
    private static String untilUrc(Rig h, String prefix) {
        while (true) {
            h.time.advance(Duration.ofMillis(500));
            String l = h.line();
            if (l.startsWith(prefix) && !l.matches("\\+FTPPUT: 1,1,\\d+")) {
                return l;
            }
        }
    }

    @Test
    void reply421MidDownload_gives65AndAPrefix() throws Exception {
        try (Rig h = rig(); MiniFtpServer mini = new MiniFtpServer()) {
            byte[] file = TestBytes.file(200_000);
            mini.retrData = file;
            mini.retr = MiniFtpServer.Retr.HALF_THEN_421;
            routeTo(h, "mini.example.com", mini.port());
            h.command("AT+FTPSERV=\"mini.example.com\"", OK);
            startGet(h, "f.bin");
            Rig.Drained d = h.drainGet(() -> { });
            assertThat(d.code()).isEqualTo(65);
            assertPrefix(d.data(), file);
            assertThat(d.data().length).isLessThanOrEqualTo(100_000);
            echoOn(h);
            h.modem.network().router().setRoutes(List.of());
            h.recovers();
        }
    }

    @Test
    void dataConnectionCutMidDownload_gives79AndAPrefix() {
        try (Rig h = rig()) {
            byte[] file = TestBytes.file(BIG);
            h.put("big.bin", file);
            h.modem.network().faults().inject(Fault.cutAfterBytes(300_000).direction(Fault.Direction.DOWNLINK)
                .oneShot());
            startGet(h, "big.bin");
            Rig.Drained d = h.drainGet(() -> { });
            assertThat(d.code()).isEqualTo(79);
            assertPrefix(d.data(), file);
            assertThat(d.data().length).isLessThanOrEqualTo(300_000);
            echoOn(h);
            h.recovers();
        }
    }

    @Test
    void dataConnectionCutMidUpload_gives78AndKeepsTheConfirmedPrefix() {
        try (Rig h = rig()) {
            byte[] block = TestBytes.file(1360);
            startPut(h, "up.bin");
            // lasting, so it applies to the open data connection; the control connection carries far less
            dev.vmodem.net.ActiveFault cut = h.modem.network().faults().inject(
                Fault.cutAfterBytes(5000).direction(Fault.Direction.UPLINK));
            ByteArrayOutputStream confirmed = new ByteArrayOutputStream();
            String end = null;
            // more blocks than the modem queues for the data connection (32 KB): the host meets the failure
            for (int i = 0; i < 120 && end == null; i++) {
                h.send("AT+FTPPUT=2,1360\r");
                // The worker writes confirmed blocks while the host sends the next: a failure it meets then is
                // reported between blocks, so its URC may come before this command's echo.
                byte[] first = h.read(2);
                h.unread(2);
                if (first[0] == '\r' && first[1] == '\n') {
                    end = h.line();
                    h.expect("AT+FTPPUT=2,1360\r");
                    assertThat(h.line()).as("a block after the session ended").isEqualTo("ERROR");
                    break;
                }
                h.expect("AT+FTPPUT=2,1360\r");
                String l = h.line();
                if (!l.equals("+FTPPUT: 2,1360")) {
                    end = l.equals("ERROR") ? untilUrc(h, "+FTPPUT: 1,") : l;
                    break;
                }
                h.send(block);
                String r = h.line();
                if (r.equals("OK")) {
                    confirmed.write(block, 0, block.length);
                    String next = h.line();
                    if (!next.equals("+FTPPUT: 1,1,1360")) {
                        end = next;
                    }
                } else {
                    end = r.equals("ERROR") ? untilUrc(h, "+FTPPUT: 1,") : r;
                }
            }
            assertThat(end).isEqualTo("+FTPPUT: 1,78");
            cut.clear();
            h.awaitIdle();
            byte[] onServer = h.serverFile("up.bin");
            byte[] c = confirmed.toByteArray();
            assertThat(onServer.length).isLessThanOrEqualTo(c.length);
            assertPrefix(onServer, c);
            h.recovers();
        }
    }

    @Test
    void stalledServer_gives64WithinTheConfiguredTimeout() {
        try (Rig h = rig(o -> o.config.put("ftp.timeout.data.ms", "500"))) {
            byte[] file = TestBytes.file(BIG);
            h.put("big.bin", file);
            startGet(h, "big.bin");
            long t0 = System.nanoTime();
            // a stalled read's timeout runs on the modem clock: drainGet advances it 100 ms per round
            Rig.Drained d = h.drainGet(() -> h.modem.network().faults().inject(Fault.stall()),
                Duration.ofMillis(100));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(d.code()).isEqualTo(64);
            assertPrefix(d.data(), file);
            assertThat(ms).isLessThan(10_000);
            h.modem.network().faults().clearAll();
            echoOn(h);
            h.recovers();
        }
    }

    // ---- the server refuses ----

    @Test
    void diskFull552_gives78AndTheServerHadEveryConfirmedByte() throws Exception {
        try (Rig h = rig(); MiniFtpServer mini = new MiniFtpServer()) {
            mini.storEnd = "552 Requested file action aborted. Exceeded storage allocation.";
            routeTo(h, "mini.example.com", mini.port());
            h.command("AT+FTPSERV=\"mini.example.com\"", OK);
            byte[] block = TestBytes.file(1360);
            startPut(h, "full.bin");
            putBlock(h, block);
            putBlock(h, block);
            h.command("AT+FTPPUT=2,0", OK);
            h.expect("\r\n+FTPPUT: 1,78\r\n");
            assertThat(mini.stored.values()).singleElement().satisfies(b -> assertThat(b).hasSize(2 * 1360));
            h.modem.network().router().setRoutes(List.of());
            h.recovers();
        }
    }

    @Test
    void permissionDenied550_gives79OnGetAnd78OnPut() throws Exception {
        try (Rig h = rig(); MiniFtpServer mini = new MiniFtpServer()) {
            mini.replies.put("RETR", "550 Permission denied.");
            mini.replies.put("STOR", "550 Permission denied.");
            routeTo(h, "mini.example.com", mini.port());
            h.command("AT+FTPSERV=\"mini.example.com\"", OK);
            h.command("AT+FTPGETNAME=\"secret.bin\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,79\r\n");
            h.command("AT+FTPPUTNAME=\"ro.bin\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,78\r\n");
            h.modem.network().router().setRoutes(List.of());
            h.recovers();
        }
    }

    @Test
    void wrongCredentials_give71And72() {
        try (Rig h = rig(o -> o.server = b -> b.tls(false).account("sim.cs1", "secret"))) {
            h.put("f.txt", new byte[] {1, 2, 3});
            h.command("AT+FTPGETNAME=\"f.txt\"", OK);
            h.command("AT+FTPUN=\"nobody\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,71\r\n");
            h.command("AT+FTPUN=\"sim.cs1\"", OK);
            h.command("AT+FTPPW=\"wrong\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,72\r\n");
            h.command("AT+FTPPW=\"secret\"", OK);
            h.recovers();
        }
    }

    // ---- the network fails ----

    @Test
    void dnsFailure_gives62() {
        try (Rig h = rig()) {
            h.put("f.txt", new byte[] {1, 2, 3});
            h.command("AT+FTPGETNAME=\"f.txt\"", OK);
            h.modem.network().faults().inject(Fault.dnsFailure().oneShot());
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,62\r\n");
            h.recovers();
        }
    }

    @Test
    void bearerDroppedMidDownload_gives61AndAPrefix() {
        try (Rig h = rig()) {
            byte[] file = TestBytes.file(BIG);
            h.put("big.bin", file);
            startGet(h, "big.bin");
            Rig.Drained d = h.drainGet(() -> h.modem.network().faults().inject(Fault.bearerDrop().oneShot()));
            assertThat(d.code()).isEqualTo(61);
            assertPrefix(d.data(), file);
            echoOn(h);
            h.take(); // +SAPBR 1: DEACT
            h.send("AT+SAPBR=1,1\r");
            h.time.runDue();
            h.expect("AT+SAPBR=1,1\r" + OK);
            h.recovers();
        }
    }

    // ---- the host misbehaves ----

    @Test
    void hostNeverReads_gives64OnTheModemClock() {
        try (Rig h = rig()) {
            byte[] file = TestBytes.file(BIG);
            h.put("big.bin", file);
            h.command("AT+FTPTIMEOUT=20", OK);
            h.command("AT+FTPGETNAME=\"big.bin\"", OK);
            h.command("AT+FTPGET=1", OK);
            h.expect("\r\n+FTPGET: 1,1\r\n");
            // repeated every 5 s while unread, then 64 after 20 s of no reads
            for (int i = 0; i < 3; i++) {
                h.expectAdvancing("\r\n+FTPGET: 1,1\r\n", Duration.ofSeconds(1));
            }
            h.expectAdvancing("\r\n+FTPGET: 1,64\r\n", Duration.ofSeconds(1));
            h.command("AT+FTPGET=2,1460", "\r\nERROR\r\n");
            h.command("AT+FTPTIMEOUT=30", OK);
            h.recovers();
        }
    }

    @Test
    void hostSendsFewerBytesThanAnnounced_errorAfterTheInputTimeoutAndTheBlockIsDropped() {
        try (Rig h = rig()) {
            byte[] block = TestBytes.file(1360);
            startPut(h, "short.bin");
            putBlock(h, block);
            h.send("AT+FTPPUT=2,100\r");
            h.expect("AT+FTPPUT=2,100\r\r\n+FTPPUT: 2,100\r\n");
            h.send(Arrays.copyOf(block, 40));
            h.expectAdvancing("\r\nERROR\r\n", Duration.ofSeconds(1));
            // the session goes on: the confirmed block, then the end
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 1\r\n" + OK);
            h.command("AT+FTPPUT=2,0", OK);
            h.expect("\r\n+FTPPUT: 1,0\r\n");
            assertThat(h.serverFile("short.bin")).isEqualTo(block);
            h.recovers();
        }
    }

    @Test
    void hostSendsMoreBytesThanAnnounced_theRestIsParsedAsCommands() {
        try (Rig h = rig()) {
            byte[] block = "0123456789".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            startPut(h, "long.bin");
            h.send("AT+FTPPUT=2,10\r");
            h.expect("AT+FTPPUT=2,10\r\r\n+FTPPUT: 2,10\r\n");
            h.send("0123456789AT+CGMI\rAT+XYZ\r".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String out = new String(h.read(OK.length()), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(out).isEqualTo(OK);
            // the +FTPPUT readiness URC and the answers to the extra bytes, in some order
            StringBuilder rest = new StringBuilder();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!(rest.toString().contains("AT+XYZ\r\r\nERROR\r\n") && rest.toString().contains("+FTPPUT: 1,1,1360"))
                && System.nanoTime() < deadline) {
                try {
                    rest.append(new String(h.readSome(4096), java.nio.charset.StandardCharsets.ISO_8859_1));
                } catch (AssertionError e) {
                    throw new AssertionError("got only " + Rig.esc(rest.toString().getBytes(
                        java.nio.charset.StandardCharsets.ISO_8859_1)), e);
                }
            }
            assertThat(rest.toString()).contains("AT+CGMI\r\r\nSIMCOM_Ltd\r\n\r\nOK\r\n", "XYZ\r\r\nERROR\r\n",
                "\r\n+FTPPUT: 1,1,1360\r\n");
            h.command("AT+FTPPUT=2,0", OK);
            h.expect("\r\n+FTPPUT: 1,0\r\n");
            assertThat(h.serverFile("long.bin")).isEqualTo(block);
            h.recovers();
        }
    }

    /** The server's copy of {@code name} once it holds at least {@code atLeast} bytes (its writer may lag). */
    private static byte[] awaitServerFile(Rig h, String name, int atLeast) {
        long deadline = System.nanoTime() + Rig.WAIT.toNanos();
        while (true) {
            byte[] b = java.nio.file.Files.exists(h.file(name)) ? h.serverFile(name) : new byte[0];
            if (b.length >= atLeast) {
                return b;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " holds " + b.length + " bytes, expected at least " + atLeast);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
    }
}
