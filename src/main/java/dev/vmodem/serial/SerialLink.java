package dev.vmodem.serial;

import java.io.IOException;

/**
 * The host side of a modem: the only place that knows about ports. A link delivers the bytes the host sends to a
 * {@link SerialReceiver} and writes the modem's bytes back to the host.
 *
 * <p>Implementations: {@code PtyLink} (a pseudo-terminal with a stable symlink), {@code TcpLink} (raw bytes on a
 * TCP port, one client at a time), {@code SerialPortLink} (a real or virtual COM port through jSerialComm) and
 * {@code PipeLink} (in memory, for tests and embedding).
 */
public interface SerialLink extends AutoCloseable {

    /**
     * Starts the link; from now on received bytes go to {@code receiver}, from the link's own reader thread (for
     * {@code PipeLink}, the host's writing thread). Receiver calls never overlap. Once only: a link is not reopened.
     */
    void open(SerialReceiver receiver) throws IOException;

    /**
     * Writes bytes to the host. Blocks while the line cannot take more. What happens to bytes written while no
     * host is attached depends on the transport: a pty and {@code TcpLink} keep a bounded amount for the next host
     * (the pty in the kernel's buffer, the TCP link in its own), and beyond that they are discarded, as a real UART
     * with nothing on the other end would discard them.
     */
    void write(byte[] bytes, int offset, int length) throws IOException;

    /** A short human description, for the start-up banner and logs: "pty /tmp/ttyVMODEM0 (/dev/pts/4)". */
    String description();

    /** Stops the link and releases its resources (file descriptors, sockets, symlinks). Idempotent. */
    @Override
    void close();
}
