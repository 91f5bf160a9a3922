package dev.vmodem.net;

import static dev.vmodem.testing.TestBytes.random;
import static dev.vmodem.net.TestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmodem.net.NetAccess.DnsFailureException;
import dev.vmodem.time.VirtualScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The facade: access through a bearer, and the faults that act on radio and bearers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetworkTest {

    private final VirtualScheduler time = new VirtualScheduler();
    private final Recorder rec = new Recorder();
    private TestSupport.Peer peer;
    private Network net;

    @BeforeEach
    void setUp() throws Exception {
        peer = new TestSupport.Peer();
        net = new Network(time, NetworkConfig.defaults());
        net.setEmbeddedServer(peer.address()); // stands in for the embedded FTP server
        net.addListener(rec);
    }

    @AfterEach
    void tearDown() throws Exception {
        peer.close();
    }

    private void open(int cid) {
        CompletableFuture<BearerOutcome> f = net.bearers().open(cid);
        time.runDue();
        assertThat(f).isCompletedWithValue(BearerOutcome.OK);
    }

    @Test
    void accessNeedsAnOpenBearer() {
        assertThatThrownBy(() -> net.access(1))
                .isInstanceOf(NetErrorException.class)
                .hasMessage("bearer 1 is not open: CLOSED");
        assertThatThrownBy(() -> net.access(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firmwareNameReachesTheEmbeddedServerThroughAnOpenBearer() throws Exception {
        open(1);
        NetAccess access = net.access(1);
        Future<Void> served = peer.send("220 ready\r\n".getBytes());
        InetSocketAddress to = access.resolve("ftp.example.com", 21);
        assertThat(to).isEqualTo(peer.address());
        try (Socket s = access.socketFactory().createSocket()) {
            s.connect(to);
            assertThat(new String(readAll(s.getInputStream()))).isEqualTo("220 ready\r\n");
        }
        served.get();
    }

    @Test
    void socketFactoryWithANameRoutesItToo() throws Exception {
        peer.send("hi".getBytes());
        try (Socket s = net.unboundAccess().socketFactory().createSocket("ftp.example.com", 21)) {
            assertThat(readAll(s.getInputStream())).isEqualTo("hi".getBytes());
        }
    }

    @Test
    void closingTheBearerResetsItsSocketsAndEndsTheSession() throws Exception {
        open(1);
        NetAccess access = net.access(1);
        peer.serve(s -> s.getInputStream().read());
        Socket s = access.socketFactory().createSocket();
        s.connect(peer.address());
        InputStream in = s.getInputStream();

        net.bearers().close(1);

        assertThatThrownBy(in::read).isInstanceOf(SocketException.class)
                .hasMessage("Connection reset: bearer 1 closed");
        assertThatThrownBy(() -> access.socketFactory().createSocket().connect(peer.address()))
                .isInstanceOf(NetErrorException.class);
        assertThatThrownBy(() -> access.resolve("ftp.example.com", 21)).isInstanceOf(DnsFailureException.class);

        // A new session needs new access; the old one stays dead.
        time.runDue();
        open(1);
        assertThat(net.access(1).resolve("ftp.example.com", 21)).isEqualTo(peer.address());
        assertThatThrownBy(() -> access.resolve("ftp.example.com", 21)).isInstanceOf(DnsFailureException.class);
        assertThat(net.openSockets()).isZero();
    }

    @Test
    void coverageLossOneShotDropsBearersAndSocketsThenCoverageReturns() throws Exception {
        open(1);
        NetAccess access = net.access(1);
        peer.serve(s -> s.getInputStream().read());
        Socket s = access.socketFactory().createSocket();
        s.connect(peer.address());
        rec.clear();

        net.faults().inject(Fault.coverageLoss().oneShot());

        assertThat(net.radio().state().creg()).isEqualTo(RegStatus.SEARCHING);
        assertThat(net.radio().state().rssi()).isEqualTo(99);
        assertThat(net.bearers().status(1)).isEqualTo(BearerStatus.CLOSED);
        assertThatThrownBy(() -> s.getInputStream().read()).hasMessage("Connection reset: bearer 1 deactivated "
                + "(coverage_lost)");
        assertThat(rec.events).containsExactly(
                "radio creg 2 cgreg 2 attached false csq 99,99",
                "bearer 1 CONNECTED->CLOSED",
                "DEACT 1 COVERAGE_LOST");

        time.runDue();
        assertThat(net.radio().state().creg()).isEqualTo(RegStatus.HOME);
        assertThat(net.radio().state().attached()).isTrue();
        assertThat(net.bearers().status(1)).isEqualTo(BearerStatus.CLOSED); // the host reopens it
        assertThat(net.faults().active()).isEmpty();
        assertThat(rec.events).last().isEqualTo("radio creg 1 cgreg 1 attached true csq 20,0");
    }

    @Test
    void coverageLossLastingKeepsTheModemOffTheNetworkUntilCleared() {
        net.faults().inject(Fault.coverageLoss());
        time.advance(Duration.ofMinutes(5));
        assertThat(net.radio().state().creg()).isEqualTo(RegStatus.SEARCHING);
        assertThat(net.bearers().open(1)).isCompletedWithValue(BearerOutcome.NOT_REGISTERED);

        net.faults().clear(Fault.Kind.COVERAGE_LOSS);
        assertThat(net.radio().state().creg()).isEqualTo(RegStatus.HOME);
        open(1);
    }

    @Test
    void bearerDropOneShotDropsNowLastingAlsoRejectsActivation() {
        open(1);
        open(2);
        rec.clear();
        net.faults().inject(Fault.bearerDrop().oneShot());
        assertThat(rec.events).contains("DEACT 1 NETWORK", "DEACT 2 NETWORK");
        assertThat(net.faults().active()).isEmpty();
        open(1);

        net.faults().inject(Fault.bearerDrop());
        assertThat(net.bearers().status(1)).isEqualTo(BearerStatus.CLOSED);
        CompletableFuture<BearerOutcome> f = net.bearers().open(1);
        time.runDue();
        assertThat(f).isCompletedWithValue(BearerOutcome.REJECTED);
        net.faults().clearAll();
        open(1);
    }

    @Test
    void acceptedConnectionsAreShapedAndDieWithTheBearer() throws Exception {
        open(1);
        NetAccess access = net.access(1);
        try (ServerSocket server = access.serverSocketFactory().createServerSocket(0)) {
            CompletableFuture<Void> peerDone = CompletableFuture.runAsync(() -> {
                try (Socket out = new Socket(java.net.InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    out.getOutputStream().write(random(2000, 1));
                    out.getInputStream().read(); // hold the connection open
                } catch (IOException e) {
                    // the modem side reset us: expected
                }
            });
            net.faults().inject(Fault.cutAfterBytes(500).direction(Fault.Direction.DOWNLINK).oneShot());
            try (Socket in = server.accept()) {
                byte[] got = in.getInputStream().readNBytes(500);
                assertThat(got).hasSize(500);
                assertThatThrownBy(() -> in.getInputStream().read()).hasMessageStartingWith("Connection reset");
            }
            net.bearers().drop(1);
            assertThat(server.isClosed()).isTrue();
            peerDone.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void serverSocketNeedsTheBearerOpen() throws Exception {
        open(1);
        NetAccess access = net.access(1);
        net.bearers().drop(1);
        assertThatThrownBy(() -> access.serverSocketFactory().createServerSocket(0))
                .isInstanceOf(NetErrorException.class);
    }

    @Test
    void faultsFromConfigurationAreActiveAtStart() {
        Network n = new Network(time, NetworkConfig.builder().fault(Fault.coverageLoss())
                .fault(Fault.dnsFailure().oneShot()).build());
        assertThat(n.radio().state().creg()).isEqualTo(RegStatus.SEARCHING);
        assertThat(n.faults().active()).hasSize(2);
    }

    @Test
    void aThousandNetworksAreCheapAndStartNoThreads() {
        int threads = Thread.activeCount();
        Network[] many = new Network[1000];
        for (int i = 0; i < many.length; i++) {
            many[i] = new Network(time, NetworkConfig.defaults());
        }
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threads);
        assertThat(time.pendingTasks()).isZero();
        assertThat(many[999].radio().state().attached()).isTrue();
    }
}
