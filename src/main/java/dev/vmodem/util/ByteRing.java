package dev.vmodem.util;

import java.util.Objects;

/**
 * A ring of bytes of fixed capacity: the storage behind the emulator's bounded byte queues (the in-process pipe, the
 * UART's transmit queue, the download and upload buffers). It only stores; the queue that owns it guards it with its
 * own lock and decides who waits for what, so it is not thread-safe by itself. Nothing is allocated after it is made.
 */
public final class ByteRing {

    private final byte[] ring;
    /** Index of the oldest byte. */
    private int head;
    private int size;

    /** A ring holding up to {@code capacity} bytes (at least 1). */
    public ByteRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a ring holds at least 1 byte: " + capacity);
        }
        this.ring = new byte[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    /** How many bytes it holds. */
    public int size() {
        return size;
    }

    /** How many more bytes fit. */
    public int room() {
        return ring.length - size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean isFull() {
        return size == ring.length;
    }

    /** Appends as many of {@code b[off, off + len)} as fit; returns how many (0 when full). */
    public int put(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int n = Math.min(len, room());
        int tail = (head + size) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(b, off, ring, tail, first);
        System.arraycopy(b, off + first, ring, 0, n - first);
        size += n;
        return n;
    }

    /** Moves up to {@code len} of the oldest bytes into {@code b} at {@code off}; returns how many (0 when empty). */
    public int take(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int n = Math.min(len, size);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, b, off, first);
        System.arraycopy(ring, 0, b, off + first, n - first);
        head = (head + n) % ring.length;
        size -= n;
        return n;
    }

    /** Removes and returns up to {@code max} of the oldest bytes; an empty array when it is empty. */
    public byte[] take(int max) {
        byte[] out = new byte[Math.min(Math.max(0, max), size)];
        take(out, 0, out.length);
        return out;
    }

    /** Drops everything it holds. */
    public void clear() {
        head = 0;
        size = 0;
    }
}
