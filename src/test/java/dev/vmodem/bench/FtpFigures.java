package dev.vmodem.bench;

import dev.vmodem.client.AtClient;
import dev.vmodem.config.Config;
import dev.vmodem.emulator.Emulator;
import dev.vmodem.ftp.EmbeddedFtpServer;
import dev.vmodem.modem.Modem;
import dev.vmodem.serial.PipeLink;
import dev.vmodem.serial.PtyLink;
import dev.vmodem.serial.TcpLink;
import dev.vmodem.testing.TestBytes;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * FTP figures with the whole emulator and its embedded server, instant link: the AT+FTPGET=2,1460 loop and the
 * AT+FTPPUT=2,max loop over a pty, over TCP and in process, each next to the {@link LoopResponder} on the same
 * transport; AT+FTPETGET and AT#FTPGET streaming over a pty; and many modems downloading at once in one JVM. The host
 * side is a lean loop (no pattern matching per block), so the figure is the modem's and the transport's, not the
 * client's.
 */
final class FtpFigures {

    private FtpFigures() {
    }

    /** Random bytes with a DLE or an ETX every 97 bytes. */
    static byte[] data(int size) {
        byte[] b = TestBytes.random(size, size);
        for (int i = 0; i < size; i += 97) {
            b[i] = (byte) (i % 2 == 0 ? 0x10 : 0x03);
        }
        return b;
    }

    /**
     * The host's end of a serial line and what answers on the other end: the whole emulator (with its embedded
     * server) on a pty or on TCP, a modem on an in-memory link in this JVM, or the {@link LoopResponder} on a pty or
     * on TCP. The loops' host code is the same for all of them.
     */
    static final class Session implements AutoCloseable {
        /** The FTP server's root; null behind the loop responder. */
        final Path root;
        final PushbackInputStream in;
        final OutputStream out;
        private final LoopResponder responder;
        private final List<AutoCloseable> parts;

        private Session(Path root, InputStream in, OutputStream out, LoopResponder responder,
                        List<AutoCloseable> parts) {
            this.root = root;
            this.in = new PushbackInputStream(new BufferedInputStream(in, 65536), 65536);
            this.out = out;
            this.responder = responder;
            this.parts = parts;
        }

        /** The whole emulator with the given profile on a pty in {@code dir}, opened by path as firmware would. */
        static Session pty(Path dir, String profile) throws IOException {
            Path root = Files.createDirectories(dir.resolve("ftp-" + profile));
            Path pty = dir.resolve("tty-" + profile);
            Emulator emulator = startEmulator(dir, root, profile, Emulator.Transport.pty(pty));
            // plain file streams: a FileChannel stream's available() seeks, which a pty refuses; reads here are
            // synchronous, so no reader is left blocked when the session closes
            FileInputStream rd = new FileInputStream(pty.toFile());
            FileOutputStream wr = new FileOutputStream(pty.toFile());
            return new Session(root, rd, wr, null, List.of(rd, wr, emulator));
        }

        /** The whole emulator (sim800 profile) on a TCP port on loopback. */
        static Session tcp(Path dir) throws IOException {
            Path root = Files.createDirectories(dir.resolve("ftp-tcp"));
            Emulator emulator = startEmulator(dir, root, "sim800", Emulator.Transport.tcp("127.0.0.1:0"));
            Socket socket = new Socket("127.0.0.1", ((TcpLink) emulator.link()).port());
            socket.setTcpNoDelay(true);
            return new Session(root, socket.getInputStream(), socket.getOutputStream(), null,
                List.of(socket, emulator));
        }

        /** One modem on an in-memory link in this JVM, with its own embedded server: no OS transport at all. */
        static Session inProcess(Path dir) throws IOException {
            Path root = Files.createDirectories(dir.resolve("ftp-in-process"));
            EmbeddedFtpServer server = EmbeddedFtpServer.builder(root).tls(false).build().start();
            PipeLink pipe = new PipeLink(64 * 1024);
            Modem modem = Modem.builder().config(Config.defaults().with("modem.state.dir", null)
                .with("modem.boot.interval.ms", "0")).build();
            modem.network().setEmbeddedServer(new InetSocketAddress(server.host(), server.port()));
            modem.start(pipe);
            return new Session(root, pipe.hostInput(), pipe.hostOutput(), null, List.of(modem, server));
        }

        /** The loop responder serving {@code file}, on a pty in {@code dir} or on a TCP port ({@code "pty"/"tcp"}). */
        static Session responder(Path dir, String transport, byte[] file) throws IOException {
            if (transport.equals("pty")) {
                Path path = dir.resolve("ttyLOOP");
                PtyLink pty = new PtyLink(path);
                LoopResponder r = new LoopResponder(pty, file);
                pty.open(r);
                FileInputStream rd = new FileInputStream(path.toFile());
                FileOutputStream wr = new FileOutputStream(path.toFile());
                return new Session(null, rd, wr, r, List.of(rd, wr, pty));
            }
            TcpLink tcp = new TcpLink(0);
            LoopResponder r = new LoopResponder(tcp, file);
            tcp.open(r);
            Socket socket = new Socket("127.0.0.1", tcp.port());
            socket.setTcpNoDelay(true);
            return new Session(null, socket.getInputStream(), socket.getOutputStream(), r, List.of(socket, tcp));
        }

        private static Emulator startEmulator(Path dir, Path root, String profile, Emulator.Transport transport)
                throws IOException {
            Emulator emulator = new Emulator(Config.defaults()
                .with("modem.state.dir", dir.resolve("state").toString())
                .with("ftp.server.root", root.toString()).with("ftp.server.samples", "false")
                .with("modem.profile", profile).with("modem.boot.interval.ms", "0"), transport, false, true);
            emulator.start();
            return emulator;
        }

        /** Sets a SIMCom modem up for the loops (the file to download as big.bin); nothing to do for the responder. */
        void prepareSimcom(byte[] download) throws IOException {
            if (responder != null) {
                return;
            }
            if (download != null) {
                Files.write(root.resolve("big.bin"), download);
            }
            readUntil("SMS Ready\r\n");
            command("ATE0", "OK\r\n");
            command("AT+SAPBR=1,1", "\r\nOK\r\n");
            command("AT+FTPCID=1;+FTPSERV=\"ftp.example.com\";+FTPUN=\"bench\";+FTPPW=\"bench\";+FTPMODE=1",
                "\r\nOK\r\n");
            command("AT+FTPGETPATH=\"/\";+FTPPUTPATH=\"/\";+FTPGETNAME=\"big.bin\";+FTPPUTNAME=\"up.bin\"",
                "\r\nOK\r\n");
        }

        /** What an AT+FTPPUT loop stored: the server's up.bin, or what the responder took. */
        byte[] uploaded() throws IOException {
            return responder != null ? responder.uploaded() : Files.readAllBytes(root.resolve("up.bin"));
        }

        void send(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Reads up to and including {@code marker}; returns what was read. */
        String readUntil(String marker) throws IOException {
            StringBuilder b = new StringBuilder();
            while (b.indexOf(marker) < 0) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("serial line closed; got " + b);
                }
                b.append((char) c);
            }
            return b.toString();
        }

        void command(String line, String expect) throws IOException {
            send(line + "\r");
            String got = readUntil(expect);
            if (!got.endsWith(expect)) {
                throw new IllegalStateException(line + ": " + got);
            }
        }

        void readFully(byte[] b, int off, int len) throws IOException {
            int got = 0;
            while (got < len) {
                int n = in.read(b, off + got, len - got);
                if (n < 0) {
                    throw new IOException("serial line closed");
                }
                got += n;
            }
        }

        /** Closes every part, in order, even when one fails; the first failure is thrown. */
        @Override
        public void close() throws IOException {
            IOException failed = null;
            for (AutoCloseable part : parts) {
                try {
                    part.close();
                } catch (Exception e) {
                    if (failed == null) {
                        failed = new IOException("closing " + part + " failed", e);
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** What a loop figure runs against: one of the {@link Session} factories. */
    interface Opener {
        Session open(Path dir, byte[] file) throws IOException;
    }

    static final Opener EMULATOR_PTY = (dir, file) -> Session.pty(dir, "sim800");
    static final Opener EMULATOR_TCP = (dir, file) -> Session.tcp(dir);
    static final Opener IN_PROCESS = (dir, file) -> Session.inProcess(dir);
    static final Opener RESPONDER_PTY = (dir, file) -> Session.responder(dir, "pty", file);
    static final Opener RESPONDER_TCP = (dir, file) -> Session.responder(dir, "tcp", file);

    /** MB/s of the AT+FTPGET=2,1460 loop for a file of {@code size} bytes, checked byte for byte. */
    static double getLoop(Path dir, int size, Opener opener) throws Exception {
        byte[] file = data(size);
        try (Session s = opener.open(dir, file)) {
            s.prepareSimcom(file);
            byte[] got = new byte[size];
            int have = 0;
            long t0 = System.nanoTime();
            s.send("AT+FTPGET=1\r");
            s.readUntil("+FTPGET: 1,1\r\n");
            while (have < size) {
                s.send("AT+FTPGET=2,1460\r");
                s.readUntil("\r\n+FTPGET: 2,");
                int n = Integer.parseInt(s.readUntil("\r\n").trim());
                s.readFully(got, have, n);
                have += n;
                s.readUntil("\r\nOK\r\n");
            }
            s.readUntil("+FTPGET: 1,0\r\n");
            long dt = System.nanoTime() - t0;
            if (!Arrays.equals(got, file)) {
                throw new IllegalStateException("FTPGET loop delivered different bytes");
            }
            return EndToEnd.mbPerSecond(size, dt);
        }
    }

    /** MB/s of the AT+FTPPUT=2,<max> loop for {@code size} bytes, checked on the server. */
    static double putLoop(Path dir, int size, Opener opener) throws Exception {
        byte[] file = data(size);
        try (Session s = opener.open(dir, file)) {
            s.prepareSimcom(null);
            long t0 = System.nanoTime();
            s.send("AT+FTPPUT=1\r");
            s.readUntil("\r\n+FTPPUT: 1,1,");
            int max = Integer.parseInt(s.readUntil("\r\n").trim());
            for (int off = 0; off < size; off += max) {
                int n = Math.min(max, size - off);
                s.send("AT+FTPPUT=2," + n + "\r");
                s.readUntil("+FTPPUT: 2," + n + "\r\n");
                s.out.write(file, off, n);
                s.readUntil("\r\n+FTPPUT: 1,1," + max + "\r\n");
            }
            s.command("AT+FTPPUT=2,0", "\r\nOK\r\n");
            s.readUntil("+FTPPUT: 1,0\r\n");
            long dt = System.nanoTime() - t0;
            if (!Arrays.equals(s.uploaded(), file)) {
                throw new IllegalStateException("FTPPUT loop stored different bytes");
            }
            return EndToEnd.mbPerSecond(size, dt);
        }
    }

    /** MB/s of payload streamed by AT+FTPETGET (DLE/ETX) for {@code size} bytes. */
    static double etget(Path dir, int size) throws Exception {
        byte[] file = data(size);
        try (Session s = Session.pty(dir, "sim800")) {
            s.prepareSimcom(file);
            long t0 = System.nanoTime();
            s.send("AT+FTPETGET=1\r");
            s.readUntil("+FTPETGET: 1,1\r\n");
            byte[] got = readDleEtx(s.in, size);
            s.readUntil("+FTPETGET: 1,0\r\n");
            long dt = System.nanoTime() - t0;
            if (!Arrays.equals(got, file)) {
                throw new IllegalStateException("FTPETGET delivered different bytes");
            }
            return EndToEnd.mbPerSecond(size, dt);
        }
    }

    /** MB/s of payload streamed by the Multi-Tech AT#FTPGET for {@code size} bytes. */
    static double multitechGet(Path dir, int size) throws Exception {
        byte[] file = data(size);
        try (Session s = Session.pty(dir, "multitech")) {
            Files.write(s.root.resolve("big.bin"), file);
            s.readUntil("SMS Ready\r\n");
            s.command("ATE0", "OK\r\n");
            s.command("AT+WOPEN=1", "\r\nOK\r\n");
            s.command("AT#APNSERV=\"internet\"", "\r\nOK\r\n");
            s.command("AT#CONNECTIONSTART", "Ok_Info_GprsActivation\r\n");
            s.command("AT#FTPSERV=\"ftp.example.com\"", "\r\nOK\r\n");
            s.command("AT#FTPUN=\"bench\"", "\r\nOK\r\n");
            s.command("AT#FTPPW=\"bench\"", "\r\nOK\r\n");
            s.command("AT#FTPGETFILENAME=\"big.bin\"", "\r\nOK\r\n");
            long t0 = System.nanoTime();
            s.send("AT#FTPGET\r");
            s.readUntil("Ok_Info_DataBegin\r\n");
            byte[] got = readDleEtx(s.in, size);
            s.readUntil("\r\nOK\r\n");
            long dt = System.nanoTime() - t0;
            if (!Arrays.equals(got, file)) {
                throw new IllegalStateException("AT#FTPGET delivered different bytes");
            }
            return EndToEnd.mbPerSecond(size, dt);
        }
    }

    private static byte[] readDleEtx(PushbackInputStream in, int expected) throws IOException {
        dev.vmodem.at.data.DleEtxDecoder d = new dev.vmodem.at.data.DleEtxDecoder();
        byte[] out = new byte[expected + 65536];
        int have = 0;
        byte[] buf = new byte[65536];
        while (!d.isEnded()) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("stream ended before ETX after " + have + " bytes");
            }
            have += d.decode(buf, 0, n, out, have);
            if (d.isEnded()) {
                // what followed the ETX belongs to the next reader
                in.unread(buf, d.consumed(), n - d.consumed());
            }
        }
        return Arrays.copyOf(out, have);
    }

    /**
     * {@code count} modems in one JVM (in-memory links, one embedded server), each downloading {@code size} bytes
     * through the AT+FTPGET loop at once. Returns the wall time in ms; throws unless all are byte-exact.
     */
    static double concurrentDownloads(Path dir, int count, int size) throws Exception {
        Path root = Files.createDirectories(dir.resolve("ftp-many"));
        byte[] file = data(size);
        Files.write(root.resolve("one.bin"), file);
        try (EmbeddedFtpServer server = EmbeddedFtpServer.builder(root).tls(false).build().start()) {
            InetSocketAddress addr = new InetSocketAddress(server.host(), server.port());
            List<Modem> modems = new ArrayList<>();
            List<PipeLink> links = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(count);
            try {
                for (int i = 0; i < count; i++) {
                    PipeLink pipe = new PipeLink(64 * 1024);
                    Modem m = Modem.builder().config(Config.defaults().with("modem.state.dir", null)
                        .with("modem.boot.interval.ms", "0")).build();
                    m.network().setEmbeddedServer(addr);
                    m.start(pipe);
                    modems.add(m);
                    links.add(pipe);
                }
                long t0 = System.nanoTime();
                List<Future<byte[]>> results = new ArrayList<>();
                for (PipeLink pipe : links) {
                    results.add(pool.submit(() -> {
                        AtClient at = new AtClient(pipe.hostInput(), pipe.hostOutput()).timeout(Duration.ofSeconds(60));
                        at.awaitLine(Pattern.compile("SMS Ready"));
                        at.command("ATE0");
                        at.command("AT+SAPBR=1,1");
                        at.command("AT+FTPCID=1;+FTPSERV=\"ftp.example.com\";+FTPUN=\"bench\";+FTPPW=\"bench\";"
                            + "+FTPMODE=1;+FTPGETNAME=\"one.bin\";+FTPGETPATH=\"/\"");
                        at.command("AT+FTPGET=1");
                        String opened = at.awaitLine(Pattern.compile("\\+FTPGET: 1,\\d+"));
                        if (!opened.equals("+FTPGET: 1,1")) {
                            throw new IllegalStateException("download did not open: " + opened);
                        }
                        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream(size);
                        while (got.size() < size) {
                            got.write(at.readBlock("AT+FTPGET=2,1460", "\r\n+FTPGET: 2,"));
                        }
                        at.awaitLine(Pattern.compile("\\+FTPGET: 1,0"));
                        return got.toByteArray();
                    }));
                }
                for (Future<byte[]> f : results) {
                    if (!Arrays.equals(f.get(5, TimeUnit.MINUTES), file)) {
                        throw new IllegalStateException("a concurrent download delivered different bytes");
                    }
                }
                return (System.nanoTime() - t0) / 1e6;
            } finally {
                pool.shutdownNow();
                modems.forEach(Modem::close);
            }
        }
    }
}
