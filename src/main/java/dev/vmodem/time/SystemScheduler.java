package dev.vmodem.time;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real time. One daemon timer thread is shared by every modem in the JVM, so a thousand idle modems cost no
 * threads of their own.
 */
public final class SystemScheduler implements Scheduler {

    private static final SystemScheduler SHARED = new SystemScheduler();

    private final ScheduledExecutorService timer;

    private SystemScheduler() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vmodem-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = Executors.unconfigurableScheduledExecutorService(executor);
    }

    /** The scheduler on real time, shared by all modems. */
    public static SystemScheduler get() {
        return SHARED;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long nanos = Math.max(0, delay.toNanos());
        ScheduledFuture<?> f = timer.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SystemScheduler.class).error("scheduled task failed", e);
            }
        }, nanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        long nanos = duration.toNanos();
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }
}
