package dev.vmodem.net;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real server socket whose accepted connections are {@link SimSocket}s, shaped and faulted like outgoing ones
 * (active-mode FTP data connections arrive here). Closed when the bearer it was opened on goes away.
 */
final class SimServerSocket extends ServerSocket implements Abortable {

    private static final Logger log = LoggerFactory.getLogger(SimServerSocket.class);

    private final Link link;
    private final Binding binding;

    SimServerSocket(Link link, Binding binding) throws IOException {
        super();
        this.link = link;
        this.binding = binding;
        if (binding != null && !binding.bind(this)) {
            super.close();
            throw new NetErrorException("bearer " + binding.cid() + " is not open (it was closed or dropped)");
        }
        link.register(this);
    }

    @Override
    public Socket accept() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (!isBound()) {
            throw new SocketException("Socket is not bound yet");
        }
        SimSocket s = new SimSocket(link, binding);
        implAccept(s);
        try {
            s.opened();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    @Override
    public void abort(String reason) {
        log.info("server socket {} closed: {}", getLocalSocketAddress(), reason);
        try {
            close();
        } catch (IOException e) {
            log.debug("closing server socket", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            link.unregister(this);
            if (binding != null) {
                binding.unbind(this);
            }
        }
    }
}
