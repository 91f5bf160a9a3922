package dev.vmodem.serial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A receiver for link tests: records the bytes and attach events a link delivers, and optionally echoes every byte
 * back through a link (a minimal modem). Tests wait on it with timeouts instead of sleeping.
 */
final class RecordingReceiver implements SerialReceiver {

    static final String ATTACHED = "attached";
    static final String DETACHED = "detached";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private volatile SerialLink echoTo;
    private volatile RuntimeException failNext;

    /** From now on, every byte received is written back through {@code link}. */
    RecordingReceiver echoingTo(SerialLink link) {
        this.echoTo = link;
        return this;
    }

    /** The next call to {@link #received} throws {@code failure} after recording its bytes. */
    void failNextWith(RuntimeException failure) {
        this.failNext = failure;
    }

    @Override
    public void received(byte[] data, int offset, int length) {
        synchronized (bytes) {
            bytes.write(data, offset, length);
            bytes.notifyAll();
        }
        SerialLink link = echoTo;
        if (link != null) {
            try {
                link.write(data, offset, length);
            } catch (IOException e) {
                throw new IllegalStateException("echo failed", e);
            }
        }
        RuntimeException failure = failNext;
        if (failure != null) {
            failNext = null;
            throw failure;
        }
    }

    @Override
    public void hostAttached() {
        events.add(ATTACHED);
    }

    @Override
    public void hostDetached() {
        events.add(DETACHED);
    }

    /** Removes and returns the first {@code count} bytes received, waiting up to {@code timeout} for them. */
    byte[] take(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (bytes) {
            while (bytes.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("received " + bytes.size() + " of " + count + " bytes within " + timeout
                            + ": " + TestIo.hex(bytes.toByteArray(), bytes.size()));
                }
                TimeUnit.NANOSECONDS.timedWait(bytes, left);
            }
            byte[] all = bytes.toByteArray();
            bytes.reset();
            bytes.write(all, count, all.length - count);
            return Arrays.copyOf(all, count);
        }
    }

    /** Everything received and not yet taken. */
    byte[] takeAll() {
        synchronized (bytes) {
            byte[] all = bytes.toByteArray();
            bytes.reset();
            return all;
        }
    }

    /** The next attach event ({@link #ATTACHED} or {@link #DETACHED}), waiting up to {@code timeout}. */
    String awaitEvent(Duration timeout) throws InterruptedException {
        String event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no attach/detach event within " + timeout);
        }
        return event;
    }

    /** Events seen so far and not yet awaited. */
    String pendingEvents() {
        return events.toString();
    }
}
