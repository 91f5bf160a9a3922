package dev.vmodem.util;

import java.util.Arrays;

/**
 * A growable byte buffer that responses are encoded into before they are written to the line in one piece.
 * It grows up to a limit and fails past it ({@link IllegalStateException} with the numbers), so a runaway response
 * cannot take the heap.
 */
public final class ByteSink {

    private final int limit;
    private byte[] buf;
    private int size;

    public ByteSink(int initialCapacity, int limit) {
        this.buf = new byte[initialCapacity];
        this.limit = limit;
    }

    public void write(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    private void ensure(int more) {
        long need = (long) size + more;
        if (need > buf.length) {
            if (need > limit) {
                throw new IllegalStateException("response buffer full: " + need + " > " + limit);
            }
            buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max(need, buf.length * 2L)));
        }
    }

    public int size() {
        return size;
    }

    public byte[] array() {
        return buf;
    }

    public void clear() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
