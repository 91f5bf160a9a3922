package dev.vmodem.serial;

import com.sun.jna.Memory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pseudo-terminal that host software opens as if it were a serial port, at a stable symlink path.
 *
 * <pre>
 *   PtyLink link = new PtyLink(Path.of("/tmp/ttyVMODEM0"));
 *   link.open(modem);              // creates /dev/pts/N and /tmp/ttyVMODEM0 -&gt; /dev/pts/N
 *
 *   $ picocom -b 115200 /tmp/ttyVMODEM0
 *   AT
 *   OK
 * </pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #open} creates the pty (posix_openpt, grantpt, unlockpt), puts the slave side in raw mode (8N1, no
 *       echo, no CR/LF translation, no signal or flow-control characters, VMIN 1) and points the symlink at the
 *       slave. A symlink already at the path is replaced (a leftover from a crashed run); a regular file, a
 *       directory or anything else that is not a symlink makes {@code open} fail with an IOException that names
 *       it. Linux is tested; macOS is supported by {@link PosixTty} but untested.</li>
 *   <li>The link keeps a slave descriptor open itself, so clients can open and close the path any number of times:
 *       the master never sees a hangup, and the terminal settings survive between clients. A client that changes
 *       them (most serial libraries do on open) keeps its changes after it closes.</li>
 *   <li>A pty cannot tell whether anyone has the slave open, so {@link SerialReceiver#hostAttached()} and
 *       {@link SerialReceiver#hostDetached()} are never called. Bytes written while no client is reading wait in
 *       the kernel's pty buffer (about 10-16 KiB on Linux) and are read by the next client. When that buffer is full,
 *       {@link #write} waits up to the write stall timeout (default 1 s) for the host to read; if it does not,
 *       the unread bytes are discarded (tcflush on the slave, logged once per stall) and writing carries on. A
 *       port that nobody reads therefore behaves like a UART with nothing attached, and never blocks the modem
 *       for longer than the stall timeout per buffer-full.</li>
 *   <li>One daemon thread, "vmodem-pty /dev/pts/N", reads the master into a reused 64 KiB buffer and calls
 *       {@link SerialReceiver#received}; it is the only thread that calls the receiver. It waits with poll() on
 *       the master and a wake pipe, so {@link #close} ends it at once. A receiver that throws is logged and the
 *       reading goes on.</li>
 *   <li>When the host answered the modem's last output within the spin time (default 200 µs, {@link #spin}), the
 *       reader looks for its next bytes (FIONREAD, Linux) for up to that long before it sleeps in poll(), as
 *       {@link QuickHostLook} describes. A pty exchange already pays for a kernel worker in each direction;
 *       FIONREAD, unlike read() and poll(), never waits for that worker.</li>
 *   <li>{@link #write} may be called from any thread; calls are serialized. It loops over partial writes and
 *       EINTR/EAGAIN; after {@link #close} it throws.</li>
 *   <li>{@link #close} removes the symlink if it still points at this link's slave, stops the reader and closes
 *       the descriptors. If the receiver is busy for more than 2 s the descriptors are closed by the reader
 *       thread when the receiver returns.</li>
 * </ul>
 */
public final class PtyLink implements SerialLink {

    /** The path the command line uses when none is given. */
    public static final Path DEFAULT_PATH = Path.of("/tmp/ttyVMODEM0");
    /** How long a write waits for a host that does not read before unread output is discarded. */
    public static final Duration DEFAULT_WRITE_STALL_TIMEOUT = Duration.ofSeconds(1);

    /** How long the reader looks for a quick host's next bytes before it sleeps, unless {@link #spin} says else. */
    public static final Duration DEFAULT_SPIN = QuickHostLook.DEFAULT;
    /** The longest spin time {@link #spin} (and {@link TcpLink#spin}) takes. */
    public static final Duration MAX_SPIN = QuickHostLook.MAX;

    static final int BUFFER_SIZE = 64 * 1024;
    private static final long CLOSE_JOIN_MILLIS = 2000;
    private static final AtomicInteger TEMP_LINK_SEQUENCE = new AtomicInteger();
    private static final Logger log = LoggerFactory.getLogger(PtyLink.class);

    private enum State { NEW, OPEN, CLOSED }

    private final Path linkPath;
    private final int writeStallMillis;
    private final Object stateLock = new Object();
    /** Serializes writers, and keeps the descriptors from being closed under a write in progress. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean released = new AtomicBoolean();

    private volatile State state = State.NEW;
    /** Set before anything is torn down; threads check it before touching a descriptor again. */
    private volatile boolean closing;
    /** Reset by host input, so a port nobody reads logs one warning, not one per buffer-full. */
    private volatile boolean stallReported;
    private final QuickHostLook look = new QuickHostLook();

    private PosixTty tty;
    private int masterFd = -1;
    private int slaveFd = -1;
    private int wakeReadFd = -1;
    private int wakeWriteFd = -1;
    private Path slavePath;
    private Memory readBuffer;
    private Memory writeBuffer;
    private PosixTty.Waiter writeWaiter;
    private Thread reader;

    /** A pty at {@code linkPath} with the default write stall timeout. */
    public PtyLink(Path linkPath) {
        this(linkPath, DEFAULT_WRITE_STALL_TIMEOUT);
    }

    /**
     * A pty at {@code linkPath}; {@code writeStallTimeout} (1 ms to 1 day) is how long a write waits for a host that
     * does not read before unread output is discarded.
     */
    public PtyLink(Path linkPath, Duration writeStallTimeout) {
        this.linkPath = Objects.requireNonNull(linkPath, "linkPath");
        long millis = writeStallTimeout.toMillis();
        if (millis < 1 || millis > Duration.ofDays(1).toMillis()) {
            throw new IllegalArgumentException("write stall timeout out of range: " + writeStallTimeout
                    + " (1 ms to 1 day)");
        }
        this.writeStallMillis = (int) millis;
    }

    /**
     * How long the reader looks for the next bytes of a host that answers quickly before it sleeps (0 to 10 ms; zero:
     * it always sleeps at once). Any time, also while open.
     */
    public PtyLink spin(Duration time) {
        look.spin(time, "pty");
        return this;
    }

    /** How many times the reader found the host's next bytes while it looked for them, instead of sleeping. */
    public long inputsFoundWhileSpinning() {
        return look.found();
    }

    /** The stable path clients open: the symlink. */
    public Path linkPath() {
        return linkPath;
    }

    /** The real slave device, e.g. /dev/pts/4. */
    public Path slavePath() {
        Path path = slavePath;
        if (path == null) {
            throw new IllegalStateException("pty " + linkPath + " has no slave device yet: state " + state);
        }
        return path;
    }

    @Override
    public void open(SerialReceiver receiver) throws IOException {
        Objects.requireNonNull(receiver, "receiver");
        synchronized (stateLock) {
            if (state != State.NEW) {
                throw new IllegalStateException("pty " + linkPath + " cannot be opened: state " + state);
            }
            checkLinkPathIsReplaceable();
            PosixTty posix = PosixTty.current();
            int master = -1;
            int slave = -1;
            int[] wake = null;
            try {
                master = posix.openMaster();
                String slaveName = posix.ptsname(master);
                slave = posix.openTty(slaveName);
                posix.makeRaw(slave, slaveName);
                wake = posix.pipe();
                installSymlink(Path.of(slaveName));
                this.tty = posix;
                this.masterFd = master;
                this.slaveFd = slave;
                this.wakeReadFd = wake[0];
                this.wakeWriteFd = wake[1];
                this.slavePath = Path.of(slaveName);
            } catch (IOException | RuntimeException | LinkageError e) {
                posix.close(master);
                posix.close(slave);
                if (wake != null) {
                    posix.close(wake[0]);
                    posix.close(wake[1]);
                }
                if (e instanceof LinkageError) {
                    throw new IOException("cannot call libc through JNA for pty " + linkPath + ": " + e, e);
                }
                throw e;
            }
            readBuffer = new Memory(BUFFER_SIZE);
            writeBuffer = new Memory(BUFFER_SIZE);
            writeWaiter = tty.newWaiter();
            state = State.OPEN;
            reader = new Thread(() -> readLoop(receiver), "vmodem-pty " + slavePath);
            reader.setDaemon(true);
            reader.start();
        }
        log.info("pty {} -> {} open", linkPath, slavePath);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return;
        }
        writeLock.lock();
        try {
            if (state != State.OPEN || closing) {
                throw new IOException("pty " + linkPath + " is not open (state " + state + "); "
                        + length + " bytes not written");
            }
            int position = offset;
            int remaining = length;
            while (remaining > 0) {
                int chunk = Math.min(remaining, BUFFER_SIZE);
                writeBuffer.write(0, bytes, position, chunk);
                writeChunk(chunk, remaining);
                position += chunk;
                remaining -= chunk;
            }
            look.wrote();
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes writeBuffer[0, chunk) to the master, however many calls that takes. */
    private void writeChunk(int chunk, int remaining) throws IOException {
        int done = 0;
        while (done < chunk) {
            long n = tty.write(masterFd, done == 0 ? writeBuffer : writeBuffer.share(done), chunk - done);
            if (n > 0) {
                done += (int) n;
            } else if (n == 0 || n == -tty.eagain) {
                awaitWritable(remaining - done);
            } else if (n != -PosixTty.EINTR) {
                throw new IOException("writing " + (chunk - done) + " bytes to the pty master of " + slavePath
                        + " failed: " + PosixTty.describe((int) -n));
            }
        }
    }

    private void awaitWritable(int pending) throws IOException {
        PosixTty.Wait wait = writeWaiter.await(masterFd, true, wakeReadFd, writeStallMillis);
        if (wait == PosixTty.Wait.WOKEN) {
            throw new IOException("pty " + linkPath + " closed during a write; " + pending + " bytes not written");
        }
        if (wait == PosixTty.Wait.TIMEOUT) {
            // Nobody has read for a whole stall timeout: most likely no client has the port open. Drop what is
            // queued rather than block the modem; the newest output is what a client arriving later wants.
            tty.flushInput(slaveFd);
            if (!stallReported) {
                stallReported = true;
                log.warn("pty {} ({}): the host has not read for {} ms; discarding its unread output and continuing"
                        + " ({} bytes of this write pending). Is anything connected?",
                        linkPath, slavePath, writeStallMillis, pending);
            } else {
                log.debug("pty {}: still nobody reading; discarded unread output again", linkPath);
            }
        }
    }

    private void readLoop(SerialReceiver receiver) {
        PosixTty.Waiter waiter = tty.newWaiter();
        byte[] array = new byte[BUFFER_SIZE];
        Memory count = tty.countsInput() ? new Memory(4) : null;
        QuickHostLook.Probe queued = () -> tty.queued(masterFd, count) != 0;
        try {
            while (!closing) {
                long n = tty.read(masterFd, readBuffer, BUFFER_SIZE);
                if (n > 0) {
                    readBuffer.read(0, array, 0, (int) n);
                    if (stallReported) {
                        stallReported = false;
                    }
                    deliver(receiver, array, (int) n);
                    look.read();
                } else if (n == -tty.eagain) {
                    // FIONREAD, unlike read() and poll(), never waits for the pty's kernel worker
                    if (count != null && look.look(queued, () -> closing)) {
                        continue;
                    }
                    if (waiter.await(masterFd, false, wakeReadFd, -1) == PosixTty.Wait.WOKEN) {
                        break;
                    }
                    look.wokenByInput();
                } else if (n != -PosixTty.EINTR) {
                    // EOF or EIO means the slave side hung up, which cannot happen while we hold it open; reading
                    // again would only spin on the same error.
                    if (!closing) {
                        log.error("pty {}: reading the master of {} failed ({}); no more input will be received",
                                linkPath, slavePath, n == 0 ? "end of file" : PosixTty.describe((int) -n));
                    }
                    break;
                }
            }
        } catch (IOException e) {
            if (!closing) {
                log.error("pty {}: waiting for input failed; no more input will be received", linkPath, e);
            }
        } finally {
            if (closing) {
                release();
            }
        }
    }

    private void deliver(SerialReceiver receiver, byte[] array, int length) {
        try {
            receiver.received(array, 0, length);
        } catch (RuntimeException e) {
            log.error("pty {}: receiver failed on {} bytes; reading on", linkPath, length, e);
        }
    }

    @Override
    public String description() {
        Path slave = slavePath;
        return "pty " + linkPath + " (" + (slave != null ? slave : "not open") + ")";
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
        removeSymlink();
        wake();
        if (Thread.currentThread() != readerThread) {
            try {
                readerThread.join(CLOSE_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!readerThread.isAlive()) {
            release();
        } else if (Thread.currentThread() != readerThread) {
            // Closing the descriptors under a reader that is about to use them could hit a reused descriptor
            // number; the reader releases them itself once the receiver returns (as it does when the receiver
            // itself calls close).
            log.warn("pty {}: receiver still busy after {} ms; descriptors are closed when it returns",
                    linkPath, CLOSE_JOIN_MILLIS);
        }
        log.info("pty {} -> {} closed", linkPath, slavePath);
    }

    private void wake() {
        try (Memory one = new Memory(1)) {
            one.setByte(0, (byte) 1);
            tty.write(wakeWriteFd, one, 1);
        }
    }

    private void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        writeLock.lock();
        try {
            tty.close(masterFd);
            tty.close(slaveFd);
            tty.close(wakeReadFd);
            tty.close(wakeWriteFd);
            readBuffer.close();
            writeBuffer.close();
        } finally {
            writeLock.unlock();
        }
    }

    // ---- the symlink ------------------------------------------------------------------------------------------

    private void checkLinkPathIsReplaceable() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(linkPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isSymbolicLink()) {
            String kind = attributes.isDirectory() ? "a directory"
                    : attributes.isRegularFile() ? "a regular file" : "a special file";
            throw new IOException("refusing to replace " + linkPath + " with the pty symlink: it is " + kind
                    + ", not a symlink; remove it or choose another path");
        }
    }

    private void installSymlink(Path target) throws IOException {
        if (Files.isSymbolicLink(linkPath)) {
            Path old = Files.readSymbolicLink(linkPath);
            if (Files.exists(linkPath)) {
                log.warn("replacing symlink {} -> {}, whose target still exists; is another vmodem using it?",
                        linkPath, old);
            } else {
                log.info("replacing stale symlink {} -> {}", linkPath, old);
            }
        }
        // Create beside the final name and rename over it: the path never disappears, and an old symlink is
        // replaced atomically. rename() refuses to put a symlink over a directory.
        Path temp = linkPath.resolveSibling("." + linkPath.getFileName() + "." + ProcessHandle.current().pid()
                + "." + TEMP_LINK_SEQUENCE.incrementAndGet() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, target);
            Files.move(temp, linkPath, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original failure is the one worth reporting
            }
            throw new IOException("cannot create the pty symlink " + linkPath + " -> " + target + ": " + e, e);
        }
    }

    private void removeSymlink() {
        try {
            if (Files.isSymbolicLink(linkPath) && Files.readSymbolicLink(linkPath).equals(slavePath)) {
                Files.delete(linkPath);
            } else if (Files.exists(linkPath, LinkOption.NOFOLLOW_LINKS)) {
                log.info("pty {}: left in place, it no longer points at {}", linkPath, slavePath);
            }
        } catch (NoSuchFileException e) {
            // someone removed it already
        } catch (IOException e) {
            log.warn("pty {}: could not remove the symlink: {}", linkPath, e.toString());
        }
    }
}
