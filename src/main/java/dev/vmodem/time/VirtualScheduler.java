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
    private Thread advancing; // guarded by lock: the thread inside advance(), if any

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
        long deadline;
        synchronized (lock) {
            deadline = now + Math.max(0, duration.toNanos());
        }
        sleepUntil(deadline);
    }

    /**
     * Blocks until the clock reaches {@code deadline}. Called from a task that {@link #advance} is running (on the
     * advancing thread, which nobody else will advance for), it moves the clock to the deadline itself and returns:
     * the task took that long, and the tasks that fall due meanwhile run after it, late, as they would behind a
     * real timer thread that a task holds up.
     */
    @Override
    public void sleepUntil(long deadline) throws InterruptedException {
        synchronized (lock) {
            if (Thread.currentThread() == advancing) {
                if (deadline > now) {
                    now = deadline;
                    lock.notifyAll();
                }
                return;
            }
            Long d = deadline;
            sleeping.add(d);
            lock.notifyAll();
            try {
                while (now < deadline) {
                    lock.wait();
                }
            } finally {
                sleeping.remove(d);
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
        Thread outer;
        synchronized (lock) {
            target = now + Math.max(0, d.toNanos());
            outer = advancing;
            advancing = Thread.currentThread();
        }
        try {
            while (true) {
                Task next;
                synchronized (lock) {
                    next = queue.peek();
                    if (next == null || next.deadline > Math.max(target, now)) {
                        if (target > now) {
                            now = target;
                        }
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
        } finally {
            synchronized (lock) {
                advancing = outer;
            }
        }
    }

    /**
     * The earliest moment anything waits for: a pending task's deadline or a sleeping thread's, whichever comes
     * first; -1 when nothing waits.
     */
    public long nextDeadline() {
        synchronized (lock) {
            long next = -1;
            for (Task t : queue) {
                if (!t.cancelled && (next < 0 || t.deadline < next)) {
                    next = t.deadline;
                }
            }
            for (long s : sleeping) {
                if (next < 0 || s < next) {
                    next = s;
                }
            }
            return next;
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
