package dev.vmodem.serial;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking I/O with deadlines for tests: no sleeping, and a failure says how far it got. */
final class TestIo {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private TestIo() {
    }

    /**
     * Reads exactly {@code count} bytes, failing after {@code timeout}. The read runs on a daemon thread that asks
     * for no more than is still missing, so once this returns nothing is left blocked on the stream.
     */
    static byte[] readExactly(InputStream in, int count, Duration timeout) throws IOException, InterruptedException {
        byte[] buffer = new byte[count];
        int[] got = {0};
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                while (got[0] < count) {
                    int n = in.read(buffer, got[0], count - got[0]);
                    if (n < 0) {
                        throw new IOException("end of stream after " + got[0] + " of " + count + " bytes: "
                                + hex(buffer, got[0]));
                    }
                    synchronized (got) {
                        got[0] += n;
                    }
                }
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "test-reader");
        thread.setDaemon(true);
        thread.start();
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            synchronized (got) {
                throw new AssertionError("read " + got[0] + " of " + count + " bytes within " + timeout + ": "
                        + hex(buffer, got[0]));
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new AssertionError(e.getCause());
        }
        return buffer;
    }

    /**
     * Reads until what was read ends with {@code marker}, failing after {@code timeout}; returns everything read,
     * marker included. Only for streams on which nothing follows the marker.
     */
    static byte[] readThrough(InputStream in, byte[] marker, Duration timeout) throws IOException, InterruptedException {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                byte[] chunk = new byte[4096];
                while (!endsWith(snapshot(read), marker)) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        throw new IOException("end of stream after " + snapshot(read).length + " bytes, no marker");
                    }
                    synchronized (read) {
                        read.write(chunk, 0, n);
                    }
                }
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "test-reader");
        thread.setDaemon(true);
        thread.start();
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            byte[] got = snapshot(read);
            throw new AssertionError("no marker " + hex(marker, marker.length) + " within " + timeout + " after "
                    + got.length + " bytes: " + hex(got, got.length));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new AssertionError(e.getCause());
        }
        return snapshot(read);
    }

    private static byte[] snapshot(java.io.ByteArrayOutputStream stream) {
        synchronized (stream) {
            return stream.toByteArray();
        }
    }

    private static boolean endsWith(byte[] data, byte[] suffix) {
        return data.length >= suffix.length
                && java.util.Arrays.equals(data, data.length - suffix.length, data.length, suffix, 0, suffix.length);
    }

    static byte[] readExactly(InputStream in, int count) throws IOException, InterruptedException {
        return readExactly(in, count, TIMEOUT);
    }

    /** The first {@code length} bytes as hex, shortened after 64. */
    static String hex(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(length, 64); i++) {
            text.append(String.format("%02x ", bytes[i] & 0xFF));
        }
        if (length > 64) {
            text.append("... (").append(length).append(" bytes)");
        }
        return text.toString().trim();
    }
}
