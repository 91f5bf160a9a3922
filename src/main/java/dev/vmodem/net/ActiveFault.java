package dev.vmodem.net;

import dev.vmodem.time.Scheduler.Cancellable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** A fault that {@link Faults#inject} made happen; {@link #clear()} ends it. */
public final class ActiveFault {

    private final Faults owner;
    private final Fault fault;
    private final AtomicReference<Object> claimedBy = new AtomicReference<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    volatile Cancellable expiry = Cancellable.NONE;

    ActiveFault(Faults owner, Fault fault) {
        this.owner = owner;
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }

    /** False once cleared, expired, or (one-shot) used up. */
    public boolean isActive() {
        return !ended.get();
    }

    /** Ends the fault; stalled connections resume, coverage returns. Clearing twice does nothing. */
    public void clear() {
        owner.remove(this);
    }

    /** Marks the fault ended; true only for the caller that ended it. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }

    /**
     * For a one-shot event: true for exactly one caller, which uses it up. A lasting fault fires for every caller
     * while active.
     */
    boolean fire() {
        return fault.mode() == Fault.Mode.LASTING ? isActive() : owner.remove(this);
    }

    /**
     * For a condition: whether it applies to {@code conn}. A one-shot condition belongs to the first connection
     * that asks.
     */
    boolean appliesTo(Object conn) {
        if (fault.mode() == Fault.Mode.LASTING) {
            return true;
        }
        return claimedBy.compareAndSet(null, conn) || claimedBy.get() == conn;
    }

    boolean isClaimedBy(Object conn) {
        return claimedBy.get() == conn;
    }

    @Override
    public String toString() {
        return fault + (isActive() ? "" : " (ended)");
    }
}
