package dev.vmodem.bench;

import dev.vmodem.net.LinkModel;
import dev.vmodem.serial.UartPacing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long a realistic-mode AT+FTPGET download should take, from {@code AT+FTPGET=1} to {@code +FTPGET: 1,0}, derived
 * step by step from the link model's values, the UART's baud rate and the bytes of the exchange; nothing is fitted
 * to a measurement. The steps are what the network timeline ({@code Network.timeline()}) shows of such a download:
 *
 * <ol>
 *   <li>DNS lookup of the server's name: one round trip;</li>
 *   <li>control connection: the TCP set-up time;</li>
 *   <li>the greeting: one way, then its bytes at the downlink rate;</li>
 *   <li>USER, PASS, TYPE I, PASV: each a round trip plus the command at the uplink and the reply at the downlink
 *       rate (a SIM800 sends no SIZE; vmodem sends it only when a dashboard or progress line asks for totals);</li>
 *   <li>data connection: the TCP set-up time;</li>
 *   <li>RETR and its 150 reply: a round trip plus bytes; the data follows the 150 on the same downlink;</li>
 *   <li>the file at the downlink rate;</li>
 *   <li>the host's last exchange on the UART: {@code +FTPGET: 1,1}, {@code AT+FTPGET=2,1460} answered with the last
 *       link chunk, then {@code +FTPGET: 1,0}, at {@code baud} (the earlier chunks are read while the next ones
 *       arrive, so their UART time overlaps the link's; that holds while a chunk's UART time is shorter than its
 *       link time, which {@link #download} checks); the 226 reply arrives while the host takes the last block, so
 *       only what it takes beyond that counts;</li>
 *   <li>jitter: each lookup, set-up and burst draws a uniform extra delay in [0, jitter]; the expected total is
 *       draws × jitter / 2 (none with jitter 0).</li>
 * </ol>
 * Host input is not paced (the host's own UART sends it; in memory it takes no time), and the modem's own
 * processing is taken as instant.
 */
final class RealisticPrediction {

    /** One term of the prediction. */
    record Term(String step, double ms, String how) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s %9.1f ms  %s", step, ms, how);
        }
    }

    /** The control dialogue of a plain-FTP RETR with the embedded server, as the timeline records it. */
    static final String GREETING = "220 Service ready for new user.";
    static final String[][] LOGIN = {
        {"USER bench", "331 User name okay, need password for bench."},
        {"PASS bench", "230 User logged in, proceed."},
        {"TYPE I", "200 Command TYPE okay."},
        {"PASV", "227 Entering Passive Mode (127,0,0,1,200,100)"},   // the port's digits vary by a byte or two
    };
    static final String[] RETR = {"RETR /fw.bin", "150 File status okay; about to open data connection."};
    static final String DONE = "226 Transfer complete.";
    /** Jitter draws in the measured span: the lookup, two set-ups, 5 command and 6 reply bursts. */
    static final int JITTER_DRAWS = 1 + 2 + 5 + 6;

    private RealisticPrediction() {
    }

    /** The terms for a {@code size}-byte download with {@code m} and a UART at {@code baud}. */
    static List<Term> download(LinkModel m, int baud, int size) {
        double oneWay = m.latency().toNanos() / 1e6;
        double rtt = 2 * oneWay;
        double setup = m.connectSetup().toNanos() / 1e6;
        List<Term> t = new ArrayList<>();
        t.add(new Term("DNS lookup", rtt, "1 round trip"));
        t.add(new Term("control connection set-up", setup, "TCP set-up"));
        t.add(new Term("greeting 220", oneWay + down(m, line(GREETING)),
            "one way + " + line(GREETING) + " B down"));
        for (String[] step : LOGIN) {
            t.add(exchange(m, step[0], step[1]));
        }
        t.add(new Term("data connection set-up", setup, "TCP set-up"));
        t.add(exchange(m, RETR[0], RETR[1]));
        t.add(new Term("file at the downlink rate", down(m, size), size + " B × 8 / " + m.downlinkBps() + " bit/s"));
        int chunk = chunk(m.downlinkBps());
        int last = size - (size - 1) / chunk * chunk;
        int beforeEnd = ascii("\r\n+FTPGET: 1,1\r\n") + ascii("\r\n+FTPGET: 2," + last + "\r\n") + last
            + ascii("\r\nOK\r\n");
        int tail = beforeEnd + ascii("\r\n+FTPGET: 1,0\r\n");
        t.add(new Term("UART: last block and the end", uart(tail, baud),
            "+FTPGET: 1,1, the last " + last + "-byte block, OK, +FTPGET: 1,0 = " + tail + " B × 10 / " + baud));
        // the 226 comes in while the host takes the last block; only what it takes beyond that is on the path
        t.add(new Term("226 beyond the last block", Math.max(0, down(m, line(DONE)) - uart(beforeEnd, baud)),
            line(DONE) + " B down, overlapped with the last block's " + beforeEnd + " B on the UART"));
        double perChunkUart = uart(ascii("\r\n+FTPGET: 1,1\r\n") + ascii("\r\n+FTPGET: 2," + chunk + "\r\n") + chunk
            + 2 * ascii("\r\nOK\r\n") + ascii("\r\n+FTPGET: 2,0\r\n"), baud);
        if (perChunkUart >= down(m, chunk)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "at %d baud a %d-byte chunk takes %.1f ms "
                + "on the UART, not less than its %.1f ms on the link: the UART, not the link, sets the pace",
                baud, chunk, perChunkUart, down(m, chunk)));
        }
        double jitter = m.jitter().toNanos() / 1e6;
        t.add(new Term("jitter (expected)", JITTER_DRAWS * jitter / 2,
            JITTER_DRAWS + " draws × " + fmt(jitter) + " ms / 2"));
        return t;
    }

    static double total(List<Term> terms) {
        return terms.stream().mapToDouble(Term::ms).sum();
    }

    /** The terms as a one-line note for the report. */
    static String note(List<Term> terms) {
        StringBuilder b = new StringBuilder();
        for (Term t : terms) {
            if (b.length() > 0) {
                b.append(" + ");
            }
            b.append(t.step()).append(' ').append(fmt(t.ms()));
        }
        return b.toString();
    }

    private static Term exchange(LinkModel m, String command, String reply) {
        int up = line(command);
        int down = line(reply);
        return new Term(command.split(" ")[0] + " / " + reply.substring(0, 3),
            2 * m.latency().toNanos() / 1e6 + up(m, up) + down(m, down),
            "round trip + " + up + " B up + " + down + " B down");
    }

    /** A control line's bytes on the wire, CRLF included. */
    private static int line(String s) {
        return ascii(s) + 2;
    }

    private static int ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII).length;
    }

    private static double down(LinkModel m, long bytes) {
        return LinkModel.transmitNanos(bytes, m.downlinkBps()) / 1e6;
    }

    private static double up(LinkModel m, long bytes) {
        return LinkModel.transmitNanos(bytes, m.uplinkBps()) / 1e6;
    }

    static double uart(long bytes, int baud) {
        return UartPacing.timeFor(bytes, baud).toNanos() / 1e6;
    }

    /** The link's paced read size: about 100 ms of the rate, 64 to 1460 bytes (as {@code Link.chunk}). */
    static int chunk(long bps) {
        return (int) Math.max(64, Math.min(1460, bps / 80));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
