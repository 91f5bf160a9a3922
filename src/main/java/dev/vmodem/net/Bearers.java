package dev.vmodem.net;

import dev.vmodem.time.Scheduler;
import dev.vmodem.time.Scheduler.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer profiles of one modem, what {@code AT+SAPBR} drives: cid 1..3, each with its parameters, its status
 * and, while connected, an address from the configured pool.
 *
 * <pre>
 *   AT+SAPBR=3,1,"APN","internet"   setParameter(1, "APN", "internet")
 *   AT+SAPBR=1,1                    open(1)  -&gt; completes OK after the link model's activation time
 *   AT+SAPBR=2,1                    info(1)  -&gt; +SAPBR: 1,1,"10.89.193.1"
 *   AT+SAPBR=0,1                    close(1) -&gt; OK; a second close(1) -&gt; ALREADY_CLOSED (SIM800 says ERROR)
 *   (coverage lost)                 listeners: bearerChanged(1, CONNECTED, CLOSED), bearerDropped(1, COVERAGE_LOST)
 * </pre>
 *
 * <p>Open and close complete asynchronously, on the scheduler, after the link model's activation or deactivation
 * time (zero for the {@code instant} preset, but still through the scheduler, so a VirtualScheduler test calls
 * {@code runDue()}). Requests the modem itself can refuse (already open, not attached, CSD) complete at once; what
 * the network decides (APN allow-list, credentials, pool exhausted, a rejecting fault) is decided when activation
 * ends, as a real network answers only after the round trip.
 *
 * <p>Closing a bearer, or the network dropping it, resets every socket opened through
 * {@link Network#access(int)} on it: a PDP context that is gone takes its TCP connections with it.
 *
 * <p>Thread-safe; one lock guards all three profiles; futures complete and listeners run outside it.
 */
public final class Bearers {

    public static final int MIN_CID = 1;
    public static final int MAX_CID = 3;

    private static final Logger log = LoggerFactory.getLogger(Bearers.class);

    private final Scheduler scheduler;
    private final NetworkConfig config;
    private final Supplier<DropReason> blocker;
    private final Supplier<LinkModel> link;
    private final Faults faults;
    private final Notifier notifier;
    private final IpPool pool;
    private final Slot[] slots = new Slot[MAX_CID];
    private long sessions;

    private static final class Slot {
        final int cid;
        BearerProfile profile;
        BearerStatus status = BearerStatus.CLOSED;
        String ip;
        /** Bumped on every transition that invalidates a pending timer. */
        long generation;
        /** Identifies one CONNECTED period; sockets bind to it. */
        long session;
        CompletableFuture<BearerOutcome> opening;
        CompletableFuture<BearerOutcome> closing;
        Cancellable timer = Cancellable.NONE;
        Set<Abortable> users;

        Slot(int cid, BearerProfile profile) {
            this.cid = cid;
            this.profile = profile;
        }
    }

    Bearers(Scheduler scheduler, NetworkConfig config, Supplier<DropReason> blocker, Supplier<LinkModel> link,
            Faults faults, Notifier notifier) {
        this.scheduler = scheduler;
        this.config = config;
        this.blocker = blocker;
        this.link = link;
        this.faults = faults;
        this.notifier = notifier;
        this.pool = new IpPool(config.ipPool());
        for (int i = 0; i < MAX_CID; i++) {
            slots[i] = new Slot(i + 1, BearerProfile.defaults(config.defaultApn()));
        }
    }

    public synchronized BearerInfo info(int cid) {
        Slot s = slot(cid);
        return new BearerInfo(cid, s.status, s.ip != null ? s.ip : BearerInfo.NO_ADDRESS, s.profile);
    }

    public synchronized List<BearerInfo> all() {
        List<BearerInfo> out = new ArrayList<>(MAX_CID);
        for (int cid = MIN_CID; cid <= MAX_CID; cid++) {
            out.add(info(cid));
        }
        return out;
    }

    public synchronized BearerStatus status(int cid) {
        return slot(cid).status;
    }

    public synchronized boolean isOpen(int cid) {
        return slot(cid).status == BearerStatus.CONNECTED;
    }

    public synchronized BearerProfile profile(int cid) {
        return slot(cid).profile;
    }

    /**
     * AT+SAPBR=3. Allowed in any status; like a real module, a change takes effect at the next open.
     *
     * @throws IllegalArgumentException for a cid out of range, an unknown tag or a bad value (message has the
     *                                  numbers)
     */
    public synchronized void setParameter(int cid, String tag, String value) {
        Slot s = slot(cid);
        s.profile = s.profile.withParameter(tag, value);
    }

    public synchronized void setProfile(int cid, BearerProfile profile) {
        slot(cid).profile = Objects.requireNonNull(profile, "profile");
    }

    /** AT+SAPBR=1: see the class comment for when the future completes and with what. */
    public CompletableFuture<BearerOutcome> open(int cid) {
        CompletableFuture<BearerOutcome> f;
        synchronized (this) {
            Slot s = slot(cid);
            if (s.status != BearerStatus.CLOSED) {
                BearerOutcome o = s.status == BearerStatus.CONNECTED ? BearerOutcome.ALREADY_OPEN
                        : BearerOutcome.IN_PROGRESS;
                log.debug("bearer {}: open refused, state: {}", cid, s.status);
                return CompletableFuture.completedFuture(o);
            }
            DropReason blocked = blocker.get();
            if (blocked != null) {
                log.info("bearer {}: open refused, radio: {}", cid, blocked);
                return CompletableFuture.completedFuture(blocked == DropReason.DETACHED
                        ? BearerOutcome.NOT_ATTACHED : BearerOutcome.NOT_REGISTERED);
            }
            if (s.profile.contype().equals("CSD")) {
                log.info("bearer {}: open refused, CONTYPE CSD is not supported", cid);
                return CompletableFuture.completedFuture(BearerOutcome.NOT_SUPPORTED);
            }
            f = new CompletableFuture<>();
            s.opening = f;
            move(s, BearerStatus.CONNECTING);
            long gen = ++s.generation;
            Duration d = link.get().activation();
            s.timer = scheduler.schedule(d, () -> finishOpen(cid, gen));
        }
        notifier.drain();
        return f;
    }

    private void finishOpen(int cid, long gen) {
        CompletableFuture<BearerOutcome> f;
        BearerOutcome outcome;
        synchronized (this) {
            Slot s = slot(cid);
            if (s.generation != gen || s.status != BearerStatus.CONNECTING) {
                return;
            }
            outcome = admit(s.profile);
            String ip = null;
            if (outcome == BearerOutcome.OK) {
                ip = pool.allocate();
                if (ip == null) {
                    outcome = BearerOutcome.NO_ADDRESS;
                }
            }
            f = s.opening;
            s.opening = null;
            s.timer = Cancellable.NONE;
            if (outcome == BearerOutcome.OK) {
                s.ip = ip;
                s.session = ++sessions;
                move(s, BearerStatus.CONNECTED);
                log.info("bearer {}: connected, APN '{}', IP {}", cid, s.profile.apn(), ip);
            } else {
                move(s, BearerStatus.CLOSED);
                log.info("bearer {}: activation failed: {} (APN '{}')", cid, outcome, s.profile.apn());
            }
        }
        notifier.drain();
        f.complete(outcome);
    }

    /** What the network says to an activation request. Caller holds the lock. */
    private BearerOutcome admit(BearerProfile p) {
        if (blocker.get() != null) {
            return BearerOutcome.DROPPED;
        }
        if (faults.rejectsActivation()) {
            return BearerOutcome.REJECTED;
        }
        List<String> allow = config.apnAllow();
        if (!allow.isEmpty() && allow.stream().noneMatch(a -> a.equalsIgnoreCase(p.apn()))) {
            return BearerOutcome.APN_NOT_ALLOWED;
        }
        if (config.user() != null && !config.user().equals(p.user())) {
            return BearerOutcome.AUTH_FAILED;
        }
        if (config.password() != null && !config.password().equals(p.pwd())) {
            return BearerOutcome.AUTH_FAILED;
        }
        return BearerOutcome.OK;
    }

    /**
     * AT+SAPBR=0. Closing a connecting bearer aborts the activation (its open completes {@link BearerOutcome#ABORTED}
     * and the close completes at once); closing a connected one resets its sockets now and completes after the
     * link model's deactivation time.
     */
    public CompletableFuture<BearerOutcome> close(int cid) {
        CompletableFuture<BearerOutcome> f;
        CompletableFuture<BearerOutcome> aborted = null;
        List<Abortable> users = List.of();
        synchronized (this) {
            Slot s = slot(cid);
            switch (s.status) {
                case CLOSED:
                    log.debug("bearer {}: close refused, state: CLOSED", cid);
                    return CompletableFuture.completedFuture(BearerOutcome.ALREADY_CLOSED);
                case CLOSING:
                    log.debug("bearer {}: close refused, state: CLOSING", cid);
                    return CompletableFuture.completedFuture(BearerOutcome.IN_PROGRESS);
                case CONNECTING:
                    s.timer.cancel();
                    s.generation++;
                    aborted = s.opening;
                    s.opening = null;
                    move(s, BearerStatus.CLOSED);
                    f = CompletableFuture.completedFuture(BearerOutcome.OK);
                    log.info("bearer {}: activation aborted by close", cid);
                    break;
                case CONNECTED:
                    f = new CompletableFuture<>();
                    s.closing = f;
                    users = takeUsers(s);
                    move(s, BearerStatus.CLOSING);
                    long gen = ++s.generation;
                    s.timer = scheduler.schedule(link.get().deactivation(), () -> finishClose(cid, gen));
                    break;
                default:
                    throw new IllegalStateException("state: " + s.status);
            }
        }
        abortAll(users, "bearer " + cid + " closed");
        notifier.drain();
        if (aborted != null) {
            aborted.complete(BearerOutcome.ABORTED);
        }
        return f;
    }

    private void finishClose(int cid, long gen) {
        CompletableFuture<BearerOutcome> f;
        synchronized (this) {
            Slot s = slot(cid);
            if (s.generation != gen || s.status != BearerStatus.CLOSING) {
                return;
            }
            f = s.closing;
            s.closing = null;
            s.timer = Cancellable.NONE;
            releaseAddress(s);
            move(s, BearerStatus.CLOSED);
            log.info("bearer {}: closed", cid);
        }
        notifier.drain();
        f.complete(BearerOutcome.OK);
    }

    /**
     * The network deactivates bearer {@code cid} on its own, as {@code +SAPBR 1: DEACT} reports. Returns false
     * when it was already closed.
     */
    public boolean drop(int cid) {
        return drop(cid, DropReason.NETWORK);
    }

    /** Network-side deactivation of every bearer (coverage lost, detach, radio off, a fault). */
    void dropAll(DropReason reason) {
        for (int cid = MIN_CID; cid <= MAX_CID; cid++) {
            drop(cid, reason);
        }
    }

    private boolean drop(int cid, DropReason reason) {
        CompletableFuture<BearerOutcome> opening;
        CompletableFuture<BearerOutcome> closing;
        List<Abortable> users;
        synchronized (this) {
            Slot s = slot(cid);
            BearerStatus was = s.status;
            if (was == BearerStatus.CLOSED) {
                return false;
            }
            s.timer.cancel();
            s.timer = Cancellable.NONE;
            s.generation++;
            opening = s.opening;
            closing = s.closing;
            s.opening = null;
            s.closing = null;
            users = takeUsers(s);
            releaseAddress(s);
            move(s, BearerStatus.CLOSED);
            if (was == BearerStatus.CONNECTED) {
                // Only a context the host believed was up gets the DEACT report; a failed activation answers through
                // its own future and a closing one through its close.
                notifier.post(l -> l.bearerDropped(cid, reason));
            }
            log.info("bearer {}: dropped by the network ({}), was {}", cid, reason, was);
        }
        abortAll(users, "bearer " + cid + " deactivated (" + reason.name().toLowerCase(Locale.ROOT) + ")");
        notifier.drain();
        if (opening != null) {
            opening.complete(BearerOutcome.DROPPED);
        }
        if (closing != null) {
            closing.complete(BearerOutcome.OK);
        }
        return true;
    }

    /** The current session of an open bearer, for binding sockets to it. */
    synchronized long session(int cid) throws NetErrorException {
        Slot s = slot(cid);
        if (s.status != BearerStatus.CONNECTED) {
            throw new NetErrorException("bearer " + cid + " is not open: " + s.status);
        }
        return s.session;
    }

    synchronized boolean isOpen(int cid, long session) {
        Slot s = slot(cid);
        return s.status == BearerStatus.CONNECTED && s.session == session;
    }

    /** Ties a socket to a bearer session; false (and nothing tied) when that session has ended. */
    synchronized boolean bind(int cid, long session, Abortable user) {
        Slot s = slot(cid);
        if (s.status != BearerStatus.CONNECTED || s.session != session) {
            return false;
        }
        if (s.users == null) {
            s.users = new java.util.HashSet<>();
        }
        s.users.add(user);
        return true;
    }

    synchronized void unbind(int cid, Abortable user) {
        Slot s = slot(cid);
        if (s.users != null) {
            s.users.remove(user);
        }
    }

    synchronized int addressesInUse() {
        return pool.inUse();
    }

    private List<Abortable> takeUsers(Slot s) {
        if (s.users == null || s.users.isEmpty()) {
            return List.of();
        }
        List<Abortable> u = new ArrayList<>(s.users);
        s.users = null;
        return u;
    }

    private void releaseAddress(Slot s) {
        if (s.ip != null) {
            pool.release(s.ip);
            s.ip = null;
        }
    }

    private void move(Slot s, BearerStatus to) {
        BearerStatus from = s.status;
        s.status = to;
        int cid = s.cid;
        notifier.post(l -> l.bearerChanged(cid, from, to));
    }

    private static void abortAll(List<Abortable> users, String reason) {
        for (Abortable u : users) {
            u.abort(reason);
        }
    }

    private Slot slot(int cid) {
        if (cid < MIN_CID || cid > MAX_CID) {
            throw new IllegalArgumentException("cid out of range: " + cid + " (" + MIN_CID + ".." + MAX_CID + ")");
        }
        return slots[cid - 1];
    }
}
