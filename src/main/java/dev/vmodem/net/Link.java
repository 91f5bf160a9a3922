package dev.vmodem.net;

import dev.vmodem.time.Scheduler;
import java.util.ArrayList;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The radio link one modem's sockets share: the current {@link LinkModel}, the two directions' bandwidth
 * schedules, the jitter source and the set of open sockets (so a fault change can wake them).
 *
 * <p>Bandwidth is paced by a virtual-finish-time schedule per direction (GCRA, a token bucket with no burst
 * allowance): {@code n} bytes occupy the direction for {@code n * 8 / bps} seconds after whatever was queued
 * before them. All connections share it, as they share one radio.
 */
final class Link {

    private final Scheduler scheduler;
    private final Faults faults;
    private volatile LinkModel model;
    private volatile boolean modelShapesNothing;
    private final Lane down = new Lane();
    private final Lane up = new Lane();
    private final Random random;
    private final Set<Abortable> live = ConcurrentHashMap.newKeySet();
    private final Timeline timeline;
    private final AtomicInteger inRealSocket = new AtomicInteger();

    private static final class Lane {
        long finish;
    }

    // Link-wide burst bookkeeping (scheduler nanos): when the last shaped read and write on any connection ended.
    private volatile long lastDownEnd = Long.MIN_VALUE;
    private volatile long lastUpEnd = Long.MIN_VALUE;

    Link(Scheduler scheduler, Faults faults, LinkModel model, long seed) {
        this.scheduler = scheduler;
        this.faults = faults;
        this.random = new Random(seed);
        this.timeline = new Timeline(scheduler);
        setModel(model);
    }

    Timeline timeline() {
        return timeline;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Faults faults() {
        return faults;
    }

    LinkModel model() {
        return model;
    }

    void setModel(LinkModel m) {
        model = m;
        modelShapesNothing = m.shapesNothing();
        signalAll();
    }

    /** True when neither the model nor any fault touches open sockets: streams then call straight through. */
    boolean passThrough() {
        return modelShapesNothing && !faults.shapesSockets();
    }

    long jitterNanos(long maxNanos) {
        if (maxNanos <= 0) {
            return 0;
        }
        synchronized (random) {
            return (long) (random.nextDouble() * maxNanos);
        }
    }

    /** One-way delay for a new burst on {@code conn}: model latency, fault latency and jitter. */
    long burstDelayNanos(Object conn) {
        LinkModel m = model;
        return m.latency().toNanos() + faults.extraLatencyNanos(conn) + jitterNanos(m.jitter().toNanos());
    }

    /** The rate for {@code conn} in {@code d}: the model's, narrowed by bandwidth-cap faults; 0 = unlimited. */
    long rateBps(Object conn, Fault.Direction d) {
        LinkModel m = model;
        long base = d == Fault.Direction.DOWNLINK ? m.downlinkBps() : m.uplinkBps();
        long cap = faults.capBps(conn, d);
        if (base == 0) {
            return cap;
        }
        return cap == 0 ? base : Math.min(base, cap);
    }

    /**
     * Books {@code n} bytes on direction {@code d} starting no earlier than {@code now}; returns when they have
     * been sent (scheduler nanos). Unlimited rate: {@code now}.
     */
    long reserve(Fault.Direction d, long now, int n, long bps) {
        if (bps <= 0) {
            return now;
        }
        Lane lane = d == Fault.Direction.DOWNLINK ? down : up;
        synchronized (lane) {
            long start = Math.max(lane.finish, now);
            lane.finish = start + LinkModel.transmitNanos(n, bps);
            return lane.finish;
        }
    }

    void readEnded(long at) {
        lastDownEnd = at;
    }

    void writeEnded(long at) {
        lastUpEnd = at;
    }

    /**
     * Whether data on the downlink, any connection, ended within one-way latency of {@code now} and answered the
     * last request sent on the link: bytes a peer sends now are queued behind it rather than starting a new burst
     * (the data connection's first bytes after the 150 reply to RETR, the 226 after the last data byte).
     */
    boolean downlinkFlowing(long now) {
        long down = lastDownEnd;
        return down != Long.MIN_VALUE && down >= lastUpEnd && now - down <= model.latency().toNanos();
    }

    /**
     * How many bytes to move per paced step: about 100 ms of the link, between 64 bytes and one TCP segment (1460),
     * so data trickles like it does on air instead of arriving in one lump after a long wait.
     */
    static int chunk(long bps) {
        if (bps <= 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(64, Math.min(1460, bps / 80));
    }

    /** A shaped socket call enters the real socket (connect, or a read or write that may wait for the peer). */
    void enterRealSocket() {
        inRealSocket.incrementAndGet();
    }

    /** ... and has come back from it. */
    void leaveRealSocket() {
        inRealSocket.decrementAndGet();
    }

    /** Shaped socket calls inside the real socket now. */
    int inRealSocket() {
        return inRealSocket.get();
    }

    void register(Abortable s) {
        live.add(s);
    }

    void unregister(Abortable s) {
        live.remove(s);
    }

    int liveCount() {
        return live.size();
    }

    /** Wakes every socket waiting on the link so it re-reads faults and model. */
    void signalAll() {
        for (Abortable s : live) {
            if (s instanceof SimSocket) {
                ((SimSocket) s).wake();
            }
        }
    }

    void abortAll(String reason) {
        for (Abortable s : new ArrayList<>(live)) {
            s.abort(reason);
        }
    }
}
