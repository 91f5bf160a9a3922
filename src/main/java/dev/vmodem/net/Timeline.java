package dev.vmodem.net;

import dev.vmodem.time.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What one modem's network did, with the time on its scheduler's clock: bearer changes, DNS lookups, connects,
 * each shaped read and write (bytes, and the latency, jitter and rate waits it paid), and the FTP engine's control
 * dialogue. For explaining where the time of a transfer goes ("why does this download take 17 s?"), in tests and
 * benchmarks.
 *
 * <pre>
 *   net.timeline().start();
 *   ... AT+FTPGET=1 ...
 *   for (Timeline.Event e : net.timeline().events()) System.out.println(e);
 *   //     0.000 ms  dns ftp.example.com: round trip 600 ms + jitter 12.3 ms
 *   //   612.300 ms  connect #1 to 127.0.0.1:40221: setup 1000 ms + jitter 71.0 ms
 *   //  1683.300 ms  read #1 52 B: latency 300 ms + jitter 2.1 ms, rate 4.9 ms
 *   //  1990.300 ms  ftp < 220 Service ready for new user.
 * </pre>
 *
 * Off until {@link #start()}; then it keeps the last {@value #LIMIT} events (older ones are dropped and counted).
 * Recording costs one volatile read while off. Thread-safe.
 */
public final class Timeline {

    /** Events kept; older ones are dropped. */
    public static final int LIMIT = 8192;

    /**
     * One event.
     *
     * @param nanos on the scheduler's clock, relative to {@link #start()}
     * @param what  what happened, one line
     */
    public record Event(long nanos, String what) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%10.3f ms  %s", nanos / 1e6, what);
        }
    }

    private final Scheduler clock;
    private final Deque<Event> events = new ArrayDeque<>();
    private volatile boolean on;
    private long origin;
    private long dropped;
    private int nextConnection = 1;

    Timeline(Scheduler clock) {
        this.clock = clock;
    }

    /** Forgets what was recorded and records from now on; times are relative to now. */
    public synchronized void start() {
        events.clear();
        dropped = 0;
        origin = clock.nanoTime();
        on = true;
    }

    /** Stops recording; what was recorded stays. */
    public void stop() {
        on = false;
    }

    public boolean isOn() {
        return on;
    }

    /** Records {@code what} now, if recording. */
    public void record(String what) {
        if (on) {
            add(what);
        }
    }

    /** Records the text {@code what} gives now, if recording (the text is only built when it is). */
    public void record(Supplier<String> what) {
        if (on) {
            add(what.get());
        }
    }

    private synchronized void add(String what) {
        if (!on) {
            return;
        }
        if (events.size() == LIMIT) {
            events.removeFirst();
            dropped++;
        }
        events.addLast(new Event(clock.nanoTime() - origin, what));
    }

    /** The events recorded, oldest first. */
    public synchronized List<Event> events() {
        return new ArrayList<>(events);
    }

    /** Events dropped because more than {@value #LIMIT} were recorded. */
    public synchronized long dropped() {
        return dropped;
    }

    /** A number for a new connection, so its reads and writes can be told apart ("#2"). */
    synchronized int connectionNumber() {
        return nextConnection++;
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
