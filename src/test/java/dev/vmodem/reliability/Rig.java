package dev.vmodem.reliability;

import dev.vmodem.commands.ftp.FtpHarness;
import dev.vmodem.ftp.EmbeddedFtpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The FTP command harness (a modem on virtual time wired to a real embedded FTP server on port 0) with what the
 * fault matrix adds: reading a GET to its end whatever code ends it, killing and restarting the server, and checking
 * that the modem recovers.
 */
class Rig extends FtpHarness {

    Rig(Path dir) {
        super(dir);
    }

    Rig(Path dir, Consumer<Options> customise) {
        super(dir, customise);
    }

    /** Polls AT+FTPSTATE until it reads 0. */
    void awaitIdle() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            send("AT+FTPSTATE\r");
            String s = new String(read(("AT+FTPSTATE\r\r\n+FTPSTATE: 0\r\n\r\nOK\r\n").length()),
                StandardCharsets.ISO_8859_1);
            if (s.contains("+FTPSTATE: 0")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("FTP state never went back to 0");
            }
        }
    }

    /** With ATE0: the next "\r\n<line>\r\n", consumed. */
    String line() {
        expect("\r\n");
        StringBuilder sb = new StringBuilder();
        while (true) {
            byte b = read(1)[0];
            if (b == '\r') {
                expect("\n");
                return sb.toString();
            }
            sb.append((char) (b & 0xFF));
        }
    }

    /** Result of draining a GET session with ATE0: the bytes delivered, and the code of its final URC. */
    record Drained(byte[] data, int code) { }

    /**
     * With ATE0: reads the running GET with AT+FTPGET=2,1460 until its final URC (+FTPGET: 1,&lt;code&gt;), and
     * the final result of the read that was running then. {@code afterFirst} runs once, after the first block.
     */
    Drained drainGet(Runnable afterFirst) {
        return drainGet(afterFirst, null);
    }

    /** Like {@link #drainGet(Runnable)}, advancing the modem clock by {@code step} each round (if not null). */
    Drained drainGet(Runnable afterFirst, Duration step) {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        Integer code = null;
        boolean first = true;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (code == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("GET never ended; " + got.size() + " bytes read");
            }
            if (step != null && !first) {
                time.advance(step);
            }
            send("AT+FTPGET=2,1460\r");
            while (true) {
                String l = line();
                if (l.startsWith("+FTPGET: 2,")) {
                    int n = Integer.parseInt(l.substring("+FTPGET: 2,".length()));
                    byte[] d = read(n);
                    got.write(d, 0, n);
                } else if (l.equals("OK") || l.equals("ERROR")) {
                    break;
                } else if (l.startsWith("+FTPGET: 1,") && !l.equals("+FTPGET: 1,1")) {
                    code = Integer.parseInt(l.substring("+FTPGET: 1,".length()));
                }
            }
            if (first && got.size() > 0) {
                first = false;
                afterFirst.run();
            }
        }
        return new Drained(got.toByteArray(), code);
    }

    /** Kills the embedded server (its sockets close at once). */
    void killServer() {
        server.stop();
    }

    /** A fresh embedded server on the same root (a new port), and the modem's embedded route pointed at it. */
    void restartServer() {
        try {
            server = EmbeddedFtpServer.builder(ftpRoot).port(0).seedSamples(false).tls(false).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        modem.network().setEmbeddedServer(new InetSocketAddress(server.host(), server.port()));
    }

    /** AT+FTPSTATE is 0, and a GET and a PUT against the embedded server work (the server name is restored). */
    void recovers() {
        command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n\r\nOK\r\n");
        command("AT+FTPSERV=\"ftp.example.com\"", "\r\nOK\r\n");
        command("AT+FTPPORT=21", "\r\nOK\r\n");
        command("AT+FTPGETPATH=\"/\"", "\r\nOK\r\n");
        command("AT+FTPPUTPATH=\"/\"", "\r\nOK\r\n");
        byte[] probe = "recovered".getBytes(StandardCharsets.ISO_8859_1);
        put("probe.txt", probe);
        command("AT+FTPGETNAME=\"probe.txt\"", "\r\nOK\r\n");
        command("AT+FTPGET=1", "\r\nOK\r\n");
        expect("\r\n+FTPGET: 1,1\r\n");
        byte[] got = readAll("AT+FTPGET=2,1460", "+FTPGET", probe.length);
        if (!Arrays.equals(got, probe)) {
            throw new AssertionError("GET after recovery gave " + esc(got));
        }
        command("AT+FTPPUTNAME=\"probe-up.txt\"", "\r\nOK\r\n");
        command("AT+FTPPUT=1", "\r\nOK\r\n");
        skipUrcs();
        expect("\r\n+FTPPUT: 1,1,1360\r\n");
        send("AT+FTPPUT=2," + probe.length + "\r");
        expect("AT+FTPPUT=2," + probe.length + "\r\r\n+FTPPUT: 2," + probe.length + "\r\n");
        send(probe);
        expect("\r\nOK\r\n");
        expect("\r\n+FTPPUT: 1,1,1360\r\n");
        command("AT+FTPPUT=2,0", "\r\nOK\r\n");
        expect("\r\n+FTPPUT: 1,0\r\n");
        if (!Arrays.equals(serverFile("probe-up.txt"), probe)) {
            throw new AssertionError("PUT after recovery stored " + esc(serverFile("probe-up.txt")));
        }
        command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n\r\nOK\r\n");
    }
}
