package dev.vmodem.serial;

import java.time.Duration;

/**
 * Time bytes take on a UART at a given baud rate, for a serial side that wants to pace its output like a real line
 * (8N1: a start bit, 8 data bits and a stop bit, so 10 bit times per byte).
 *
 * <pre>
 *   UartPacing.timeFor(1460, 115200)   // 126.7 ms: one +FTPGET block at 115200 baud
 * </pre>

 */
public final class UartPacing {

    public static final int BITS_PER_BYTE = 10;

    private UartPacing() {
    }

    /** How long {@code bytes} take to cross a line at {@code baud}. */
    public static Duration timeFor(long bytes, int baud) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be > 0: " + baud);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
        }
        return Duration.ofNanos(Math.round(bytes * (double) BITS_PER_BYTE * 1e9 / baud));
    }

    /** How many whole bytes fit in {@code time} at {@code baud}. */
    public static long bytesIn(Duration time, int baud) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be > 0: " + baud);
        }
        return (long) (time.toNanos() / 1e9 * baud / BITS_PER_BYTE);
    }
}
