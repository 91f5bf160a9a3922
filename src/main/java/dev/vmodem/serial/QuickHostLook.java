package dev.vmodem.serial;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * How a link's reader waits for a host in a tight command loop. When the host answered the modem's last output within
 * the spin time, the reader looks for its next bytes for up to that long after the last output or input before it
 * sleeps, so the host's next command finds it awake: waking a thread whose CPU has gone idle costs tens of
 * microseconds, more on a virtual machine, and a request-and-answer exchange would pay it on every command. While
 * looking, the reader yields its CPU at every turn, so a host thread woken on the same CPU runs at once. A host that
 * answers more slowly is not looked for at all, and at most half the processors' worth of readers in a JVM look at the
 * same time, so idle and slow lines cost no CPU.
 *
 * <p>Writers call {@link #wrote()}; the reader calls {@link #read()} after input, {@link #look} before it sleeps and
 * {@link #wokenByInput()} when sleeping ended with input.
 */
final class QuickHostLook {

    /** The spin time unless set otherwise. */
    static final Duration DEFAULT = Duration.ofNanos(200_000);
    /** The longest spin time that may be set. */
    static final Duration MAX = Duration.ofMillis(10);
    private static final Semaphore LOOKERS =
            new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

    /** Whether input is there, without waiting; an I/O error counts as there (the reader's read reports it). */
    interface Probe {
        boolean inputReady();
    }

    private volatile long spinNanos = DEFAULT.toNanos();
    /** System.nanoTime() of the last output to the host or input from it: the spin time counts from there. */
    private volatile long lastActivity;
    /** System.nanoTime() of the last output to the host: how fast the host answers counts from there. */
    private volatile long lastWrite;
    private final AtomicLong found = new AtomicLong();
    /** The reader's: whether the host answered within the spin time when the reader last slept. */
    private boolean quickHost;

    /** Sets the spin time (0 to {@link #MAX}; zero: the reader always sleeps at once). */
    void spin(Duration time, String link) {
        if (time.isNegative() || time.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(link + " spin time out of range: " + time + " (0 to " + MAX + ")");
        }
        spinNanos = time.toNanos();
    }

    /** Output went to the host. Any thread. */
    void wrote() {
        long now = System.nanoTime();
        lastWrite = now;
        lastActivity = now;
    }

    /** The reader has handed the host's input to the receiver (the spin time counts from then). The reader. */
    void read() {
        lastActivity = System.nanoTime();
    }

    /** The reader slept and was woken by input: was the host quick to answer? */
    void wokenByInput() {
        long spin = spinNanos;
        quickHost = spin > 0 && System.nanoTime() - lastWrite < spin;
    }

    /**
     * Before the reader sleeps: for a quick host, looks for input until the spin time since the last activity is
     * over or {@code stop} says so; true when the probe found input (the reader reads instead of sleeping).
     */
    boolean look(Probe probe, BooleanSupplier stop) {
        if (!quickHost) {
            return false;
        }
        long until = lastActivity + spinNanos;
        if (System.nanoTime() - until >= 0 || !LOOKERS.tryAcquire()) {
            return false;
        }
        try {
            while (!stop.getAsBoolean() && System.nanoTime() - until < 0) {
                if (probe.inputReady()) {
                    found.incrementAndGet();
                    return true;
                }
                Thread.yield(); // a host woken on this CPU runs at once
            }
            return false;
        } finally {
            LOOKERS.release();
        }
    }

    /** How many times the reader found the host's input while it looked, instead of sleeping. */
    long found() {
        return found.get();
    }
}
