package dev.vmodem.net;

import static dev.vmodem.net.TestSupport.awaitTrue;
import static dev.vmodem.net.TestSupport.drive;
import static dev.vmodem.testing.TestBytes.random;
import static dev.vmodem.net.TestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vmodem.time.VirtualScheduler;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The link model on real loopback sockets, timed on virtual time: a worker transfers while the test thread
 * advances the clock whenever the worker waits on the model (see {@link TestSupport#drive}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LinkShapingTest {

    /** GPRS without jitter, so the expected times are exact. */
    private static final LinkModel GPRS = LinkModel.GPRS.withJitter(Duration.ZERO);
    private static final int BYTES = 10_700; // one second at 85.6 kbit/s, two at 42.8

    private final VirtualScheduler time = new VirtualScheduler();
    private TestSupport.Peer peer;

    @BeforeEach
    void setUp() throws Exception {
        peer = new TestSupport.Peer();
    }

    @AfterEach
    void tearDown() throws Exception {
        peer.close();
    }

    private Network network(LinkModel model) {
        return new Network(time, NetworkConfig.builder().link(model).build());
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** What the model says a one-burst transfer takes: one-way latency plus serialization. */
    private static long expectedMillis(LinkModel m, int bytes, long bps) {
        return ms(m.latency().toNanos() + LinkModel.transmitNanos(bytes, bps));
    }

    @Test
    void connectTakesTheSetupTime() throws Exception {
        Network net = network(GPRS);
        peer.send(new byte[0]);
        long elapsed = drive(time, () -> {
            long t0 = time.nanoTime();
            try (Socket s = net.unboundAccess().socketFactory().createSocket()) {
                s.connect(peer.address());
                return time.nanoTime() - t0;
            }
        });
        assertThat(ms(elapsed)).isEqualTo(1000);
    }

    @Test
    void downloadThroughGprsTakesLatencyPlusBytesOverDownlinkRate() throws Exception {
        Network net = network(GPRS);
        Future<Void> served = peer.send(random(BYTES, 1));
        long[] result = drive(time, () -> {
            try (Socket s = net.unboundAccess().socketFactory().createSocket()) {
                s.connect(peer.address());
                long t0 = time.nanoTime();
                byte[] got = readAll(s.getInputStream());
                assertThat(got).isEqualTo(random(BYTES, 1));
                return new long[] {time.nanoTime() - t0};
            }
        });
        served.get();
        // 300 ms one-way + 10,700 B * 8 / 85,600 bit/s = 1,300 ms
        assertThat(expectedMillis(GPRS, BYTES, 85_600)).isEqualTo(1300);
        assertThat((double) ms(result[0])).isCloseTo(1300, within(15.0));
    }

    @Test
    void uploadThroughGprsTakesLatencyPlusBytesOverUplinkRate() throws Exception {
        Network net = network(GPRS);
        Future<byte[]> received = peer.receive();
        long elapsed = drive(time, () -> {
            try (Socket s = net.unboundAccess().socketFactory().createSocket()) {
                s.connect(peer.address());
                long t0 = time.nanoTime();
                OutputStream out = s.getOutputStream();
                out.write(random(BYTES, 1));
                out.flush();
                long took = time.nanoTime() - t0;
                s.shutdownOutput();
                return took;
            }
        });
        assertThat(received.get()).isEqualTo(random(BYTES, 1));
        // 300 ms + 10,700 B * 8 / 42,800 bit/s = 2,300 ms
        assertThat((double) ms(elapsed)).isCloseTo(2300, within(15.0));
    }

    @Test
    void presetJitterStaysWithinItsBound() throws Exception {
        Network net = network(LinkModel.GPRS); // 100 ms jitter on setup and on the burst
        Future<Void> served = peer.send(random(BYTES, 1));
        long elapsed = drive(time, () -> {
            long t0 = time.nanoTime();
            try (Socket s = net.unboundAccess().socketFactory().createSocket()) {
                s.connect(peer.address());
                readAll(s.getInputStream());
                return time.nanoTime() - t0;
            }
        });
        served.get();
        assertThat(ms(elapsed)).isBetween(2300L, 2300L + 200 + 15);
    }

    @Test
    void requestAndAnswerCostOneRoundTrip() throws Exception {
        Network net = network(LinkModel.INSTANT.withLatency(Duration.ofMillis(300)));
        peer.serve(s -> {
            byte[] b = new byte[4];
            int n = s.getInputStream().read(b);
            s.getOutputStream().write(b, 0, n);
            return null;
        });
        long elapsed = drive(time, () -> {
            try (Socket s = net.unboundAccess().socketFactory().createSocket()) {
                s.connect(peer.address());
                long t0 = time.nanoTime();
                s.getOutputStream().write("PING".getBytes());
                byte[] b = new byte[4];
                assertThat(s.getInputStream().read(b)).isEqualTo(4);
                return time.nanoTime() - t0;
            }
        });
        assertThat(ms(elapsed)).isEqualTo(600);
    }

    @Test
    void aReadWaitingForThePeerIsCountedAsARealSocketCallUntilTheBytesCome() throws Exception {
        Network net = network(GPRS);
        CountDownLatch answer = new CountDownLatch(1);
        Future<Void> served = peer.serve(s -> {
            answer.await();
            s.getOutputStream().write(random(100, 1));
            s.getOutputStream().flush();
            return null;
        });
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (Socket s = net.unboundAccess().socketFactory().createSocket()) {
            drive(time, () -> {
                s.connect(peer.address());
                return null;
            });
            assertThat(net.realSocketCalls()).isZero();
            Future<Integer> read = reader.submit(() -> s.getInputStream().read(new byte[100]));
            // waiting for the peer, not for the clock: counted, and nothing scheduled
            awaitTrue("the read inside the real socket", () -> net.realSocketCalls() == 1);
            assertThat(time.pendingTasks()).isZero();
            answer.countDown();
            // the bytes came: now the read waits for the link model on the clock
            awaitTrue("the read waiting on the clock", () -> net.realSocketCalls() == 0 && time.pendingTasks() > 0);
            time.advance(Duration.ofMillis(300 + 10));
            assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo(100);
        } finally {
            reader.shutdownNow();
        }
        served.get();
        assertThat(net.realSocketCalls()).isZero();
    }

    @Test
    void instantLinkAddsNoTimeAndSchedulesNothing() throws Exception {
        Network net = network(LinkModel.INSTANT);
        Future<Void> served = peer.send(random(100_000, 1));
        try (Socket s = net.unboundAccess().socketFactory().createSocket()) {
            s.connect(peer.address());
            assertThat(readAll(s.getInputStream())).isEqualTo(random(100_000, 1));
        }
        served.get();
        // Ran on this thread without anyone advancing the clock: nothing waited.
        assertThat(time.elapsed()).isZero();
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void changingTheModelAffectsAnOpenConnectionFromThenOn() throws Exception {
        Network net = network(LinkModel.INSTANT);
        Future<Void> served = peer.serve(s -> {
            OutputStream out = s.getOutputStream();
            out.write(random(1000, 1));
            out.flush();
            s.getInputStream().read(); // wait for the go-ahead
            out.write(random(BYTES, 1));
            return null;
        });
        try (Socket s = net.unboundAccess().socketFactory().createSocket()) {
            s.connect(peer.address());
            InputStream in = s.getInputStream();
            in.readNBytes(1000);
            assertThat(time.elapsed()).isZero();

            net.setLinkModel(GPRS);
            long elapsed = drive(time, () -> {
                long t0 = time.nanoTime();
                s.getOutputStream().write('g');
                assertThat(in.readNBytes(BYTES)).isEqualTo(random(BYTES, 1));
                return time.nanoTime() - t0;
            });
            // uplink burst 300 + downlink burst 300 + 1,000 ms of data
            assertThat((double) ms(elapsed)).isCloseTo(1600, within(15.0));
        }
        served.get();
    }

    @Test
    void connectTimeoutShorterThanSetupTimesOutOnTheSchedulersClock() throws Exception {
        Network net = network(GPRS);
        Throwable thrown = drive(time, () -> {
            try (Socket s = net.unboundAccess().socketFactory().createSocket()) {
                s.connect(peer.address(), 400);
                return null;
            } catch (SocketTimeoutException e) {
                return e;
            }
        });
        assertThat(thrown).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("link setup takes 1000 ms");
        assertThat(ms(time.nanoTime())).isBetween(400L, 401L);
    }

    @Test
    void linkIsSharedByConcurrentConnections() throws Exception {
        Network net = network(LinkModel.INSTANT.withDownlinkBps(85_600));
        Future<Void> a = peer.send(random(BYTES, 1));
        Future<Void> b = peer.send(random(BYTES, 1));
        long elapsed = drive(time, () -> {
            try (Socket s1 = net.unboundAccess().socketFactory().createSocket();
                 Socket s2 = net.unboundAccess().socketFactory().createSocket()) {
                s1.connect(peer.address());
                s2.connect(peer.address());
                long t0 = time.nanoTime();
                Thread other = new Thread(() -> {
                    try {
                        readAll(s2.getInputStream());
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                other.start();
                readAll(s1.getInputStream());
                other.join();
                return time.nanoTime() - t0;
            }
        });
        a.get();
        b.get();
        // Twice the data over one radio: two seconds, not one.
        assertThat((double) ms(elapsed)).isCloseTo(2000, within(30.0));
    }

    @Test
    void resolvingANameCostsARoundTripOnAShapedLink() throws Exception {
        Network net = new Network(time, NetworkConfig.builder().link(GPRS)
                .route("ftp.example.com:21 -> 127.0.0.1:2121").route("127.0.0.1 -> real").build());
        long elapsed = drive(time, () -> {
            long t0 = time.nanoTime();
            net.unboundAccess().resolve("ftp.example.com", 21);
            return time.nanoTime() - t0;
        });
        assertThat(ms(elapsed)).isEqualTo(600);
        Throwable failed = drive(time, () -> {
            try {
                net.unboundAccess().resolve("elsewhere.example.com", 21);
                return null;
            } catch (NetAccess.DnsFailureException e) {
                return e;
            }
        });
        assertThat(failed).isInstanceOf(NetAccess.DnsFailureException.class);
        // IP literals need no lookup, so no round trip: this returns on the test thread.
        net.setLinkModel(GPRS);
        assertThat(net.unboundAccess().resolve("127.0.0.1", 21).getPort()).isEqualTo(21);
    }
}
