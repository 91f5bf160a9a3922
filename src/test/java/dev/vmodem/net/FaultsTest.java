package dev.vmodem.net;

import static dev.vmodem.net.TestSupport.awaitWaiting;
import static dev.vmodem.net.TestSupport.drive;
import static dev.vmodem.testing.TestBytes.random;
import static dev.vmodem.net.TestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vmodem.net.NetAccess.DnsFailureException;
import dev.vmodem.time.VirtualScheduler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each fault on real loopback sockets: the effect it promises, one-shot against lasting. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultsTest {

    private final VirtualScheduler time = new VirtualScheduler();
    private final Recorder rec = new Recorder();
    private TestSupport.Peer peer;
    private Network net;

    @BeforeEach
    void setUp() throws Exception {
        peer = new TestSupport.Peer();
        net = new Network(time, NetworkConfig.builder()
                .route("ftp.example.com:21 -> 127.0.0.1:" + peer.address().getPort()).build());
        net.addListener(rec);
    }

    @AfterEach
    void tearDown() throws Exception {
        peer.close();
    }

    private Socket connect() throws IOException {
        Socket s = net.unboundAccess().socketFactory().createSocket();
        s.connect(peer.address());
        return s;
    }

    /** Reads until EOF or an exception; returns the bytes and what ended it. */
    private static Object[] readUntilFailure(InputStream in) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[700];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
            }
            return new Object[] {got.toByteArray(), null};
        } catch (IOException e) {
            return new Object[] {got.toByteArray(), e};
        }
    }

    @Test
    void cutAfterBytesDownlinkDeliversExactlyThatManyThenResets() throws Exception {
        net.faults().inject(Fault.cutAfterBytes(1000).direction(Fault.Direction.DOWNLINK).oneShot());
        Future<Throwable> server = peer.serve(s -> {
            s.getOutputStream().write(random(5000, 1));
            try {
                return s.getInputStream().read() < 0 ? null : new AssertionError("unexpected data");
            } catch (IOException e) {
                return e;
            }
        });
        try (Socket s = connect()) {
            Object[] r = readUntilFailure(s.getInputStream());
            assertThat((byte[]) r[0]).isEqualTo(java.util.Arrays.copyOf(random(5000, 1), 1000));
            assertThat((Throwable) r[1]).isInstanceOf(SocketException.class).hasMessageStartingWith("Connection reset");
            // Later calls keep failing the same way.
            assertThatThrownBy(() -> s.getOutputStream().write(1)).hasMessageStartingWith("Connection reset");
        }
        // The peer sees a reset, as it would if the link died mid-transfer.
        assertThat(server.get()).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        assertThat(net.faults().active()).isEmpty();
    }

    @Test
    void cutAfterBytesUplinkLetsExactlyThatManyReachThePeer() throws Exception {
        net.faults().inject(Fault.cutAfterBytes(1000).direction(Fault.Direction.UPLINK));
        Future<Object[]> server = peer.serve(s -> readUntilFailure(s.getInputStream()));
        try (Socket s = connect()) {
            assertThatThrownBy(() -> s.getOutputStream().write(random(5000, 1)))
                    .isInstanceOf(SocketException.class).hasMessageStartingWith("Connection reset: fault cut");
        }
        byte[] got = (byte[]) server.get()[0];
        assertThat(got).isEqualTo(java.util.Arrays.copyOf(random(5000, 1), 1000));
    }

    @Test
    void cutCountsBothDirectionsTogetherByDefault() throws Exception {
        net.faults().inject(Fault.cutAfterBytes(10));
        peer.serve(s -> {
            byte[] b = new byte[6];
            s.getInputStream().readNBytes(b, 0, 6);
            s.getOutputStream().write(random(100, 1));
            return null;
        });
        try (Socket s = connect()) {
            s.getOutputStream().write(random(6, 1));
            Object[] r = readUntilFailure(s.getInputStream());
            assertThat((byte[]) r[0]).hasSize(4);
            assertThat((Throwable) r[1]).hasMessageStartingWith("Connection reset");
        }
    }

    @Test
    void oneShotCutHitsOnlyTheFirstConnectionLastingHitsEach() throws Exception {
        net.faults().inject(Fault.cutAfterBytes(100).direction(Fault.Direction.DOWNLINK).oneShot());
        peer.send(random(1000, 1));
        peer.send(random(1000, 1));
        try (Socket a = connect(); Socket b = connect()) {
            assertThat((byte[]) readUntilFailure(a.getInputStream())[0]).hasSize(100);
            assertThat(readAll(b.getInputStream())).hasSize(1000);
        }

        net.faults().inject(Fault.cutAfterBytes(100).direction(Fault.Direction.DOWNLINK));
        peer.send(random(1000, 1));
        peer.send(random(1000, 1));
        try (Socket a = connect(); Socket b = connect()) {
            assertThat((byte[]) readUntilFailure(a.getInputStream())[0]).hasSize(100);
            assertThat((byte[]) readUntilFailure(b.getInputStream())[0]).hasSize(100);
        }
        assertThat(net.faults().clear(Fault.Kind.CUT_AFTER_BYTES)).isEqualTo(1);
    }

    @Test
    void refuseConnectionsOneShotThenLasting() throws Exception {
        net.faults().inject(Fault.refuseConnections().oneShot());
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class).hasMessageContaining("refused");
        peer.send(new byte[0]);
        connect().close();

        net.faults().inject(Fault.refuseConnections());
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
        net.faults().clear(Fault.Kind.REFUSE_CONNECTIONS);
        peer.send(new byte[0]);
        connect().close();
        assertThat(net.openSockets()).isZero();
    }

    @Test
    void dnsFailureOneShotThenLasting() throws Exception {
        NetAccess access = net.unboundAccess();
        net.faults().inject(Fault.dnsFailure().oneShot());
        assertThatThrownBy(() -> access.resolve("ftp.example.com", 21))
                .isInstanceOf(DnsFailureException.class).hasMessage("DNS lookup failed: ftp.example.com");
        assertThat(access.resolve("ftp.example.com", 21)).isEqualTo(peer.address());

        net.faults().inject(Fault.dnsFailure());
        assertThatThrownBy(() -> access.resolve("ftp.example.com", 21)).isInstanceOf(DnsFailureException.class);
        assertThatThrownBy(() -> access.resolve("ftp.example.com", 21)).isInstanceOf(DnsFailureException.class);
        assertThat(net.faults().active()).extracting(Fault::kind).containsExactly(Fault.Kind.DNS_FAILURE);
        net.faults().clear(Fault.Kind.DNS_FAILURE);
        assertThat(access.resolve("ftp.example.com", 21)).isEqualTo(peer.address());
    }

    @Test
    void stallBlocksReadsUntilCleared() throws Exception {
        peer.send(random(3000, 1));
        try (Socket s = connect()) {
            ActiveFault stall = net.faults().inject(Fault.stall());
            CompletableFuture<byte[]> read = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    read.complete(readAll(s.getInputStream()));
                } catch (Throwable e) {
                    read.completeExceptionally(e);
                }
            }, "stalled-reader");
            reader.start();
            awaitWaiting(reader);
            assertThat(read).isNotDone();

            stall.clear();
            assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo(random(3000, 1));
        }
    }

    @Test
    void stalledReadTimesOutOnTheSchedulersClockAndLosesNothing() throws Exception {
        peer.send(random(3000, 1));
        try (Socket s = connect()) {
            s.setSoTimeout(5000);
            net.faults().inject(Fault.stall().direction(Fault.Direction.DOWNLINK));
            long t0 = time.nanoTime();
            Throwable thrown = drive(time, Duration.ofMillis(100), () -> {
                try {
                    s.getInputStream().read(new byte[100]);
                    return null;
                } catch (SocketTimeoutException e) {
                    return e;
                }
            });
            assertThat(thrown).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("stalled");
            assertThat((double) TimeUnit.NANOSECONDS.toMillis(time.nanoTime() - t0)).isCloseTo(5000, within(100.0));

            net.faults().clear(Fault.Kind.STALL);
            assertThat(readAll(s.getInputStream())).isEqualTo(random(3000, 1));
        }
    }

    @Test
    void stallBlocksWritesUntilCleared() throws Exception {
        Future<byte[]> received = peer.receive();
        try (Socket s = connect()) {
            net.faults().inject(Fault.stall().direction(Fault.Direction.UPLINK).oneShot());
            CompletableFuture<Void> wrote = new CompletableFuture<>();
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(random(500, 1));
                    wrote.complete(null);
                } catch (Throwable e) {
                    wrote.completeExceptionally(e);
                }
            }, "stalled-writer");
            writer.start();
            awaitWaiting(writer);
            assertThat(wrote).isNotDone();

            net.faults().clear(Fault.Kind.STALL);
            wrote.get(20, TimeUnit.SECONDS);
            s.shutdownOutput();
            assertThat(received.get()).isEqualTo(random(500, 1));
        }
    }

    @Test
    void closingAStalledSocketReleasesTheReaderAndEndsItsOneShotStall() throws Exception {
        peer.send(random(10, 1));
        Socket s = connect();
        net.faults().inject(Fault.stall().oneShot());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                s.getInputStream().read();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "stalled-reader");
        reader.start();
        awaitWaiting(reader);
        s.close();
        reader.join(20_000);
        assertThat(failure.get()).isInstanceOf(SocketException.class);
        assertThat(net.faults().active()).isEmpty();
    }

    @Test
    void capBandwidthSlowsAnInstantLink() throws Exception {
        net.faults().inject(Fault.capBandwidth(85_600).direction(Fault.Direction.DOWNLINK));
        peer.send(random(10_700, 1));
        long elapsed = drive(time, () -> {
            try (Socket s = connect()) {
                long t0 = time.nanoTime();
                readAll(s.getInputStream());
                return time.nanoTime() - t0;
            }
        });
        assertThat((double) TimeUnit.NANOSECONDS.toMillis(elapsed)).isCloseTo(1000, within(15.0));
    }

    @Test
    void addedLatencyOneShotAppliesToOneConnectionOnly() throws Exception {
        net.faults().inject(Fault.addLatency(Duration.ofMillis(500)).oneShot());
        peer.send(random(10, 1));
        peer.send(random(10, 1));
        long[] took = drive(time, () -> {
            try (Socket a = connect(); Socket b = connect()) {
                long t0 = time.nanoTime();
                readAll(a.getInputStream());
                long ta = time.nanoTime() - t0;
                t0 = time.nanoTime();
                readAll(b.getInputStream());
                return new long[] {ta, time.nanoTime() - t0};
            }
        });
        assertThat(TimeUnit.NANOSECONDS.toMillis(took[0])).isEqualTo(500);
        assertThat(took[1]).isZero();
    }

    @Test
    void faultsApplyOnlyToTheirOwnNetwork() throws Exception {
        Network other = new Network(time, NetworkConfig.defaults());
        other.faults().inject(Fault.refuseConnections());
        other.faults().inject(Fault.cutAfterBytes(1));
        peer.send(random(100, 1));
        try (Socket s = connect()) {
            assertThat(readAll(s.getInputStream())).hasSize(100);
        }
    }

    @Test
    void lastingForClearsItselfOnTheScheduler() {
        ActiveFault f = net.faults().inject(Fault.dnsFailure().lastingFor(Duration.ofSeconds(30)));
        time.advance(Duration.ofSeconds(29));
        assertThat(f.isActive()).isTrue();
        time.advance(Duration.ofSeconds(1));
        assertThat(f.isActive()).isFalse();
        assertThat(net.faults().active()).isEmpty();
    }

    @Test
    void faultSpecsParseFromConfigurationText() {
        assertThat(Fault.parse("cut 1000 once dir=down")).isEqualTo(
                Fault.cutAfterBytes(1000).direction(Fault.Direction.DOWNLINK).oneShot());
        assertThat(Fault.parse("bandwidth 9.6")).isEqualTo(Fault.capBandwidth(9600));
        assertThat(Fault.parse("latency 500")).isEqualTo(Fault.addLatency(Duration.ofMillis(500)));
        assertThat(Fault.parse("coverage-loss for=30000")).isEqualTo(
                Fault.coverageLoss().lastingFor(Duration.ofSeconds(30)));
        assertThat(Fault.parse("stall dir=up").direction()).isEqualTo(Fault.Direction.UPLINK);
        assertThatThrownBy(() -> Fault.parse("meteor")).hasMessageContaining("unknown fault: 'meteor'");
        assertThatThrownBy(() -> Fault.parse("cut")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Fault.parse("cut x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Fault.parse("dns-failure sometimes")).hasMessageContaining("unknown fault option");
        assertThatThrownBy(() -> new Fault(Fault.Kind.STALL, Fault.Mode.ONE_SHOT, Duration.ofSeconds(1), 0,
                Fault.Direction.BOTH, 0, Duration.ZERO)).hasMessageContaining("one-shot fault has no duration");
    }
}
