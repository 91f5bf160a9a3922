package dev.vmodem.client;

import dev.vmodem.at.data.DleEtxDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small AT client for tests and scripts: it plays the host. It reads everything the modem sends into a buffer
 * (on a daemon thread) and lets the caller consume it in order: a command's whole answer, exact bytes, a line
 * matching a pattern, a raw data block. Every wait has a deadline and fails with what arrived so far.
 *
 * <pre>
 *   AtClient at = new AtClient(in, out);
 *   at.command("AT+CGMM");                       // "AT+CGMM\r\r\nSIMCOM_SIM800L\r\n\r\nOK\r\n"
 *   at.send("AT+FTPGET=1\r");
 *   at.expect("AT+FTPGET=1\r\r\nOK\r\n");
 *   at.awaitLine(Pattern.compile("\\+FTPGET: 1,\\d+"));
 *   byte[] block = at.readBlock("AT+FTPGET=2,1460", "+FTPGET: 2,");  // the n data bytes, OK consumed
 * </pre>
 */
public final class AtClient implements AutoCloseable {

    /** The final result lines that end a command's answer (ATV1). */
    public static final Pattern FINAL = Pattern.compile(
        "\r\n(OK|ERROR|NO CARRIER|BUSY|NO ANSWER|NO DIALTONE|CONNECT[^\r]*|\\+CME ERROR: [^\r]*"
            + "|#CME ERROR: [^\r]*|SHUT OK)\r\n");
    /** The most the client keeps unread: a runaway modem fails the test instead of filling the heap. */
    public static final int MAX_BUFFER = 256 * 1024 * 1024;

    private final OutputStream out;
    private final Object lock = new Object();
    private byte[] buf = new byte[8192];
    private int start;
    private int end;
    private IOException failure;
    private boolean eof;
    private Duration timeout = Duration.ofSeconds(10);
    private final Thread reader;

    public AtClient(InputStream in, OutputStream out) {
        this.out = out;
        this.reader = new Thread(() -> readLoop(in), "at-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The deadline for every wait (default 10 s). */
    public AtClient timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    private void readLoop(InputStream in) {
        byte[] chunk = new byte[65536];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (lock) {
                    append(chunk, n);
                    lock.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lock) {
                failure = e;
            }
        } finally {
            synchronized (lock) {
                eof = true;
                lock.notifyAll();
            }
        }
    }

    private void append(byte[] chunk, int n) {
        if (end + n > buf.length) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end + n > buf.length) {
                int want = Math.max(buf.length * 2, end + n);
                if (want > MAX_BUFFER) {
                    throw new IllegalStateException("unread input over " + MAX_BUFFER + " bytes");
                }
                buf = Arrays.copyOf(buf, want);
            }
        }
        System.arraycopy(chunk, 0, buf, end, n);
        end += n;
    }

    /** Sends bytes as they are. */
    public void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends text as ISO-8859-1 bytes, as they are (add the {@code \r} yourself). */
    public void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends {@code line + "\r"} and returns everything up to and including the final result (echo included).
     * Use {@link #readBlock} for commands whose answer carries raw data.
     */
    public String command(String line) {
        send(line + "\r");
        return awaitFinal();
    }

    /** Consumes and returns input up to and including the next final result line. */
    public String awaitFinal() {
        return text(awaitMatch(FINAL));
    }

    /** Consumes exactly these bytes, or fails showing what arrived instead. */
    public void expect(String exact) {
        byte[] want = exact.getBytes(StandardCharsets.ISO_8859_1);
        byte[] got = readExactly(want.length);
        if (!Arrays.equals(want, got)) {
            throw new AssertionError("expected " + escape(want) + " but got " + escape(got));
        }
    }

    /** Consumes exactly {@code n} bytes. */
    public byte[] readExactly(int n) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (end - start < n) {
                waitUntil(deadline, "" + n + " bytes");
            }
            byte[] r = Arrays.copyOfRange(buf, start, start + n);
            start += n;
            return r;
        }
    }

    /**
     * Consumes input up to and including the first complete line ({@code \r\n}-terminated) that matches
     * {@code line} entirely, and returns that line. Lines before it are consumed too.
     */
    public String awaitLine(Pattern line) {
        Pattern p = Pattern.compile("(?:^|\n)(" + line.pattern() + ")\r\n");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                String s = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
                Matcher m = p.matcher(s);
                if (m.find()) {
                    start += m.end();
                    return m.group(1);
                }
                waitUntil(deadline, "a line matching " + line.pattern());
            }
        }
    }

    /** Consumes input up to and including the first match of {@code p}; returns the consumed bytes. */
    public byte[] awaitMatch(Pattern p) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                String s = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
                Matcher m = p.matcher(s);
                if (m.find()) {
                    byte[] r = Arrays.copyOfRange(buf, start, start + m.end());
                    start += m.end();
                    return r;
                }
                waitUntil(deadline, "a match of " + p.pattern());
            }
        }
    }

    /**
     * Sends a read command ({@code AT+FTPGET=2,1460}) whose answer is {@code <echo>\r\n<header><n>\r\n<n bytes>\r\nOK\r\n}
     * and returns the n bytes. The header is matched as text up to the number.
     */
    public byte[] readBlock(String command, String header) {
        send(command + "\r");
        awaitMatch(Pattern.compile(Pattern.quote(header) + "(?=\\d+\r\n)"));
        String count = text(awaitMatch(Pattern.compile("\\d+\r\n")));
        int n = Integer.parseInt(count.trim());
        byte[] data = readExactly(n);
        expect("\r\nOK\r\n");
        return data;
    }

    /**
     * Consumes a DLE/ETX-escaped stream (AT+FTPETGET, AT#FTPGET) up to and including its bare ETX and returns the
     * decoded payload. Bytes after the ETX stay unread.
     */
    public byte[] readDleEtx() {
        DleEtxDecoder decoder = new DleEtxDecoder();
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        byte[] out = new byte[65536];
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!decoder.isEnded()) {
                if (end == start) {
                    waitUntil(deadline, "the end of a DLE/ETX stream (" + payload.size() + " bytes so far)");
                    continue;
                }
                int len = Math.min(end - start, out.length);
                int n = decoder.decode(buf, start, len, out, 0);
                payload.write(out, 0, n);
                start += decoder.consumed();
                deadline = System.nanoTime() + timeout.toNanos();
            }
        }
        return payload.toByteArray();
    }

    /** Everything received and not yet consumed, consumed now. */
    public byte[] drain() {
        synchronized (lock) {
            byte[] r = Arrays.copyOfRange(buf, start, end);
            start = end;
            return r;
        }
    }

    /** Everything received and not yet consumed, without consuming it. */
    public String peek() {
        synchronized (lock) {
            return new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
        }
    }

    private void waitUntil(long deadline, String what) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || eof) {
            String got = escape(Arrays.copyOfRange(buf, start, Math.min(end, start + 400)));
            throw new AssertionError((eof ? "stream ended" : "timed out after " + timeout)
                + " waiting for " + what + "; unread: " + got
                + (failure != null ? " (read failed: " + failure.getMessage() + ")" : ""));
        }
        try {
            lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what);
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Control bytes escaped, for failure messages. */
    public static String escape(byte[] b) {
        return "\"" + dev.vmodem.trace.Escaper.escape(b, 0, b.length) + "\"";
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
