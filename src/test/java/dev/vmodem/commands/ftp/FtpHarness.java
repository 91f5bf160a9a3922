package dev.vmodem.commands.ftp;

import dev.vmodem.config.Config;
import dev.vmodem.ftp.EmbeddedFtpServer;
import dev.vmodem.modem.Modem;
import dev.vmodem.serial.SerialLink;
import dev.vmodem.serial.SerialReceiver;
import dev.vmodem.time.VirtualScheduler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A modem on virtual time wired to a real embedded FTP server on port 0, in the spirit of ModemHarness, for FTP
 * commands whose answers come from worker threads: {@link #expect} waits (real time, bounded) for exactly the bytes
 * a test names, running the scheduler's due tasks while it waits so that link-model waits of zero length finish.
 */
public class FtpHarness implements AutoCloseable {

    public static final Path KEYSTORE = Path.of("target", "test-ftpcmd.p12").toAbsolutePath();
    public static final Duration WAIT = Duration.ofSeconds(20);

    public final VirtualScheduler time = new VirtualScheduler();
    /** The embedded server; {@code reliability.Rig} replaces it when it restarts the server. */
    public EmbeddedFtpServer server;
    public final Path ftpRoot;
    public final Path stateDir;
    public final Modem modem;
    private final Object lock = new Object();
    private final Bytes written = new Bytes();
    private int readPos;
    private SerialReceiver receiver;

    /** A growable byte array with direct access (the output can be 10 MB and more). */
    private static final class Bytes {
        byte[] buf = new byte[1 << 16];
        int len;

        void write(byte[] b, int off, int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    public static final class Options {
        public String profile = "sim800";
        public final Map<String, String> config = new HashMap<>();
        public boolean tls;
        public Consumer<EmbeddedFtpServer.Builder> server = b -> { };
        public boolean openBearer = true;
    }

    public FtpHarness(Path dir) {
        this(dir, o -> { });
    }

    public FtpHarness(Path dir, Consumer<Options> customise) {
        Options o = new Options();
        customise.accept(o);
        ftpRoot = dir.resolve("ftp");
        stateDir = dir.resolve("state");
        try {
            Files.createDirectories(ftpRoot);
            EmbeddedFtpServer.Builder b = EmbeddedFtpServer.builder(ftpRoot).port(0).seedSamples(false).tls(o.tls);
            if (o.tls) {
                b.keystore(KEYSTORE);
            }
            o.server.accept(b);
            server = b.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Config c = Config.defaults().with("modem.boot.interval.ms", "10")
            .with("ftp.timeout.connect.ms", "3000").with("ftp.timeout.reply.ms", "3000")
            .with("ftp.timeout.data.ms", "3000");
        for (Map.Entry<String, String> e : o.config.entrySet()) {
            c = c.with(e.getKey(), e.getValue());
        }
        modem = Modem.builder().scheduler(time).config(c).profile(o.profile).stateDir(stateDir).build();
        modem.network().setEmbeddedServer(new InetSocketAddress(server.host(), server.port()));
        try {
            modem.start(new SerialLink() {
                @Override
                public void open(SerialReceiver r) {
                    receiver = r;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    synchronized (lock) {
                        written.write(bytes, offset, length);
                        lock.notifyAll();
                    }
                }

                @Override
                public String description() {
                    return "ftp-harness";
                }

                @Override
                public void close() {
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        time.advance(Duration.ofSeconds(2));
        if (o.openBearer) {
            modem.network().bearers().open(1);
            time.runDue();
        }
        take();
    }

    public void send(String s) {
        send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] b) {
        receiver.received(b, 0, b.length);
    }

    /** Sends a command line and expects exactly {@code answer} after its echo. */
    public void command(String line, String answer) {
        send(line + "\r");
        expect(line + "\r" + answer);
    }

    /** Sets FTP parameters for the embedded server (passive mode, binary). */
    public void login() {
        command("AT+FTPCID=1", "\r\nOK\r\n");
        command("AT+FTPSERV=\"ftp.example.com\"", "\r\nOK\r\n");
        command("AT+FTPUN=\"sim.cs1\"", "\r\nOK\r\n");
        command("AT+FTPPW=\"secret\"", "\r\nOK\r\n");
        command("AT+FTPMODE=1", "\r\nOK\r\n");
    }

    /** Sends a command line and returns its answer after the echo, up to and including its final OK or ERROR. */
    public String answer(String line) {
        send(line + "\r");
        expect(line + "\r");
        StringBuilder out = new StringBuilder();
        while (!out.toString().endsWith("\r\nOK\r\n") && !out.toString().endsWith("\r\nERROR\r\n")) {
            out.append((char) (read(1)[0] & 0xFF));
        }
        return out.toString();
    }

    /** Gives back the last {@code n} consumed bytes. */
    public void unread(int n) {
        synchronized (lock) {
            readPos -= n;
        }
    }

    /** Waits for at least one byte and consumes up to {@code max}. */
    public byte[] readSome(int max) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            synchronized (lock) {
                if (written.len > readPos || System.nanoTime() > deadline) {
                    break;
                }
                try {
                    lock.wait(2);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            time.runDue();
        }
        synchronized (lock) {
            if (written.len == readPos) {
                throw new AssertionError("timed out waiting for data");
            }
            int n = Math.min(max, written.len - readPos);
            byte[] r = Arrays.copyOfRange(written.buf, readPos, readPos + n);
            readPos += n;
            return r;
        }
    }

    /** Waits for the next {@code n} bytes and consumes them. */
    public byte[] read(int n) {
        await(n);
        synchronized (lock) {
            byte[] r = Arrays.copyOfRange(written.buf, readPos, readPos + n);
            readPos += n;
            compact();
            return r;
        }
    }

    /** Waits until {@code n} bytes are there, without consuming them. */
    private void await(int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            synchronized (lock) {
                if (written.len - readPos >= n) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + n + " bytes; have: "
                        + esc(Arrays.copyOfRange(written.buf, readPos, written.len)));
                }
                try {
                    lock.wait(2);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            time.runDue();
        }
    }

    private void compact() {
        if (readPos > (1 << 20)) {
            int rest = written.len - readPos;
            System.arraycopy(written.buf, readPos, written.buf, 0, rest);
            written.len = rest;
            readPos = 0;
        }
    }

    /** Like {@link #expect}, advancing virtual time by {@code step} while the bytes are not there yet. */
    public void expectAdvancing(String exact, Duration step) {
        int n = exact.length();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            synchronized (lock) {
                if (written.len - readPos >= n) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            time.advance(step);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        expect(exact);
    }

    /** Consumes exactly these bytes, or fails showing what came instead. */
    public void expect(String exact) {
        byte[] want = exact.getBytes(StandardCharsets.ISO_8859_1);
        byte[] got;
        try {
            got = read(want.length);
        } catch (AssertionError e) {
            throw new AssertionError("expected " + esc(want) + ": " + e.getMessage());
        }
        if (!Arrays.equals(want, got)) {
            throw new AssertionError("expected " + esc(want) + " but got " + esc(got) + peekMore());
        }
    }

    private String peekMore() {
        synchronized (lock) {
            byte[] all = written.toByteArray();
            return " then " + esc(Arrays.copyOfRange(all, readPos, Math.min(all.length, readPos + 200)));
        }
    }

    /** Reads "\r\n" + prefix + "<n>\r\n" + n bytes + "\r\nOK\r\n" (after the echo was consumed); returns the bytes. */
    public byte[] block(String prefix) {
        expect("\r\n" + prefix);
        StringBuilder digits = new StringBuilder();
        while (true) {
            byte b = read(1)[0];
            if (b == '\r') {
                break;
            }
            digits.append((char) b);
        }
        expect("\n");
        byte[] data = read(Integer.parseInt(digits.toString()));
        expect("\r\nOK\r\n");
        return data;
    }

    /** URC lines skipped by {@link #readBlock} because they came before its echo. */
    public final List<String> skipped = new ArrayList<>();

    /**
     * Sends a mode-2 read and returns its data. URC lines the modem wrote before the command's echo (a
     * {@code +FTPGET: 1,1} racing with the command) are skipped and kept in {@link #skipped}.
     */
    public byte[] readBlock(String command, String prefix) {
        send(command + "\r");
        skipUrcs();
        expect(command + "\r");
        return block(prefix);
    }

    /** Consumes "+FTPGET: 1,1" / "+FTPLIST: 1,1" URC lines that come next, if any (waits for the next byte). */
    public void skipUrcs() {
        while (true) {
            await(1); // not read(1) and give it back: a read may compact the buffer under the position
            String line = peekLine();
            if (line == null || !line.matches("\\+FTP(GET|LIST): 1,1")) {
                return;
            }
            expect("\r\n" + line + "\r\n");
            skipped.add(line);
        }
    }

    /** The next "\r\n<line>\r\n" without consuming it (waits for it), or null if the next byte is not CR. */
    private String peekLine() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            synchronized (lock) {
                byte[] all = written.buf;
                int avail = Math.min(written.len - readPos, 64);
                String rest = new String(all, readPos, avail, StandardCharsets.ISO_8859_1);
                if (!rest.isEmpty() && rest.charAt(0) != '\r') {
                    return null;
                }
                int end = rest.indexOf("\r\n", 2);
                if (rest.startsWith("\r\n") && end > 0) {
                    return rest.substring(2, end);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for a line; have " + esc(
                        Arrays.copyOfRange(all, readPos, readPos + avail)));
                }
                try {
                    lock.wait(2);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Reads a GET/LIST session of {@code size} bytes to its end (after its first "1,1"), including "1,0". */
    public byte[] readAll(String cmd, String prefix, int size) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (all.size() < size) {
            byte[] b = readBlock(cmd, prefix + ": 2,");
            all.write(b, 0, b.length);
        }
        skipUrcs();
        expect("\r\n" + prefix + ": 1,0\r\n");
        return all.toByteArray();
    }

    /** Everything written and not consumed yet, consumed now (no waiting). */
    public String take() {
        synchronized (lock) {
            byte[] all = written.toByteArray();
            String s = new String(all, readPos, all.length - readPos, StandardCharsets.ISO_8859_1);
            written.len = 0;
            readPos = 0;
            return s;
        }
    }

    /** Asserts nothing more arrives within a short real-time wait. */
    public void expectNothing() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        time.runDue();
        String rest = take();
        if (!rest.isEmpty()) {
            throw new AssertionError("unexpected output: " + esc(rest.getBytes(StandardCharsets.ISO_8859_1)));
        }
    }

    public static String esc(byte[] b) {
        return "\"" + dev.vmodem.trace.Escaper.escape(b, 0, Math.min(b.length, 600)) + "\"";
    }

    public Path file(String name) {
        return ftpRoot.resolve(name);
    }

    public void put(String name, byte[] data) {
        try {
            Path p = ftpRoot.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] serverFile(String name) {
        try {
            return Files.readAllBytes(ftpRoot.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        modem.close();
        server.close();
    }
}
