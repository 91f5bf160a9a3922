package dev.vmodem.store;

/**
 * A write would end past the store's capacity. Nothing was written. The message carries both numbers, the end
 * position the write needed and the capacity: {@code "store full: 307201 > 307200"}.
 */
public final class StoreFullException extends RuntimeException {

    private final long requiredLength;
    private final int capacity;

    public StoreFullException(long requiredLength, int capacity) {
        super("store full: " + requiredLength + " > " + capacity);
        this.requiredLength = requiredLength;
        this.capacity = capacity;
    }

    /** The length the store would have had after the write (position + length of the refused write). */
    public long requiredLength() {
        return requiredLength;
    }

    public int capacity() {
        return capacity;
    }
}
