package dev.vmodem.net;

import dev.vmodem.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults active in one modem's network, settable at run time; see {@link Fault} for what each kind does and
 * what one-shot means for it.
 *
 * <pre>
 *   ActiveFault cut = network.faults().inject(Fault.cutAfterBytes(1000).oneShot());
 *   network.faults().active();                       // [cut-after-bytes 1000 dir=both once]
 *   network.faults().clear(Fault.Kind.CUT_AFTER_BYTES);
 * </pre>
 *
 * <p>Thread-safe. The active list is copy-on-write: faults change rarely, while sockets consult it on every
 * shaped read and write.
 */
public final class Faults {

    private static final Logger log = LoggerFactory.getLogger(Faults.class);

    /** What the rest of the network does when faults start and end (coverage, bearers, waking sockets). */
    interface Effects {
        void started(ActiveFault f);

        void ended(ActiveFault f);
    }

    private final Scheduler scheduler;
    private final List<ActiveFault> active = new CopyOnWriteArrayList<>();
    private volatile Effects effects = new Effects() {
        @Override
        public void started(ActiveFault f) {
        }

        @Override
        public void ended(ActiveFault f) {
        }
    };
    private volatile boolean shapesSockets;

    Faults(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void setEffects(Effects effects) {
        this.effects = effects;
    }

    /** Makes {@code fault} happen now. */
    public ActiveFault inject(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        ActiveFault a = new ActiveFault(this, fault);
        active.add(a);
        recompute();
        log.info("fault injected: {}", fault);
        if (fault.duration() != null) {
            a.expiry = scheduler.schedule(fault.duration(), a::clear);
        }
        effects.started(a);
        if (fault.isOneShot()) {
            if (fault.kind() == Fault.Kind.BEARER_DROP) {
                // The drop in started() was the event.
                remove(a);
            } else if (fault.kind() == Fault.Kind.COVERAGE_LOSS) {
                // Through the scheduler, so listeners see the loss and then the return as two changes.
                a.expiry = scheduler.schedule(Duration.ZERO, a::clear);
            }
        }
        return a;
    }

    /** Ends every active fault of {@code kind}; returns how many there were. */
    public int clear(Fault.Kind kind) {
        int n = 0;
        for (ActiveFault a : active) {
            if (a.fault().kind() == kind && remove(a)) {
                n++;
            }
        }
        return n;
    }

    public void clearAll() {
        for (ActiveFault a : active) {
            remove(a);
        }
    }

    /** The faults in effect, oldest first. */
    public List<Fault> active() {
        List<Fault> out = new ArrayList<>();
        for (ActiveFault a : active) {
            out.add(a.fault());
        }
        return out;
    }

    public boolean isActive(Fault.Kind kind) {
        for (ActiveFault a : active) {
            if (a.fault().kind() == kind) {
                return true;
            }
        }
        return false;
    }

    boolean remove(ActiveFault a) {
        if (!a.end()) {
            return false;
        }
        active.remove(a);
        a.expiry.cancel();
        recompute();
        log.info("fault cleared: {}", a.fault());
        effects.ended(a);
        return true;
    }

    private void recompute() {
        boolean s = false;
        for (ActiveFault a : active) {
            s |= a.fault().shapesSockets();
        }
        shapesSockets = s;
    }

    /** Whether any fault changes open sockets' behaviour (so the unshaped fast path is off). */
    boolean shapesSockets() {
        return shapesSockets;
    }

    boolean failsLookup() {
        return fireAny(Fault.Kind.DNS_FAILURE);
    }

    boolean refusesConnection() {
        return fireAny(Fault.Kind.REFUSE_CONNECTIONS);
    }

    /** A lasting bearer-drop fault makes the network reject activation. */
    boolean rejectsActivation() {
        for (ActiveFault a : active) {
            if (a.fault().kind() == Fault.Kind.BEARER_DROP && a.fault().mode() == Fault.Mode.LASTING
                    && a.isActive()) {
                return true;
            }
        }
        return false;
    }

    boolean stalls(Object conn, Fault.Direction d) {
        for (ActiveFault a : active) {
            Fault f = a.fault();
            if (f.kind() == Fault.Kind.STALL && f.direction().covers(d) && a.isActive() && a.appliesTo(conn)) {
                return true;
            }
        }
        return false;
    }

    /** The tightest bandwidth cap on {@code conn} in direction {@code d}, or 0 for none. */
    long capBps(Object conn, Fault.Direction d) {
        long cap = 0;
        for (ActiveFault a : active) {
            Fault f = a.fault();
            if (f.kind() == Fault.Kind.CAP_BANDWIDTH && f.direction().covers(d) && a.isActive() && a.appliesTo(conn)) {
                cap = cap == 0 ? f.bitsPerSecond() : Math.min(cap, f.bitsPerSecond());
            }
        }
        return cap;
    }

    long extraLatencyNanos(Object conn) {
        long extra = 0;
        for (ActiveFault a : active) {
            Fault f = a.fault();
            if (f.kind() == Fault.Kind.ADD_LATENCY && a.isActive() && a.appliesTo(conn)) {
                extra += f.latency().toNanos();
            }
        }
        return extra;
    }

    /** The active cut faults; the socket keeps its own count against each. */
    List<ActiveFault> cuts() {
        List<ActiveFault> out = null;
        for (ActiveFault a : active) {
            if (a.fault().kind() == Fault.Kind.CUT_AFTER_BYTES && a.isActive()) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(a);
            }
        }
        return out == null ? List.of() : out;
    }

    /** A connection closed: one-shot conditions it held are used up. */
    void release(Object conn) {
        for (ActiveFault a : active) {
            if (a.fault().isOneShot() && a.isClaimedBy(conn)) {
                remove(a);
            }
        }
    }

    private boolean fireAny(Fault.Kind kind) {
        for (ActiveFault a : active) {
            if (a.fault().kind() == kind && a.fire()) {
                log.info("fault fired: {}", a.fault());
                return true;
            }
        }
        return false;
    }
}
