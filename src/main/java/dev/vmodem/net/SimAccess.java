package dev.vmodem.net;

import dev.vmodem.time.Scheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NetAccess} through the simulated network: lookups go through DNS faults and the {@link Router}, sockets
 * through the link model and socket faults. With a {@link Binding}, everything also requires that bearer session
 * to be open (see {@link Network#access(int)}).
 */
final class SimAccess implements NetAccess {

    private static final Logger log = LoggerFactory.getLogger(SimAccess.class);

    private final Link link;
    private final Router router;
    private final Binding binding;
    private final SocketFactory sockets = new Sockets();
    private final ServerSocketFactory serverSockets = new ServerSockets();

    private final dev.vmodem.transfer.TransferTracker transfers;

    SimAccess(Link link, Router router, Binding binding, dev.vmodem.transfer.TransferTracker transfers) {
        this.link = link;
        this.router = router;
        this.binding = binding;
        this.transfers = transfers;
    }

    @Override
    public dev.vmodem.transfer.TransferTracker transfers() {
        return transfers;
    }

    @Override
    public Timeline timeline() {
        return link.timeline();
    }

    @Override
    public InetSocketAddress resolve(String host, int port) throws DnsFailureException {
        if (binding != null && !binding.isOpen()) {
            // No context, no DNS server to ask: the lookup cannot succeed.
            log.info("lookup of {} failed: bearer {} is not open", host, binding.cid());
            throw new DnsFailureException(host);
        }
        if (link.faults().failsLookup()) {
            throw new DnsFailureException(host);
        }
        LinkModel m = link.model();
        if (!m.shapesNothing() && !isLiteral(host)) {
            // A lookup is one round trip to the operator's DNS server. Blocks the caller on the scheduler's clock.
            try {
                long jitter = link.jitterNanos(m.jitter().toNanos());
                sleep(m.roundTrip().plusNanos(jitter));
                link.timeline().record(() -> "dns " + host + ": round trip " + Timeline.ms(m.roundTrip().toNanos())
                        + " + jitter " + Timeline.ms(jitter));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DnsFailureException(host);
            }
        }
        return router.route(host, port);
    }

    /**
     * Waits {@code d} on the scheduler's clock through a scheduled task rather than {@code Scheduler.sleep}, like
     * the sockets do, so a virtual-time test sees a pending task while a lookup waits.
     */
    private void sleep(Duration d) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Scheduler.Cancellable c = link.scheduler().schedule(d, done::countDown);
        try {
            done.await();
        } finally {
            c.cancel();
        }
    }

    static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    @Override
    public SocketFactory socketFactory() {
        return sockets;
    }

    @Override
    public ServerSocketFactory serverSocketFactory() {
        return serverSockets;
    }

    private final class Sockets extends SocketFactory {
        @Override
        public Socket createSocket() {
            return new SimSocket(link, binding);
        }

        /** Given a name, the factory routes it like {@link #resolve} would: a firmware's name never hits real DNS. */
        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(resolve(host, port));
            return s;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            Socket s = createSocket();
            s.bind(new InetSocketAddress(localHost, localPort));
            s.connect(resolve(host, port));
            return s;
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            Socket s = createSocket();
            s.bind(new InetSocketAddress(localAddress, localPort));
            s.connect(new InetSocketAddress(address, port));
            return s;
        }
    }

    private final class ServerSockets extends ServerSocketFactory {
        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new SimServerSocket(link, binding);
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return createServerSocket(port, 50, null);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return createServerSocket(port, backlog, null);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
            ServerSocket s = createServerSocket();
            try {
                s.bind(new InetSocketAddress(ifAddress, port), backlog);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            return s;
        }
    }

    @Override
    public String toString() {
        return binding == null ? "network access (no bearer)" : "network access on bearer " + binding.cid();
    }
}
