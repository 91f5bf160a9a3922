package dev.vmodem.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real or virtual COM port, opened through jSerialComm: a USB-UART wired to a board, one end of a socat pty pair
 * or of a com0com pair. The modem sits on this end; the host firmware is on the other.
 *
 * <pre>
 *   $ socat -d -d pty,raw,echo=0,link=/tmp/modem pty,raw,echo=0,link=/tmp/host &amp;
 *   $ vmodem --serial /tmp/modem          (jSerialComm follows the symlink)
 *   $ picocom -b 115200 /tmp/host
 *   AT
 *   OK
 * </pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #open} configures the port as {@code baudRate} 8N1 (default 115200), no flow control, raw, and
 *       fails with an IOException naming the port and the OS error if it cannot be opened (missing, busy, no
 *       permission). jSerialComm takes an exclusive lock (flock), so two links cannot share a port.</li>
 *   <li>One daemon thread, "vmodem-serial PATH", reads into a reused 64 KiB buffer and is the only thread that
 *       calls the receiver. Each read returns as soon as any byte arrives, or after 500 ms of silence, when the
 *       thread checks whether the link is closing. If the port fails (a USB-UART unplugged, the other end of a pty
 *       pair gone), the thread logs it, calls {@link SerialReceiver#hostDetached()} and ends; the link does not
 *       reopen the port. {@link SerialReceiver#hostAttached()} is never called: there is no reliable signal for it
 *       on ptys, and real UARTs often leave DSR/DCD unwired.</li>
 *   <li>{@link #write} may be called from any thread; calls are serialized and loop until everything is written.
 *       It blocks while the driver's buffer is full (a UART drains it at the baud rate). A failing port makes it
 *       throw; so does a closed link.</li>
 *   <li>{@link #close} closes the port, which also wakes the reader, and waits up to 2 s for the reader to end.</li>
 * </ul>
 *
 * <p>jSerialComm unpacks its native library into {@code java.io.tmpdir} on first use.
 */
public final class SerialPortLink implements SerialLink {

    public static final int DEFAULT_BAUD_RATE = 115200;

    private static final int BUFFER_SIZE = 64 * 1024;
    /** jSerialComm turns this into VTIME, in tenths of a second: it must be at least 100 ms or reads spin. */
    private static final int READ_TIMEOUT_MILLIS = 500;
    private static final long CLOSE_JOIN_MILLIS = 2000;
    private static final Logger log = LoggerFactory.getLogger(SerialPortLink.class);

    private enum State { NEW, OPEN, CLOSED }

    private final String portPath;
    private final int baudRate;
    private final Object stateLock = new Object();
    private final ReentrantLock writeLock = new ReentrantLock();

    private volatile State state = State.NEW;
    private volatile boolean closing;
    private SerialPort port;
    private Thread reader;

    /** The port at {@code portPath} (a device such as /dev/ttyUSB0 or COM3, or a symlink to one) at 115200 8N1. */
    public SerialPortLink(String portPath) {
        this(portPath, DEFAULT_BAUD_RATE);
    }

    /** The port at {@code portPath} at {@code baudRate} 8N1, no flow control. */
    public SerialPortLink(String portPath, int baudRate) {
        this.portPath = Objects.requireNonNull(portPath, "portPath");
        if (portPath.isEmpty()) {
            throw new IllegalArgumentException("empty serial port path");
        }
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baud rate must be positive: " + baudRate);
        }
        this.baudRate = baudRate;
    }

    public String portPath() {
        return portPath;
    }

    public int baudRate() {
        return baudRate;
    }

    @Override
    public void open(SerialReceiver receiver) throws IOException {
        Objects.requireNonNull(receiver, "receiver");
        synchronized (stateLock) {
            if (state != State.NEW) {
                throw new IllegalStateException("serial " + portPath + " cannot be opened: state " + state);
            }
            SerialPort candidate;
            try {
                candidate = SerialPort.getCommPort(portPath);
            } catch (SerialPortInvalidPortException e) {
                throw new IOException("no serial port " + portPath + ": " + e.getMessage(), e);
            }
            candidate.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            candidate.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
            candidate.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MILLIS, 0);
            if (!candidate.openPort()) {
                throw new IOException("cannot open serial port " + portPath + ": " + lastError(candidate));
            }
            port = candidate;
            state = State.OPEN;
            reader = new Thread(() -> readLoop(receiver), "vmodem-serial " + portPath);
            reader.setDaemon(true);
            reader.start();
        }
        log.info("serial {} open at {} 8N1", portPath, baudRate);
    }

    private void readLoop(SerialReceiver receiver) {
        byte[] buffer = new byte[BUFFER_SIZE];
        while (!closing) {
            int n = port.readBytes(buffer, buffer.length);
            if (n > 0) {
                try {
                    receiver.received(buffer, 0, n);
                } catch (RuntimeException e) {
                    log.error("serial {}: receiver failed on {} bytes; reading on", portPath, n, e);
                }
            } else if (n < 0) {
                if (closing) {
                    return;
                }
                log.error("serial {}: reading failed ({}); the port is gone, no more input will be received",
                        portPath, lastError(port));
                try {
                    receiver.hostDetached();
                } catch (RuntimeException e) {
                    log.error("serial {}: receiver failed on hostDetached", portPath, e);
                }
                return;
            }
            // n == 0: half a second without input; look at the closing flag and read again
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        writeLock.lock();
        try {
            if (state != State.OPEN || closing) {
                throw new IOException("serial " + portPath + " is not open (state " + state + "); "
                        + length + " bytes not written");
            }
            int done = 0;
            while (done < length) {
                int n = port.writeBytes(bytes, length - done, offset + done);
                if (n < 0) {
                    throw new IOException("writing " + (length - done) + " bytes to serial port " + portPath
                            + " failed: " + lastError(port));
                }
                done += n;
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String description() {
        return "serial " + portPath + " at " + baudRate + " 8N1";
    }

    @Override
    public void close() {
        Thread readerThread;
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
            readerThread = reader;
        }
        // closePort switches the descriptor to non-blocking first, which returns a read in progress at once.
        if (!port.closePort()) {
            log.warn("serial {}: closing failed: {}", portPath, lastError(port));
        }
        if (Thread.currentThread() != readerThread) {
            try {
                readerThread.join(CLOSE_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (readerThread.isAlive()) {
                log.warn("serial {}: reader still busy {} ms after close", portPath, CLOSE_JOIN_MILLIS);
            }
        }
        log.info("serial {} closed", portPath);
    }

    /** jSerialComm's error code is errno on Linux and macOS, GetLastError() on Windows. */
    private static String lastError(SerialPort port) {
        int code = port.getLastErrorCode();
        String text = Platform.isWindows() ? "error " + code : PosixTty.describe(code);
        return text + ", at jSerialComm native line " + port.getLastErrorLocation();
    }
}
