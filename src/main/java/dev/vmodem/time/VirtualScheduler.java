package dev.vmodem.time;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * Virtual time for tests: nothing happens until a test calls {@link #advance(Duration)} or {@link #runDue()}.
 * Tasks run on the advancing thread, in deadline order (ties in scheduling order). Threads blocked in
 * {@link #sleep(Duration)} wake when the clock passes their deadline.
 *
 * <pre>
 *   VirtualScheduler time = new VirtualScheduler();
 *   time.schedule(Duration.ofSeconds(5), () -&gt; fired.set(true));
 *   time.advance(Duration.ofSeconds(5));   // runs the task here, on this thread
 * </pre>
 */
public final class VirtualScheduler implements Scheduler {

    private static final long EPOCH_MILLIS = 1_700_000_000_000L;

    private final Object lock = new Object();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long seq;
    private final java.util.List<Long> sleeping = new java.util.ArrayList<>();

    private static final class Task implements Comparable<Task>, Cancellable {
        final long deadline;
        final long order;
        final Runnable action;
        volatile boolean cancelled;

        Task(long deadline, long order, Runnable action) {
            this.deadline = deadline;
            this.order = order;
            this.action = action;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public long nanoTime() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public long currentTimeMillis() {
        return EPOCH_MILLIS + nanoTime() / 1_000_000;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        synchronized (lock) {
            Task t = new Task(now + Math.max(0, delay.toNanos()), seq++, task);
            queue.add(t);
            return t;
        }
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        synchronized (lock) {
            Long deadline = now + Math.max(0, duration.toNanos());
            sleeping.add(deadline);
            lock.notifyAll();
            try {
                while (now < deadline) {
                    lock.wait();
                }
            } finally {
                sleeping.remove(deadline);
            }
        }
    }

    /** Runs the tasks that are due now (including tasks they schedule with no delay). */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves the clock forward by {@code d}, running every task that falls due on the way, in order. */
    public void advance(Duration d) {
        long target;
        synchronized (lock) {
            target = now + Math.max(0, d.toNanos());
        }
        while (true) {
            Task next;
            synchronized (lock) {
                next = queue.peek();
                if (next == null || next.deadline > target) {
                    now = target;
                    lock.notifyAll();
                    return;
                }
                queue.poll();
                if (next.deadline > now) {
                    now = next.deadline;
                    lock.notifyAll();
                }
            }
            if (!next.cancelled) {
                next.action.run();
            }
        }
    }

    /** How many threads are blocked in {@link #sleep(Duration)} now. */
    public int sleepers() {
        synchronized (lock) {
            return sleeping.size();
        }
    }

    /**
     * Waits, in real time and at most {@code realTimeout}, until at least {@code count} threads sleep on this clock;
     * returns whether they do. Tests use it to advance time only once the code under test is waiting for it.
     */
    public boolean awaitSleepers(int count, Duration realTimeout) throws InterruptedException {
        long end = System.nanoTime() + realTimeout.toNanos();
        synchronized (lock) {
            while (sleeping.size() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Advances to the earliest deadline of a sleeping thread (running the tasks due on the way), if any. */
    public boolean advanceToNextSleeper() {
        long target;
        synchronized (lock) {
            if (sleeping.isEmpty()) {
                return false;
            }
            target = java.util.Collections.min(sleeping);
        }
        advance(Duration.ofNanos(Math.max(0, target - nanoTime())));
        return true;
    }

    /** Time elapsed on this clock since it was created. */
    public Duration elapsed() {
        return Duration.ofNanos(nanoTime());
    }

    /** How many tasks are waiting (cancelled ones included until their deadline passes). */
    public int pendingTasks() {
        synchronized (lock) {
            return (int) queue.stream().filter(t -> !t.cancelled).count();
        }
    }
}
