package dev.vmodem.serial;

import dev.vmodem.util.ByteRing;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory serial line, for tests and for embedding a modem in a JVM. The modem holds this as its
 * {@link SerialLink}; the host side is {@link #hostOutput()} (bytes to the modem) and {@link #hostInput()},
 * {@link #takeWritten()}, {@link #awaitWritten} (bytes from the modem).
 *
 * <pre>
 *   PipeLink pipe = new PipeLink();
 *   modem.start(pipe);                                  // calls pipe.open(receiver)
 *   pipe.hostOutput().write("AT\r".getBytes(US_ASCII)); // delivered before write returns
 *   pipe.takeWritten();                                 // "AT\r\r\nOK\r\n", if the modem answers at once
 * </pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>Host to modem: {@code hostOutput().write} calls {@link SerialReceiver#received} on the calling thread and
 *       returns when it has returned, so whatever the modem answers synchronously is already in the buffer
 *       afterwards; no extra thread, nothing to wait for. Concurrent host writers are serialized. An exception
 *       from the receiver reaches the host's {@code write} unchanged. There is no buffer in this direction.
 *       Writing before {@link #open} or after {@link #close} throws IOException.</li>
 *   <li>Modem to host: a buffer of {@link #capacity()} bytes (default {@value #DEFAULT_CAPACITY}). A modem write
 *       that does not fit blocks until the host reads, like a pipe, or until the link is closed (IOException).
 *       One exception, to turn a deadlock into an error: a modem write made on a thread that is delivering host
 *       bytes (the modem echoing or answering from inside {@code received}) cannot wait for the host, since the
 *       host is that thread; if it does not fit it fails at once with an IOException that gives the sizes, after
 *       writing what fits. Read between host writes, or use a larger capacity.</li>
 *   <li>{@link #hostInput()} blocks until bytes arrive and reports end of stream once the link is closed and
 *       the buffer drained; {@link #takeWritten()} never blocks. Closing the streams themselves does nothing.</li>
 *   <li>{@link SerialReceiver#hostAttached()} and {@link SerialReceiver#hostDetached()} are never called.</li>
 * </ul>
 */
public final class PipeLink implements SerialLink {

    public static final int DEFAULT_CAPACITY = 64 * 1024;

    private enum State { NEW, OPEN, CLOSED }

    private final int capacity;
    /** Guards the buffer and the state. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    /** Serializes host writers, so the receiver never sees two calls at once. */
    private final ReentrantLock deliverLock = new ReentrantLock();

    private final ByteRing buffer;
    private State state = State.NEW;
    private SerialReceiver receiver;
    /** The host thread inside receiver.received, if any: a modem write on it must not wait for the host. */
    private volatile Thread delivering;

    private final OutputStream hostOutput = new HostOutput();
    private final InputStream hostInput = new HostInput();

    /** A pipe whose modem-to-host buffer holds {@value #DEFAULT_CAPACITY} bytes. */
    public PipeLink() {
        this(DEFAULT_CAPACITY);
    }

    /** A pipe whose modem-to-host buffer holds {@code capacity} bytes (at least 1). */
    public PipeLink(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pipe capacity must be at least 1 byte: " + capacity);
        }
        this.capacity = capacity;
        this.buffer = new ByteRing(capacity);
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public void open(SerialReceiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        lock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("pipe cannot be opened: state " + state);
            }
            this.receiver = receiver;
            state = State.OPEN;
        } finally {
            lock.unlock();
        }
    }

    // ---- modem side -------------------------------------------------------------------------------------------

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        lock.lock();
        try {
            int position = offset;
            int remaining = length;
            while (remaining > 0) {
                if (state != State.OPEN) {
                    throw new IOException("pipe is not open (state " + state + "); " + remaining + " of " + length
                            + " bytes not written");
                }
                if (buffer.isFull()) {
                    if (delivering == Thread.currentThread()) {
                        throw new IOException("pipe buffer full (" + capacity + " bytes) during delivery of host"
                                + " bytes on this thread, which is the host and so cannot read it; " + remaining
                                + " of " + length + " bytes not written");
                    }
                    awaitUninterruptibly(notFull, remaining, length);
                    continue;
                }
                int chunk = buffer.put(bytes, position, remaining);
                position += chunk;
                remaining -= chunk;
                notEmpty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitUninterruptibly(Condition condition, int remaining, int length) throws InterruptedIOException {
        try {
            condition.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException failure = new InterruptedIOException(
                    "interrupted waiting for the host to read; " + remaining + " of " + length + " bytes not written");
            failure.bytesTransferred = length - remaining;
            throw failure;
        }
    }

    // ---- host side --------------------------------------------------------------------------------------------

    /** Bytes written here go to the modem's receiver, on the writing thread, before {@code write} returns. */
    public OutputStream hostOutput() {
        return hostOutput;
    }

    /** What the modem wrote: blocking reads; end of stream after {@link #close} once drained. */
    public InputStream hostInput() {
        return hostInput;
    }

    /** Everything the modem wrote and the host has not read yet; empty if nothing. Never blocks. */
    public byte[] takeWritten() {
        lock.lock();
        try {
            return take(buffer.size());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Exactly the next {@code count} bytes the modem writes, waiting up to {@code timeout} for them.
     *
     * @throws InterruptedIOException if they do not all arrive in time (the bytes stay in the buffer)
     * @throws EOFException           if the link is closed before they all arrive
     */
    public byte[] awaitWritten(int count, Duration timeout) throws IOException {
        if (count < 0 || count > capacity) {
            throw new IllegalArgumentException("cannot wait for " + count + " bytes: the pipe holds 0 to " + capacity);
        }
        long left = timeout.toNanos();
        lock.lock();
        try {
            for (int held = buffer.size(); held < count; held = buffer.size()) {
                if (state == State.CLOSED) {
                    throw new EOFException("pipe closed with " + held + " of " + count + " awaited bytes written");
                }
                if (left <= 0) {
                    throw new InterruptedIOException("timed out after " + timeout + " with " + held + " of " + count
                            + " awaited bytes written");
                }
                try {
                    left = notEmpty.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted with " + held + " of " + count + " awaited bytes");
                }
            }
            return take(count);
        } finally {
            lock.unlock();
        }
    }

    /** Removes up to {@code count} buffered bytes; the caller holds the lock. */
    private byte[] take(int count) {
        byte[] out = buffer.take(count);
        if (out.length > 0) {
            notFull.signalAll();
        }
        return out;
    }

    private final class HostOutput extends OutputStream {
        private final byte[] one = new byte[1];

        @Override
        public void write(int b) throws IOException {
            deliverLock.lock();
            try {
                one[0] = (byte) b;
                deliver(one, 0, 1);
            } finally {
                deliverLock.unlock();
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            deliverLock.lock();
            try {
                deliver(bytes, offset, length);
            } finally {
                deliverLock.unlock();
            }
        }

        private void deliver(byte[] bytes, int offset, int length) throws IOException {
            SerialReceiver target;
            lock.lock();
            try {
                if (state != State.OPEN) {
                    throw new IOException("pipe is not open (state " + state + "); " + length
                            + " host bytes not delivered");
                }
                target = receiver;
            } finally {
                lock.unlock();
            }
            if (length == 0) {
                return;
            }
            delivering = Thread.currentThread();
            try {
                target.received(bytes, offset, length);
            } finally {
                delivering = null;
            }
        }
    }

    private final class HostInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, into.length);
            if (length == 0) {
                return 0;
            }
            lock.lock();
            try {
                while (buffer.isEmpty()) {
                    if (state == State.CLOSED) {
                        return -1;
                    }
                    try {
                        notEmpty.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted waiting for modem output");
                    }
                }
                int count = buffer.take(into, offset, length);
                notFull.signalAll();
                return count;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return buffer.size();
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- the rest ---------------------------------------------------------------------------------------------

    @Override
    public String description() {
        return "pipe (in memory, " + capacity + "-byte buffer)";
    }

    /** Closes the line: blocked modem writers fail, host reads drain what is left and then see end of stream. */
    @Override
    public void close() {
        lock.lock();
        try {
            state = State.CLOSED;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
