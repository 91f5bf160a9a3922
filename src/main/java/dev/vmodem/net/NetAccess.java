package dev.vmodem.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

/**
 * How a modem application reaches the network. Everything an application connects to goes through here, so the
 * simulated DNS, routing, link model and faults apply to all of its traffic.
 *
 * <p>{@link #direct()} is plain loopback/real networking with no simulation, for tests of a single layer.
 */
public interface NetAccess {

    /**
     * Resolves what the firmware dialled ({@code "ftp.example.com"}, {@code "116.228.221.52"}) with the port it
     * asked for, to the real endpoint to connect to.
     *
     * @throws DnsFailureException when the simulated DNS cannot resolve the name (FTP reports this as 62)
     */
    InetSocketAddress resolve(String host, int port) throws DnsFailureException;

    /** Sockets for outgoing connections, shaped by the link model and subject to faults. */
    SocketFactory socketFactory();

    /** Server sockets for incoming connections (active-mode FTP data), shaped the same way. */
    ServerSocketFactory serverSocketFactory();

    /** Where the applications report their file transfers, or null when nobody watches (direct access). */
    default dev.vmodem.transfer.TransferTracker transfers() {
        return null;
    }

    /** Where the network records what it does, with times, or null when nothing records (direct access). */
    default Timeline timeline() {
        return null;
    }

    /** No simulation: real DNS, unshaped sockets. */
    static NetAccess direct() {
        return new NetAccess() {
            @Override
            public InetSocketAddress resolve(String host, int port) throws DnsFailureException {
                InetSocketAddress a = new InetSocketAddress(host, port);
                if (a.isUnresolved()) {
                    throw new DnsFailureException(host);
                }
                return a;
            }

            @Override
            public SocketFactory socketFactory() {
                return SocketFactory.getDefault();
            }

            @Override
            public ServerSocketFactory serverSocketFactory() {
                return ServerSocketFactory.getDefault();
            }
        };
    }

    /** The simulated DNS could not resolve a name. */
    final class DnsFailureException extends IOException {
        public DnsFailureException(String host) {
            super("DNS lookup failed: " + host);
        }
    }
}
