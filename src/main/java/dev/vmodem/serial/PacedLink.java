package dev.vmodem.serial;

import dev.vmodem.time.Scheduler;
import dev.vmodem.util.ByteRing;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output pacing: bytes to the host leave no faster than a UART at {@code baud} would carry them (10 bits per byte,
 * {@link UartPacing}). Wraps any link; input is not paced (the host's own UART paces it). Time is the modem's
 * {@link Scheduler}, so tests measure pacing on virtual time.
 *
 * <pre>
 *   new PacedLink(pty, 9600, scheduler)   // a 1460-byte +FTPGET block now takes about 1.5 s to arrive
 * </pre>
 *
 * Like a module's UART, the line shifts bytes out on its own: {@link #write} puts them in a transmit queue of
 * {@value #QUEUE_BYTES} bytes and returns (it waits only while the queue is full), and the link's transmitter thread
 * hands them to the wrapped link in slices of about a millisecond of line time, each when its last byte would have
 * left the line. The engine's lock is therefore never held while the line is busy, and on virtual time the
 * transmitter is one more thread sleeping on the clock: a test drives it like any other (see
 * {@link #isSettled()}). The slices are timed from when the line falls free, not from when the transmitter
 * woke, so a late wake-up on real time does not slow the line down. Bytes still queued when the link closes are
 * dropped, as a module's are when its power goes.
 */
public final class PacedLink implements SerialLink {

    /** The transmit queue's size. */
    public static final int QUEUE_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(PacedLink.class);

    private final SerialLink inner;
    private final int baud;
    private final Scheduler scheduler;
    private final int slice;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ByteRing queue = new ByteRing(QUEUE_BYTES); // guarded by lock
    private boolean busy;           // the transmitter holds a slice (waiting for the line or writing it)
    private volatile boolean onClock; // the transmitter waits for its slice's time on the scheduler's clock
    private boolean closed;         // guarded by lock
    private long written;           // bytes handed to the wrapped link, guarded by lock
    private Thread transmitter;

    /** The link it paces. */
    public SerialLink inner() {
        return inner;
    }

    public PacedLink(SerialLink inner, int baud, Scheduler scheduler) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be > 0: " + baud);
        }
        this.inner = inner;
        this.baud = baud;
        this.scheduler = scheduler;
        this.slice = (int) Math.max(1, UartPacing.bytesIn(Duration.ofMillis(1), baud));
    }

    @Override
    public void open(SerialReceiver receiver) throws IOException {
        inner.open(receiver);
        Thread t = new Thread(this::transmit, "vmodem-uart-" + baud);
        t.setDaemon(true);
        lock.lock();
        try {
            if (closed) {
                return;
            }
            transmitter = t;
        } finally {
            lock.unlock();
        }
        t.start();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        lock.lock();
        try {
            while (length > 0) {
                while (queue.isFull() && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    throw new IOException("link closed: " + inner.description());
                }
                int n = queue.put(bytes, offset, length);
                offset += n;
                length -= n;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void transmit() {
        byte[] out = new byte[slice];
        long lineFree = Long.MIN_VALUE;
        while (true) {
            int n;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                n = queue.take(out, 0, slice);
                busy = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            long now = scheduler.nanoTime();
            long start = lineFree == Long.MIN_VALUE ? now : Math.max(lineFree, now);
            lineFree = start + UartPacing.timeFor(n, baud).toNanos();
            try {
                onClock = true;
                try {
                    scheduler.sleepUntil(lineFree);
                } finally {
                    onClock = false;
                }
                inner.write(out, 0, n);
            } catch (InterruptedException e) {
                return; // closed
            } catch (IOException e) {
                log.debug("write to host failed: {}", e.getMessage());
            } finally {
                lock.lock();
                try {
                    busy = false;
                    written += n;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Whether the line has nothing to do but wait for the clock: the queue is empty and no slice is on its way, or
     * the transmitter is waiting for its slice's time. A driver of virtual time advances the clock only when this
     * holds (and the transmitter is then among the scheduler's sleepers, or idle).
     */
    public boolean isSettled() {
        if (onClock) {
            return true;
        }
        lock.lock();
        try {
            return queue.isEmpty() && !busy;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes queued or on their way to the wrapped link. */
    public int pending() {
        lock.lock();
        try {
            return queue.size() + (busy ? 1 : 0);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes handed to the wrapped link so far. */
    public long written() {
        lock.lock();
        try {
            return written;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits, in real time and at most {@code timeout}, until everything queued has been handed to the wrapped link;
     * returns whether it was. On virtual time the clock must be advanced meanwhile by another thread.
     */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while ((!queue.isEmpty() || busy) && !closed) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return queue.isEmpty() && !busy;
        } finally {
            lock.unlock();
        }
    }

    public int baud() {
        return baud;
    }

    @Override
    public String description() {
        return inner.description() + ", paced at " + baud + " baud";
    }

    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            queue.clear();
            t = transmitter;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        inner.close();
    }
}
