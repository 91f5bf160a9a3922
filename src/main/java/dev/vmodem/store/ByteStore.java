package dev.vmodem.store;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The modem's RAM buffer: a bounded, positional byte store. SIM800 keeps the data of AT+FTPEXTPUT and AT+FTPEXTGET
 * in a RAM area of 300 KB; this class is that area.
 *
 * <p>Wire contract, as the FTP commands use it:
 * <pre>
 *   AT+FTPEXTPUT=2,0,10,5000      store.write(0, data, 0, 10)      length becomes 10
 *   AT+FTPEXTPUT=2,10,5,5000      store.write(10, data, 0, 5)      length becomes 15
 *   AT+FTPEXTGET=3,4,1460         store.read(4, buf, 0, 1460)      returns 11 (bytes 4..14)
 * </pre>
 *
 * <ul>
 *   <li><b>Capacity</b>: {@value #DEFAULT_CAPACITY} bytes (300 * 1024) unless configured. A write whose end would
 *       pass the capacity fails with {@link StoreFullException} ({@code "store full: 307201 > 307200"}) and writes
 *       nothing.</li>
 *   <li><b>Length</b>: one past the highest byte ever written since the last {@link #clear()}. Writing at a
 *       position past the length extends the length; the gap reads as zero bytes. A write of 0 bytes changes
 *       nothing.</li>
 *   <li><b>Memory</b>: nothing is allocated until the first write, because a thousand idle modems must not each hold
 *       300 KB. The backing array then grows by doubling (from 4 KB) up to the capacity, so a 1 KB upload costs
 *       4 KB, not 300 KB. {@link #clear()} drops the array.</li>
 *   <li><b>Threads</b>: every method is atomic with respect to the others (the AT thread writes while a transfer
 *       thread reads).</li>
 * </ul>
 *
 * <p>Reads do not drain: the SIM800 lets the host read the same RAM area as often as it likes (FTPEXTGET=3 with any
 * position), so reading is positional and leaves the data in place.
 */
public final class ByteStore {

    /** SIM800's RAM buffer: 300 KB = 307200 bytes. */
    public static final int DEFAULT_CAPACITY = 300 * 1024;

    private static final int FIRST_ALLOCATION = 4096;

    private final int capacity;
    private byte[] data;   // null until the first write; guarded by this
    private int length;    // guarded by this

    /** A store of {@value #DEFAULT_CAPACITY} bytes. */
    public ByteStore() {
        this(DEFAULT_CAPACITY);
    }

    public ByteStore(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " < 0");
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    public synchronized int length() {
        return length;
    }

    /** Bytes that can still be appended: capacity - length. */
    public synchronized int remaining() {
        return capacity - length;
    }

    /** Whether a backing array is held right now (false before the first write and after {@link #clear()}). */
    public synchronized boolean isAllocated() {
        return data != null;
    }

    /** Bytes of heap held right now (0 when not allocated); for tests and diagnostics. */
    public synchronized int allocatedBytes() {
        return data == null ? 0 : data.length;
    }

    /**
     * Writes {@code len} bytes at {@code position}, overwriting what was there and extending the length to at least
     * {@code position + len}.
     *
     * @throws StoreFullException if {@code position + len > capacity}; nothing is written then
     */
    public synchronized void write(int position, byte[] src, int off, int len) {
        checkPosition(position);
        checkRange(src.length, off, len);
        int end = reserve(position, len);
        if (len > 0) {
            System.arraycopy(src, off, data, position, len);
        }
        length = Math.max(length, end);
    }

    /** Writes all remaining bytes of {@code src} at {@code position}; see {@link #write(int, byte[], int, int)}. */
    public synchronized void write(int position, ByteBuffer src) {
        checkPosition(position);
        int len = src.remaining();
        int end = reserve(position, len);
        if (len > 0) {
            src.get(data, position, len);
        }
        length = Math.max(length, end);
    }

    /** Writes at the current end; see {@link #write(int, byte[], int, int)}. */
    public synchronized void append(byte[] src, int off, int len) {
        write(length, src, off, len);
    }

    /**
     * Copies up to {@code len} bytes starting at {@code position} into {@code dst}. Returns how many were copied:
     * {@code min(len, length - position)}, or 0 when {@code position >= length}.
     */
    public synchronized int read(int position, byte[] dst, int off, int len) {
        checkPosition(position);
        checkRange(dst.length, off, len);
        int n = Math.max(0, Math.min(len, length - position));
        if (n > 0) {
            System.arraycopy(data, position, dst, off, n);
        }
        return n;
    }

    /** Copies bytes starting at {@code position} into {@code dst} until it is full or the data ends; returns the count. */
    public synchronized int read(int position, ByteBuffer dst) {
        checkPosition(position);
        int n = Math.max(0, Math.min(dst.remaining(), length - position));
        if (n > 0) {
            dst.put(data, position, n);
        }
        return n;
    }

    /** A copy of all stored bytes. */
    public synchronized byte[] toByteArray() {
        return data == null ? new byte[0] : Arrays.copyOf(data, length);
    }

    /** Forgets the data and drops the backing array: length 0, no heap held. */
    public synchronized void clear() {
        data = null;
        length = 0;
    }

    @Override
    public synchronized String toString() {
        return "ByteStore[length=" + length + ", capacity=" + capacity + ", allocated=" + allocatedBytes() + "]";
    }

    /** Makes room for [position, position+len) and zero-fills any gap after the current length; returns the end. */
    private int reserve(int position, int len) {
        long end = (long) position + len;
        if (end > capacity) {
            throw new StoreFullException(end, capacity);
        }
        int e = (int) end;
        if (len == 0) {
            return length; // an empty write changes nothing and, above all, allocates nothing
        }
        if (data == null || data.length < e) {
            int size = data == null ? Math.min(capacity, FIRST_ALLOCATION) : data.length;
            while (size < e) {
                size = (int) Math.min(capacity, Math.max(FIRST_ALLOCATION, 2L * size));
            }
            data = data == null ? new byte[size] : Arrays.copyOf(data, size);
        }
        if (position > length) {
            // a new or grown array is zero already, but say it: the gap reads as zeros whatever happened before
            Arrays.fill(data, length, position, (byte) 0);
        }
        return e;
    }

    private static void checkPosition(int position) {
        if (position < 0) {
            throw new IndexOutOfBoundsException("position: " + position + " < 0");
        }
    }

    private static void checkRange(int arrayLength, int off, int len) {
        if (off < 0 || len < 0 || len > arrayLength - off) {
            throw new IndexOutOfBoundsException("range [" + off + ", " + off + " + " + len + ") of array "
                    + arrayLength);
        }
    }
}
