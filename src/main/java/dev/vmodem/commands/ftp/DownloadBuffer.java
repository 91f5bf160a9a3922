package dev.vmodem.commands.ftp;

/**
 * The bounded buffer between a download worker and AT+FTPGET=2 / AT+FTPLIST=2: a ring of fixed capacity. The worker's
 * {@link #put} blocks while the buffer is full (backpressure: TCP then holds the server back, so a 10 MB file never
 * sits in memory); the AT side's {@link #take} never blocks. {@link #close()} wakes a blocked worker, whose put then
 * fails with {@link Closed}.
 */
final class DownloadBuffer {

    /** The buffer was closed (the session ended) while the worker wanted to put. */
    static final class Closed extends Exception {
        Closed() {
            super("download buffer closed", null, false, false);
        }
    }

    private final byte[] ring;
    private int head;
    private int size;
    private boolean closed;

    DownloadBuffer(int capacity) {
        this.ring = new byte[capacity];
    }

    /**
     * Puts as many of the {@code len} bytes as fit, waiting while the buffer is full; returns how many were put (at
     * least one). The caller tells the AT side after each call, outside this monitor.
     */
    synchronized int putSome(byte[] b, int off, int len) throws Closed {
        while (size == ring.length && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Closed();
            }
        }
        if (closed) {
            throw new Closed();
        }
        int done = 0;
        while (done < len && size < ring.length) {
            int tail = (head + size) % ring.length;
            int n = Math.min(len - done, Math.min(ring.length - size, ring.length - tail));
            System.arraycopy(b, off + done, ring, tail, n);
            size += n;
            done += n;
        }
        return done;
    }

    /** Takes up to {@code max} bytes, without waiting; an empty array when nothing is there. */
    synchronized byte[] take(int max) {
        int n = Math.min(max, size);
        byte[] out = new byte[n];
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, out, 0, first);
        System.arraycopy(ring, 0, out, first, n - first);
        head = (head + n) % ring.length;
        size -= n;
        if (n > 0) {
            notifyAll();
        }
        return out;
    }

    synchronized int available() {
        return size;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
