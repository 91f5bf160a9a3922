package dev.vmodem.time;

import java.time.Duration;

/**
 * The one source of time for a modem: every delay, timeout and repeat interval goes through it, so tests run on
 * virtual time ({@link VirtualScheduler}) and demos on real time ({@link SystemScheduler}).
 *
 * <p>Scheduled tasks must be short and must not block: they run on a thread shared with other modems (real time)
 * or on the thread that advances the clock (virtual time). Code that has to wait while doing I/O on its own
 * thread (the link model pacing a socket) calls {@link #sleep(Duration)}, which waits on this scheduler's clock.
 */
public interface Scheduler {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Wall-clock time in milliseconds since the epoch (for AT+CCLK and transcripts). */
    long currentTimeMillis();

    /** Runs {@code task} once after {@code delay}; a zero or negative delay still runs it asynchronously. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Blocks the calling thread until {@code duration} has passed on this scheduler's clock. */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Blocks the calling thread until this scheduler's {@link #nanoTime()} reaches {@code deadline}; returns at once
     * when it has already. For waits timed from an earlier moment (a paced line), so that the time spent getting
     * here is not added.
     */
    default void sleepUntil(long deadline) throws InterruptedException {
        long left = deadline - nanoTime();
        if (left > 0) {
            sleep(Duration.ofNanos(left));
        }
    }

    /** A handle to a scheduled task. Cancelling a task that already ran or was cancelled does nothing. */
    interface Cancellable {
        void cancel();

        Cancellable NONE = () -> { };
    }
}
