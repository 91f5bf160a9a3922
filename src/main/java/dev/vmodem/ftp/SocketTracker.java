package dev.vmodem.ftp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

/**
 * Remembers every raw socket and server socket a session opens, so that {@link #closeAll()} can be called from any
 * thread to unblock whatever the session's own thread is blocked in (connect, accept, read, write, a TLS
 * handshake). Closing the raw TCP socket, under any TLS layer, is what reliably wakes a blocked reader.
 *
 * <p>Sockets created after {@link #closeAll()} are closed at once.
 */
final class SocketTracker {

    private final Set<Closeable> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    SocketFactory wrap(SocketFactory delegate) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                return track(delegate.createSocket());
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return track(delegate.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
                    throws IOException {
                return track(delegate.createSocket(host, port, localHost, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return track(delegate.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                return track(delegate.createSocket(address, port, localAddress, localPort));
            }
        };
    }

    ServerSocketFactory wrap(ServerSocketFactory delegate) {
        return new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return track(delegate.createServerSocket());
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                return track(delegate.createServerSocket(port));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                return track(delegate.createServerSocket(port, backlog));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
                return track(delegate.createServerSocket(port, backlog, ifAddress));
            }
        };
    }

    <T extends Closeable> T track(T socket) {
        // drop what is closed already, so a long session does not collect one entry per transfer
        live.removeIf(SocketTracker::isClosed);
        live.add(socket);
        if (closed) {
            closeQuietly(socket);
        }
        return socket;
    }

    /** Closes every tracked socket, now and from now on. Safe from any thread, any number of times. */
    void closeAll() {
        closed = true;
        for (Closeable c : live) {
            closeQuietly(c);
        }
    }

    boolean isClosed() {
        return closed;
    }

    int liveCount() {
        live.removeIf(SocketTracker::isClosed);
        return live.size();
    }

    private static boolean isClosed(Closeable c) {
        if (c instanceof Socket s) {
            return s.isClosed();
        }
        if (c instanceof ServerSocket s) {
            return s.isClosed();
        }
        return false;
    }

    static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // closing to unblock or to clean up: there is nothing useful to do with a failure
        }
    }
}
