package dev.vmodem.commands.ftp;

import dev.vmodem.util.ByteRing;

/**
 * The bounded buffer between a download worker and AT+FTPGET=2 / AT+FTPLIST=2: a ring of fixed capacity. The worker's
 * {@link #putSome} blocks while the buffer is full (backpressure: TCP then holds the server back, so a 10 MB file never
 * sits in memory); the AT side's {@link #take} never blocks. {@link #close()} wakes a blocked worker, whose put then
 * fails with {@link Closed}.
 *
 * <p>Hand-overs are kept rare, as each one costs a thread switch: a worker that found the buffer full sleeps until
 * half of it is free again (or until there is room for all it has, when that is less), not after every read of the
 * AT side, and is woken by {@link #wakeWorker()} once the read's answer is written, not during it; and
 * {@link #filledFromEmpty()} tells the worker when the AT side needs telling at all.
 */
final class DownloadBuffer {

    /** The buffer was closed (the session ended) while the worker wanted to put. */
    static final class Closed extends Exception {
        Closed() {
            super("download buffer closed", null, false, false);
        }
    }

    private final ByteRing ring;
    /** The room a worker with more to put waits for once the buffer is full: half the capacity. */
    private final int wakeRoom;
    private boolean closed;
    /** The room a waiting worker waits for; 0 when none waits. */
    private int waitingFor;
    private boolean filledFromEmpty;
    /** A take left the waiting worker the room it waits for; {@link #wakeWorker()} wakes it. */
    private boolean wakeDue;

    DownloadBuffer(int capacity) {
        this.ring = new ByteRing(capacity);
        this.wakeRoom = Math.max(1, capacity / 2);
    }

    /**
     * Puts as many of the {@code len} bytes as fit, waiting while there is room for fewer than
     * {@code min(len, capacity / 2)}; returns how many were put (at least one). The caller tells the AT side after the
     * call, outside this monitor, when {@link #filledFromEmpty()} says so.
     */
    synchronized int putSome(byte[] b, int off, int len) throws Closed {
        int want = Math.min(len, wakeRoom);
        while (ring.room() < want && !closed) {
            waitingFor = want;
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Closed();
            } finally {
                waitingFor = 0;
            }
        }
        if (closed) {
            throw new Closed();
        }
        filledFromEmpty = ring.isEmpty() && len > 0;
        return ring.put(b, off, len);
    }

    /**
     * Whether the buffer was empty before the last {@link #putSome}: only then can the AT side have nothing announced
     * and need telling. For the worker, right after its put.
     */
    synchronized boolean filledFromEmpty() {
        return filledFromEmpty;
    }

    /**
     * Takes up to {@code max} bytes, without waiting; an empty array when nothing is there. A worker waiting for room
     * is not woken here: when {@link #wakeDue()} says so, call {@link #wakeWorker()} once the answer is out.
     */
    synchronized byte[] take(int max) {
        byte[] out = ring.take(max);
        if (waitingFor > 0 && ring.room() >= waitingFor) {
            wakeDue = true;
        }
        return out;
    }

    /** Whether a waiting worker has the room it waits for since a {@link #take}, and is not yet woken. */
    synchronized boolean wakeDue() {
        return wakeDue;
    }

    /** Wakes a worker that waits for room it now has. */
    synchronized void wakeWorker() {
        if (wakeDue) {
            wakeDue = false;
            notifyAll();
        }
    }

    /** Whether a worker waits for room (for tests). */
    synchronized boolean workerWaits() {
        return waitingFor > 0;
    }

    synchronized int available() {
        return ring.size();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
