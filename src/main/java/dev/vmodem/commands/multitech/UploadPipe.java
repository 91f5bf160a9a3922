package dev.vmodem.commands.multitech;

import dev.vmodem.util.ByteRing;

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

    private final ByteRing ring;
    private boolean closed;
    private boolean discarding;
    private boolean aborted;

    UploadPipe(int capacity) {
        this.ring = new ByteRing(capacity);
    }

    int capacity() {
        return ring.capacity();
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
            if (ring.isFull()) {
                wait();
                continue;
            }
            int n = ring.put(b, off, len);
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
        while (ring.isEmpty() && !closed && !aborted) {
            wait();
        }
        if (aborted || ring.isEmpty()) {
            return -1;
        }
        int n = ring.take(b, off, len);
        notifyAll();
        return n;
    }

    /** The reader gives up: what is held and what comes later is dropped, and the writer never waits again. */
    synchronized void discard() {
        discarding = true;
        ring.clear();
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
