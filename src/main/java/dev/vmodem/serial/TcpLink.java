package dev.vmodem.serial;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The modem's serial line as raw bytes on a TCP port, one client at a time: what QEMU's
 * {@code -serial tcp:127.0.0.1:5555}, Renode's UART socket terminal, socat and netcat connect to. No telnet
 * negotiation: every byte is payload.
 *
 * <pre>
 *   $ vmodem --tcp 5555            (binds 127.0.0.1:5555)
 *   $ nc 127.0.0.1 5555
 *   AT
 *   OK
 *   $ nc 127.0.0.1 5555            (while the first is connected)
 *   vmodem: busy, another client is connected
 * </pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>The address is {@code [HOST:]PORT} ({@link #parseAddress}); without a host it binds 127.0.0.1. Any other
 *       address must be asked for, and binding one that is not loopback logs a warning: whoever reaches it drives
 *       the modem. Port 0 picks a free port; {@link #port()} tells which.</li>
 *   <li>One client at a time. A second client receives {@link #BUSY_MESSAGE} and is closed; the first is not
 *       disturbed. When the client disconnects, {@link SerialReceiver#hostDetached()} is called and the next
 *       client to connect gets {@link SerialReceiver#hostAttached()}. A client that disconnects and reconnects at
 *       once is not refused: pending input of the old connection, including its end, is read before a new
 *       connection is looked at.</li>
 *   <li>One daemon thread, "vmodem-tcp PORT", accepts, reads into a reused 64 KiB buffer and makes every receiver
 *       call, in order: attached, received..., detached. A receiver that throws is logged and the reading goes on.
 *       No receiver calls are made once {@link #close()} has returned (except one already in progress). For a
 *       client that answers quickly it looks for input for up to the spin time (default 200 µs, {@link #spin})
 *       before it sleeps in select(), as {@link QuickHostLook} describes.</li>
 *   <li>{@link #write} may be called from any thread, including from inside the receiver; calls are serialized.
 *       With a client it blocks while the socket cannot take more (the client is not reading: TCP flow control,
 *       like RTS/CTS on a UART), until the client reads, disconnects or the link is closed. TCP_NODELAY is set so
 *       short responses leave at once.</li>
 *   <li>Output with no client is held, as a pty's buffer holds it: bytes written while no client is connected,
 *       and the part of a write the socket had not taken when its client went, wait in order (up to
 *       {@link #HOLD_LIMIT} bytes) and are the first bytes the next client receives. Beyond the limit further
 *       output is discarded, counted and logged, as by a UART with nothing attached. Bytes the socket had
 *       accepted before the client left are gone with that connection: TCP does not say what the peer read.</li>
 * </ul>
 */
public final class TcpLink implements SerialLink {

    /** What a second client receives before it is disconnected. */
    public static final String BUSY_MESSAGE = "vmodem: busy, another client is connected\r\n";

    /** At most this much output is held for the next client while none is connected. */
    public static final int HOLD_LIMIT = 64 * 1024;

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final long CLOSE_JOIN_MILLIS = 2000;
    /** Writers re-check for a departed client or a closed link at least this often while waiting. */
    private static final long WRITE_RECHECK_MILLIS = 250;
    private static final Logger log = LoggerFactory.getLogger(TcpLink.class);

    private enum State { NEW, OPEN, CLOSED }

    private final InetSocketAddress bindAddress;
    private final Object stateLock = new Object();
    private final ReentrantLock writeLock = new ReentrantLock();

    private volatile State state = State.NEW;
    private volatile boolean closing;
    /** The connected client, or null; written only by the I/O thread (and by close()). */
    private volatile SocketChannel client;
    private volatile int boundPort = -1;

    private ServerSocketChannel server;
    private Selector selector;
    /** Writers wait here for OP_WRITE; only writers (under writeLock) select on it. */
    private Selector writeSelector;
    private SelectionKey clientKey;
    private final QuickHostLook look = new QuickHostLook();
    /** "127.0.0.1:40312", for logs; the address is gone once the channel is closed. */
    private volatile String clientName = "nobody";
    private Thread ioThread;
    /** Output waiting for the next client (guarded by writeLock); allocated on first use. */
    private byte[] held;
    private int heldLength;
    /** Output discarded because the held output was full, since the last client attached (writeLock). */
    private long heldDropped;

    /** Listens on {@code bindAddress}; see {@link #parseAddress} for the command-line form. */
    public TcpLink(InetSocketAddress bindAddress) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        if (bindAddress.isUnresolved()) {
            throw new IllegalArgumentException("unresolved bind address: " + bindAddress.getHostString());
        }
    }

    /** Listens on 127.0.0.1:{@code port}; 0 picks a free port. */
    public TcpLink(int port) {
        this(new InetSocketAddress(loopback(), checkPort(port, String.valueOf(port))));
    }

    /** A link for the {@code --tcp [HOST:]PORT} option. */
    public static TcpLink parse(String spec) {
        return new TcpLink(parseAddress(spec));
    }

    /**
     * Parses {@code [HOST:]PORT}: "5555" is 127.0.0.1:5555, "0.0.0.0:5555" every IPv4 interface,
     * "[::1]:5555" an IPv6 address, "localhost:5555" a name resolved now.
     *
     * @throws IllegalArgumentException naming the input, for a malformed spec, a port outside 0-65535 or a
     *                                  host that does not resolve
     */
    public static InetSocketAddress parseAddress(String spec) {
        Objects.requireNonNull(spec, "spec");
        String host;
        String port;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0 || close + 1 >= spec.length() || spec.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("bad TCP address '" + spec + "': expected [IPV6]:PORT");
            }
            host = spec.substring(1, close);
            port = spec.substring(close + 2);
        } else {
            int colon = spec.lastIndexOf(':');
            if (colon >= 0 && spec.indexOf(':') != colon) {
                throw new IllegalArgumentException("bad TCP address '" + spec + "': write IPv6 addresses as [ADDR]:PORT");
            }
            host = colon < 0 ? null : spec.substring(0, colon);
            port = colon < 0 ? spec : spec.substring(colon + 1);
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad TCP address '" + spec + "': port '" + port + "' is not a number");
        }
        checkPort(number, spec);
        if (host == null) {
            return new InetSocketAddress(loopback(), number);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("bad TCP address '" + spec + "': empty host");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), number);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad TCP address '" + spec + "': cannot resolve host '" + host + "'");
        }
    }

    private static int checkPort(int port, String spec) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad TCP address '" + spec + "': port " + port + " is outside 0-65535");
        }
        return port;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * How long the I/O thread looks for the next bytes of a client that answers quickly before it sleeps (0 to 10 ms;
     * zero: it always sleeps at once). Any time, also while open.
     */
    public TcpLink spin(Duration time) {
        look.spin(time, "tcp");
        return this;
    }

    /** How many times the I/O thread found the client's next bytes while it looked for them, instead of sleeping. */
    public long inputsFoundWhileSpinning() {
        return look.found();
    }

    /** The address asked for (port 0 stays 0 here; see {@link #port()}). */
    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    /** The port actually bound; only known once open. */
    public int port() {
        int port = boundPort;
        if (port < 0) {
            throw new IllegalStateException("tcp " + bindAddress + " is not bound: state " + state);
        }
        return port;
    }

    /**
     * Whether a client is connected, as far as the link knows: a client that has gone counts until the link reads
     * the end of its connection, which it does at once unless the receiver is busy.
     */
    public boolean hasClient() {
        return client != null;
    }

    @Override
    public void open(SerialReceiver receiver) throws IOException {
        Objects.requireNonNull(receiver, "receiver");
        synchronized (stateLock) {
            if (state != State.NEW) {
                throw new IllegalStateException("tcp " + bindAddress + " cannot be opened: state " + state);
            }
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                // a restarted emulator must not wait out TIME_WAIT from its previous run
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(bindAddress);
                channel.configureBlocking(false);
                selector = Selector.open();
                writeSelector = Selector.open();
                channel.register(selector, SelectionKey.OP_ACCEPT);
            } catch (IOException e) {
                channel.close();
                closeQuietly(selector);
                closeQuietly(writeSelector);
                throw new IOException("cannot listen on " + hostPort(bindAddress) + ": " + e.getMessage(), e);
            }
            server = channel;
            boundPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            state = State.OPEN;
            ioThread = new Thread(() -> ioLoop(receiver), "vmodem-tcp " + boundPort);
            ioThread.setDaemon(true);
            ioThread.start();
        }
        if (!bindAddress.getAddress().isLoopbackAddress()) {
            log.warn("tcp: listening on {}, which is not a loopback address: anyone who can reach it can drive"
                    + " the modem", hostPort(bindAddress.getAddress(), boundPort));
        } else {
            log.info("tcp: listening on {}", hostPort(bindAddress.getAddress(), boundPort));
        }
    }

    // ---- the I/O thread ---------------------------------------------------------------------------------------

    private void ioLoop(SerialReceiver receiver) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        QuickHostLook.Probe ready = () -> {
            try {
                return selector.selectNow() > 0;
            } catch (IOException e) {
                return true; // select() below reports it
            }
        };
        try {
            while (!closing) {
                boolean slept = clientKey == null || !look.look(ready, () -> closing);
                if (slept) {
                    selector.select();
                }
                if (closing) {
                    break;
                }
                boolean acceptable = false;
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key == clientKey && key.isReadable()) {
                        if (slept) {
                            look.wokenByInput();
                        }
                        readClient(receiver, buffer, false);
                    } else if (key.isAcceptable()) {
                        acceptable = true;
                    }
                }
                selector.selectedKeys().clear();
                if (acceptable) {
                    acceptAll(receiver, buffer);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                log.error("tcp {}: the I/O thread failed; no more clients will be served", boundPort, e);
            }
        } finally {
            SocketChannel last = client;
            client = null;
            closeQuietly(last);
            closeQuietly(server);
            closeQuietly(selector);
        }
    }

    /**
     * Reads what the client sent and delivers it. Reads until the socket is empty when {@code drain} is set
     * (to notice a disconnect before judging a new connection), else at most while buffers come back full.
     */
    private void readClient(SerialReceiver receiver, ByteBuffer buffer, boolean drain) {
        SocketChannel channel = client;
        while (channel != null && !closing) {
            int n;
            try {
                buffer.clear();
                n = channel.read(buffer);
            } catch (IOException e) {
                log.debug("tcp {}: reading from {} failed: {}", boundPort, clientName, e.toString());
                n = -1;
            }
            if (n < 0) {
                detach(receiver, channel);
                return;
            }
            if (n > 0) {
                try {
                    receiver.received(buffer.array(), 0, n);
                } catch (RuntimeException e) {
                    log.error("tcp {}: receiver failed on {} bytes; reading on", boundPort, n, e);
                }
                look.read();
            }
            if (n == 0 || (!drain && n < buffer.capacity())) {
                return;
            }
        }
    }

    private void acceptAll(SerialReceiver receiver, ByteBuffer buffer) throws IOException {
        SocketChannel incoming;
        while (!closing && (incoming = server.accept()) != null) {
            if (client != null) {
                readClient(receiver, buffer, true);
            }
            if (client == null) {
                attach(receiver, incoming);
            } else {
                refuse(incoming);
            }
        }
    }

    private void attach(SerialReceiver receiver, SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            clientKey = channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            log.warn("tcp {}: could not set up client {}: {}", boundPort, remote(channel), e.toString());
            closeQuietly(channel);
            return;
        }
        writeLock.lock();
        try {
            client = channel;
            clientName = remote(channel);
            log.info("tcp {}: client {} connected", boundPort, clientName);
            if (heldDropped > 0) {
                log.warn("tcp {}: {} bytes of output were discarded while no client was connected (more than {}"
                        + " held)", boundPort, heldDropped, HOLD_LIMIT);
                heldDropped = 0;
            }
            flushHeld(channel);
        } finally {
            writeLock.unlock();
        }
        try {
            receiver.hostAttached();
        } catch (RuntimeException e) {
            log.error("tcp {}: receiver failed on hostAttached", boundPort, e);
        }
    }

    private void detach(SerialReceiver receiver, SocketChannel channel) {
        client = null;
        clientKey = null;
        closeQuietly(channel);
        // A channel once registered with the writers' selector keeps its descriptor until that selector runs
        // again; run it now rather than whenever the next write happens to block.
        writeSelector.wakeup();
        try {
            writeSelector.selectNow();
        } catch (IOException | ClosedSelectorException e) {
            log.debug("tcp {}: flushing the write selector failed: {}", boundPort, e.toString());
        }
        log.info("tcp {}: client {} disconnected", boundPort, clientName);
        if (closing) {
            return;
        }
        try {
            receiver.hostDetached();
        } catch (RuntimeException e) {
            log.error("tcp {}: receiver failed on hostDetached", boundPort, e);
        }
    }

    private void refuse(SocketChannel channel) {
        String who = remote(channel);
        try (channel) {
            channel.configureBlocking(true);
            channel.write(ByteBuffer.wrap(BUSY_MESSAGE.getBytes(StandardCharsets.US_ASCII)));
            // FIN after the message, so that the client reads it before it sees the connection end
            channel.shutdownOutput();
        } catch (IOException e) {
            log.debug("tcp {}: telling {} that we are busy failed: {}", boundPort, who, e.toString());
        }
        log.info("tcp {}: refused {}: busy with {}", boundPort, who, clientName);
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return;
        }
        writeLock.lock();
        try {
            if (state != State.OPEN || closing) {
                throw new IOException("tcp " + hostPort(bindAddress) + " is not open (state " + state + "); "
                        + length + " bytes not written");
            }
            SocketChannel channel = client;
            if (channel == null || !flushHeld(channel)) {
                hold(bytes, offset, length);
                return;
            }
            ByteBuffer data = ByteBuffer.wrap(bytes, offset, length);
            if (!send(channel, data)) {
                hold(bytes, data.position(), data.remaining());
            }
            look.wrote();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes all of {@code data} to {@code channel}, waiting while the socket is full; false if the client went
     * away first (what was not sent is left in {@code data}). Under writeLock.
     */
    private boolean send(SocketChannel channel, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            int n;
            try {
                n = channel.write(data);
            } catch (IOException e) {
                log.debug("tcp {}: client {} gone while writing; {} bytes held: {}", boundPort, clientName,
                        data.remaining(), e.toString());
                return false;
            }
            if (n == 0 && !awaitWritable(channel)) {
                log.debug("tcp {}: client {} gone while writing; {} bytes held", boundPort, clientName,
                        data.remaining());
                return false;
            }
        }
        return true;
    }

    /** Sends the held output to {@code channel}; false (and the rest still held) if it went away. Under writeLock. */
    private boolean flushHeld(SocketChannel channel) {
        if (heldLength == 0) {
            return true;
        }
        ByteBuffer data = ByteBuffer.wrap(held, 0, heldLength);
        boolean sent;
        try {
            sent = send(channel, data);
        } catch (IOException e) {
            log.debug("tcp {}: sending held output to {} failed: {}", boundPort, clientName, e.toString());
            sent = false;
        }
        int rest = data.remaining();
        System.arraycopy(held, data.position(), held, 0, rest);
        heldLength = rest;
        if (sent) {
            log.debug("tcp {}: held output sent to {}", boundPort, clientName);
        }
        return sent;
    }

    /** Keeps output for the next client, up to HOLD_LIMIT; the rest is counted as discarded. Under writeLock. */
    private void hold(byte[] bytes, int offset, int length) {
        if (held == null) {
            held = new byte[HOLD_LIMIT];
        }
        int n = Math.min(length, HOLD_LIMIT - heldLength);
        System.arraycopy(bytes, offset, held, heldLength, n);
        heldLength += n;
        if (n < length) {
            if (heldDropped == 0) {
                log.debug("tcp {}: no client and {} bytes held: discarding further output", boundPort, HOLD_LIMIT);
            }
            heldDropped += length - n;
        }
    }

    /** Waits until {@code channel} can take more; false if it went away or the link closed meanwhile. */
    private boolean awaitWritable(SocketChannel channel) throws IOException {
        SelectionKey key;
        try {
            key = channel.keyFor(writeSelector);
            if (key == null) {
                key = channel.register(writeSelector, SelectionKey.OP_WRITE);
            }
        } catch (ClosedChannelException | CancelledKeyException e) {
            return false;
        }
        while (client == channel && !closing) {
            // The timeout bounds the wait should a detach slip in between the check above and this call.
            writeSelector.select(WRITE_RECHECK_MILLIS);
            boolean ready;
            Set<SelectionKey> selected = writeSelector.selectedKeys();
            synchronized (selected) { // detach() runs selectNow on this selector from the I/O thread
                ready = selected.remove(key);
            }
            if (ready) {
                return client == channel && !closing;
            }
        }
        return false;
    }

    // ---- the rest ---------------------------------------------------------------------------------------------

    @Override
    public String description() {
        int port = boundPort;
        String where = port >= 0 ? hostPort(bindAddress.getAddress(), port) : hostPort(bindAddress);
        return "tcp " + where;
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (stateLock) {
            if (state == State.CLOSED) {
                return;
            }
            boolean wasOpen = state == State.OPEN;
            closing = true;
            state = State.CLOSED;
            if (!wasOpen) {
                return;
            }
            thread = ioThread;
        }
        // Closing the sockets here, not only on the I/O thread, frees the port and ends the client's connection
        // even if the receiver is stuck.
        closeQuietly(server);
        closeQuietly(client);
        selector.wakeup();
        writeSelector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeLock.lock();
        try {
            closeQuietly(writeSelector);
        } finally {
            writeLock.unlock();
        }
        log.info("tcp {}: closed", boundPort);
    }

    private static String remote(SocketChannel channel) {
        if (channel == null) {
            return "nobody";
        }
        try {
            SocketAddress address = channel.getRemoteAddress();
            return address instanceof InetSocketAddress inet ? hostPort(inet) : String.valueOf(address);
        } catch (IOException e) {
            return "a client";
        }
    }

    private static String hostPort(InetSocketAddress address) {
        return hostPort(address.getAddress(), address.getPort());
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing {} failed: {}", closeable, e.toString());
        }
    }
}
