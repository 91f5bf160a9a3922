package dev.vmodem.commands.multitech;

/**
 * A bounded byte pipe between the serial reader (the writer: the host's decoded upload data) and the FTP worker
 * (the reader: it pushes the bytes to the server). A full pipe blocks the writer, which holds back the serial
 * reader, so the host's own flow control (or the pty's buffer) paces a big upload: at most {@link #capacity()}
 * bytes of it are ever held here.
 *
 * <p>States: writing, then {@link #close() closed} by the writer at the end of the data (the bare ETX). The reader
 * may {@link #discard()} (the upload failed: later writes are dropped without blocking, so the host can finish
 * sending up to its ETX); either side may {@link #abort()} (the host went away, the modem was reset): every wait
 * ends and reads report the end.
 */
final class UploadPipe {

    private final byte[] buf;
    private int head;   // next byte to read
    private int size;
    private boolean closed;
    private boolean discarding;
    private boolean aborted;

    UploadPipe(int capacity) {
        this.buf = new byte[capacity];
    }

    int capacity() {
        return buf.length;
    }

    /** Writes all of {@code b[off, off+len)}, waiting while the pipe is full; drops it when discarding or aborted. */
    synchronized void write(byte[] b, int off, int len) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("state: CLOSED");
        }
        while (len > 0) {
            if (discarding || aborted) {
                return;
            }
            if (size == buf.length) {
                wait();
                continue;
            }
            int tail = (head + size) % buf.length;
            int n = Math.min(len, Math.min(buf.length - size, buf.length - tail));
            System.arraycopy(b, off, buf, tail, n);
            size += n;
            off += n;
            len -= n;
            notifyAll();
        }
    }

    /** The writer's end of data. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /**
     * Reads up to {@code len} bytes, waiting for at least one; -1 once the pipe is closed and empty, or aborted.
     */
    synchronized int read(byte[] b, int off, int len) throws InterruptedException {
        while (size == 0 && !closed && !aborted) {
            wait();
        }
        if (aborted || size == 0) {
            return -1;
        }
        int n = Math.min(len, Math.min(size, buf.length - head));
        System.arraycopy(buf, head, b, off, n);
        head = (head + n) % buf.length;
        size -= n;
        notifyAll();
        return n;
    }

    /** The reader gives up: what is held and what comes later is dropped, and the writer never waits again. */
    synchronized void discard() {
        discarding = true;
        size = 0;
        notifyAll();
    }

    /** Waits until the writer closed the pipe or it was aborted; returns whether it was closed normally. */
    synchronized boolean awaitClose() throws InterruptedException {
        while (!closed && !aborted) {
            wait();
        }
        return !aborted;
    }

    synchronized void abort() {
        aborted = true;
        notifyAll();
    }

    synchronized boolean isAborted() {
        return aborted;
    }
}
