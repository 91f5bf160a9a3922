package dev.vmodem.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.net.Fault;
import dev.vmodem.testing.TestBytes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequential FTP sessions (GET and PUT of small files) against the embedded server, with random faults in between
 * (fixed seed), checking that threads, open file descriptors and heap after GC at the end are where they were
 * after warm-up. {@link #shortSoak} (200 sessions) runs with the normal tests; {@link #longSoak} runs for
 * {@code -Dsoak.minutes} (default 5) through {@code scripts/soak [minutes]}.
 *
 * <p>Tolerances: threads +3 (pool threads that come and go), file descriptors +8, heap after GC +16 MB.
 */
class SoakTest {

    static final String OK = "\r\nOK\r\n";
    static final int THREAD_SLACK = 3;
    static final int FD_SLACK = 8;
    static final long HEAP_SLACK = 16L << 20;

    @TempDir
    Path dir;

    @Test
    void shortSoak() throws Exception {
        run(200, Duration.ZERO, 40);
    }

    @Test
    @Tag("soak")
    void longSoak() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "5"));
        run(Integer.MAX_VALUE, Duration.ofMillis((long) (minutes * 60_000)), 200);
    }

    record Gauge(int threads, long fds, long heap) {
        static Gauge now() throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(50);
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Gauge(Thread.activeCount(), countFds(), heap);
        }

        static long countFds() {
            try (var s = Files.list(Path.of("/proc/self/fd"))) {
                return s.count();
            } catch (IOException e) {
                return -1;
            }
        }
    }

    private void run(int sessions, Duration duration, int warmUp) throws Exception {
        Random rnd = new Random(9);
        long t0 = System.nanoTime();
        int done = 0;
        int faults = 0;
        Gauge base = null;
        try (Rig h = new Rig(dir, o -> o.server = b -> b.tls(false))) {
            h.login();
            h.command("AT+FTPGETPATH=\"/\"", OK);
            h.command("AT+FTPPUTPATH=\"/\"", OK);
            while (done < sessions && (duration.isZero() || done < warmUp
                || System.nanoTime() - t0 < duration.toNanos())) {
                if (done == warmUp) {
                    base = Gauge.now();
                    t0 = System.nanoTime();
                }
                int kind = rnd.nextInt(10);
                byte[] data = TestBytes.file(1 + rnd.nextInt(3000));
                if (kind == 0) {
                    // a fault, then the session that meets it; the code is checked loosely, recovery strictly
                    faults++;
                    Fault f = switch (rnd.nextInt(3)) {
                        case 0 -> Fault.dnsFailure().oneShot();
                        case 1 -> Fault.refuseConnections().oneShot();
                        default -> Fault.cutAfterBytes(200).direction(Fault.Direction.DOWNLINK).oneShot();
                    };
                    h.modem.network().faults().inject(f);
                    h.put("g.bin", data);
                    h.command("AT+FTPGETNAME=\"g.bin\"", OK);
                    h.command("AT+FTPGET=1", OK);
                    if (h.line().equals("+FTPGET: 1,1")) {
                        drainOrFail(h);
                    }
                    h.modem.network().faults().clearAll();
                    h.awaitIdle();
                } else if (kind < 6) {
                    h.put("g.bin", data);
                    h.command("AT+FTPGETNAME=\"g.bin\"", OK);
                    h.command("AT+FTPGET=1", OK);
                    h.expect("\r\n+FTPGET: 1,1\r\n");
                    assertThat(h.readAll("AT+FTPGET=2,1460", "+FTPGET", data.length)).isEqualTo(data);
                } else {
                    h.command("AT+FTPPUTNAME=\"p.bin\"", OK);
                    h.command("AT+FTPPUT=1", OK);
                    h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
                    for (int off = 0; off < data.length; off += 1360) {
                        int n = Math.min(1360, data.length - off);
                        h.send("AT+FTPPUT=2," + n + "\r");
                        h.expect("AT+FTPPUT=2," + n + "\r\r\n+FTPPUT: 2," + n + "\r\n");
                        h.send(Arrays.copyOfRange(data, off, off + n));
                        h.expect(OK + "\r\n+FTPPUT: 1,1,1360\r\n");
                    }
                    h.command("AT+FTPPUT=2,0", OK);
                    h.expect("\r\n+FTPPUT: 1,0\r\n");
                    assertThat(h.serverFile("p.bin")).isEqualTo(data);
                }
                h.take();
                // let the modem clock move as it would: timers of finished sessions fall due and go
                h.time.advance(Duration.ofSeconds(1));
                done++;
            }
            Gauge end = Gauge.now();
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("soak: %d sessions (%d with faults), %.1f s after warm-up; threads %d -> %d, "
                    + "fds %d -> %d, heap after GC %.1f MB -> %.1f MB%n", done, faults, secs, base.threads(),
                end.threads(), base.fds(), end.fds(), base.heap() / 1e6, end.heap() / 1e6);
            assertThat(end.threads()).isLessThanOrEqualTo(base.threads() + THREAD_SLACK);
            assertThat(end.fds()).isLessThanOrEqualTo(base.fds() + FD_SLACK);
            assertThat(end.heap()).isLessThanOrEqualTo(base.heap() + HEAP_SLACK);
        }
    }

    /** Reads a GET that may break: blocks until +FTPGET: 1,0 or a failure code. */
    private static void drainOrFail(Rig h) {
        h.command("ATE0", OK);
        h.drainGet(() -> { });
        h.send("ATE1\r");
        h.expect(OK);
    }
}
