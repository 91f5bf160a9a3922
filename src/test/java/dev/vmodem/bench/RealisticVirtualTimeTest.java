package dev.vmodem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vmodem.control.VirtualModem;
import dev.vmodem.net.LinkModel;
import dev.vmodem.net.Network;
import dev.vmodem.net.Timeline;
import dev.vmodem.serial.PacedLink;
import dev.vmodem.time.Quiescence;
import dev.vmodem.time.VirtualScheduler;
import dev.vmodem.client.AtClient;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The realistic-mode download of the benchmark ({@link RealisticFigures}) on virtual time: a 100 KB AT+FTPGET over
 * the gprs link and a UART paced at 921600 baud, against the embedded server, with the host reading
 * {@code AT+FTPGET=2,1460} blocks as they come. Its elapsed virtual time must be what {@link RealisticPrediction}
 * derives from the model, so the benchmark's prediction is a checked fact.
 *
 * <p>A host thread runs the benchmark's host; the test thread drives the clock: it advances to the next deadline
 * (a link wait, the UART's next slice, a timer) only when nothing can happen before it: the paced line is settled,
 * no shaped socket call waits for the server, and every other thread of the process is blocked, as the kernel sees
 * it ({@link Quiescence}), so a thread that was just woken and has not run yet holds the clock back. No real-time
 * window is involved: how fast the machine is changes how long the test takes, not what it measures.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealisticVirtualTimeTest {

    private static final int SIZE = 100 * 1024;
    private static final int BAUD = 921_600;

    @TempDir
    Path dir;

    @Test
    void withoutJitterTheDownloadTakesExactlyThePredictedTime() throws Exception {
        Run r = download("0");
        LinkModel m = LinkModel.GPRS.withJitter(Duration.ZERO);
        double predicted = RealisticPrediction.total(RealisticPrediction.download(m, BAUD, SIZE));
        // What may differ: the PASV reply's port digits (a byte or two, 0.1 ms each), and the 226 reply's 24 bytes
        // (2.2 ms on the downlink): when the server's 226 is already in the control socket as the 150 is read, the
        // FTP client's reader takes both at once, and the 226's link time comes before the data instead of beside
        // the host's last block.
        assertThat(r.elapsedMs).as("elapsed virtual ms; timeline:%n%s", r.timeline).isCloseTo(predicted, within(2.5));
        assertThat(r.ftpCommands()).containsExactly("USER bench", "PASS ****", "TYPE I", "PASV", "RETR /fw.bin");
        assertThat(r.count("connect #")).isEqualTo(2);
        assertThat(r.count("dns ")).isEqualTo(1);
        assertThat(r.count("burst")).as("timeline:%n%s", r.timeline).isEqualTo(RealisticPrediction.JITTER_DRAWS - 3);
    }

    @Test
    void withThePresetsJitterTheDownloadTakesThePredictionPlusTheJitterDrawn() throws Exception {
        Run r = download(null);
        LinkModel m = LinkModel.GPRS;
        List<RealisticPrediction.Term> terms = RealisticPrediction.download(m, BAUD, SIZE);
        double withoutJitter = RealisticPrediction.total(terms) - terms.get(terms.size() - 1).ms();
        double drawn = r.jitterDrawnMs();
        assertThat(r.count("jitter")).as("timeline:%n%s", r.timeline).isEqualTo(RealisticPrediction.JITTER_DRAWS);
        assertThat(r.elapsedMs).as("timeline:%n%s", r.timeline).isCloseTo(withoutJitter + drawn, within(2.5));
        assertThat(drawn).isBetween(0.0, RealisticPrediction.JITTER_DRAWS * 100.0);
    }

    /** What one download showed. */
    record Run(double elapsedMs, List<Timeline.Event> timeline) {
        List<String> ftpCommands() {
            List<String> out = new ArrayList<>();
            for (Timeline.Event e : timeline) {
                if (e.what().startsWith("ftp > ")) {
                    out.add(e.what().substring(6));
                }
            }
            return out;
        }

        long count(String what) {
            return timeline.stream().filter(e -> e.what().contains(what)).count();
        }

        double jitterDrawnMs() {
            Pattern p = Pattern.compile("jitter (\\d+\\.\\d+) ms");
            double sum = 0;
            for (Timeline.Event e : timeline) {
                Matcher x = p.matcher(e.what());
                while (x.find()) {
                    sum += Double.parseDouble(x.group(1));
                }
            }
            return sum;
        }
    }

    private Run download(String jitterMs) throws Exception {
        assumeTrue(Quiescence.supported(), "the clock is driven from the kernel's view of the threads (Linux /proc)");
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] file = FtpFigures.data(SIZE);
        Files.write(root.resolve("fw.bin"), file);
        VirtualModem.Builder b = VirtualModem.builder().realistic().virtualTime().ftpRoot(root)
            .set("ftp.server.samples", "false").set("serial.baud", Integer.toString(BAUD));
        if (jitterMs != null) {
            b.set("link.jitter.ms", jitterMs);
        }
        try (VirtualModem m = b.start()) {
            m.awaitReady(Duration.ofSeconds(20));
            AtClient at = m.at().timeout(Duration.ofSeconds(60));
            long[] span = new long[2];
            ExecutorService hostThread = Executors.newSingleThreadExecutor(r -> new Thread(r, HOST));
            try {
                Future<byte[]> host = hostThread.submit(() -> {
                    at.command("ATE0");
                    at.command("AT+SAPBR=1,1");
                    at.command("AT+FTPCID=1;+FTPSERV=\"ftp.example.com\";+FTPUN=\"bench\";+FTPPW=\"bench\";"
                        + "+FTPMODE=1;+FTPGETNAME=\"fw.bin\";+FTPGETPATH=\"/\"");
                    m.network().timeline().start();
                    span[0] = m.time().nanoTime();
                    at.command("AT+FTPGET=1");
                    assertThat(at.awaitLine(Pattern.compile("\\+FTPGET: 1,\\d+"))).isEqualTo("+FTPGET: 1,1");
                    ByteArrayOutputStream got = new ByteArrayOutputStream(SIZE);
                    while (got.size() < SIZE) {
                        byte[] block = at.readBlock("AT+FTPGET=2,1460", "\r\n+FTPGET: 2,");
                        if (block.length == 0) {
                            assertThat(at.awaitLine(Pattern.compile("\\+FTPGET: 1,\\d+"))).isEqualTo("+FTPGET: 1,1");
                        }
                        got.writeBytes(block);
                    }
                    at.awaitLine(Pattern.compile("\\+FTPGET: 1,0"));
                    span[1] = m.time().nanoTime();
                    return got.toByteArray();
                });
                drive(m, host);
                assertThat(host.get()).isEqualTo(file);
            } finally {
                hostThread.shutdownNow();
            }
            m.network().timeline().stop();
            return new Run((span[1] - span[0]) / 1e6, m.network().timeline().events());
        }
    }

    private static final String HOST = "realistic-host";

    /**
     * Advances the clock to its next deadline (a link wait, the UART's next slice, a timer) whenever nothing else
     * can happen first, until the host is done.
     */
    private static void drive(VirtualModem m, Future<?> host) throws Exception {
        VirtualScheduler time = m.time();
        PacedLink paced = (PacedLink) m.link();
        Network net = m.network();
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!host.isDone()) {
            if (System.nanoTime() > limit) {
                throw new AssertionError("host not done after 90 s of real time; virtual " + time.elapsed()
                    + "; timeline:\n" + net.timeline().events());
            }
            long next = time.nextDeadline();
            // the host may have finished while we looked: it is at rest then too, but the clock must stay put
            if (next >= 0 && atRest(time, paced, net, next) && !host.isDone()) {
                time.advance(Duration.ofNanos(Math.max(0, next - time.nanoTime())));
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Nothing but the clock can move things on: every thread of the process but this one (the host, its reader, the
     * FTP worker, the UART's transmitter, the embedded server's threads) is blocked and was for an interval, with no
     * thread woken and not yet run ({@link Quiescence}); no socket call waits for the server, which runs on real time
     * ({@link Network#realSocketCalls()}); and before and after that, the line is settled, the next deadline is the
     * same and no byte left the line. A thread blocked then can only be woken by the clock, so the jump is exact.
     */
    private static boolean atRest(VirtualScheduler time, PacedLink paced, Network net, long next) {
        long written = paced.written();
        if (!paced.isSettled() || net.realSocketCalls() > 0 || time.nextDeadline() != next) {
            return false;
        }
        if (!Quiescence.atRest()) {
            return false;
        }
        return paced.isSettled() && net.realSocketCalls() == 0 && time.nextDeadline() == next
            && paced.written() == written;
    }
}
