package dev.vmodem.net;

import dev.vmodem.net.Fault.Direction;
import dev.vmodem.time.Scheduler;
import dev.vmodem.time.Scheduler.Cancellable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real TCP socket whose streams go through the link model and faults. Everything about the socket itself (options,
 * addresses, timeouts) is the real socket's; only connect and the two streams are intercepted.
 *
 * <p>Where time goes:
 * <ul>
 *   <li>connect waits the model's setup time (plus jitter) on the scheduler's clock, then connects for real, or
 *       fails: refused by a fault, {@link NetErrorException} when its bearer is gone, timeout when the setup time
 *       exceeds the connect timeout;</li>
 *   <li>a read takes what the real socket has (at most a paced chunk), then holds it until the link would have
 *       delivered it: one-way latency if it starts a burst, then the downlink schedule;</li>
 *   <li>a write waits for the uplink schedule (and latency if it starts a burst), then hands the bytes on, so they
 *       reach the peer when the link would have delivered them.</li>
 * </ul>
 * Model delays are on the scheduler's clock (virtual in tests); waits for the peer and SO_TIMEOUT on the real
 * socket stay real time, except that a stalled read's timeout is measured on the scheduler's clock too. While a
 * shaped call is inside the real socket (connect, a read waiting for the peer's bytes, a write waiting for room) the
 * link counts it ({@link Network#realSocketCalls()}), so a driver of virtual time can tell a connection waiting for
 * the clock from one waiting for a peer that runs on real time.
 *
 * <p>When the link is {@code instant} and no socket fault is active, each stream call costs one check and then
 * calls the real stream with the caller's buffer: no copies, no waits. The check is made per call, so a model
 * change or a fault takes effect on open connections at their next read or write.
 *
 * <p>A cut (fault or bearer gone) closes the real socket with SO_LINGER 0, so the peer sees a reset; afterwards
 * every call here throws {@code SocketException("Connection reset: <why>")}.
 */
final class SimSocket extends Socket implements Abortable {

    private static final Logger log = LoggerFactory.getLogger(SimSocket.class);
    private static final long FOREVER = Long.MAX_VALUE;

    private final Link link;
    private final Binding binding;
    private final Object waitLock = new Object();
    private final Object streamLock = new Object();
    private final Object cutLock = new Object();
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private volatile boolean gone;
    private volatile String abortReason;
    private InputStream shapedIn;
    private OutputStream shapedOut;

    // Burst bookkeeping: which call pays the one-way latency. Written by the reading and the writing thread;
    // a lost update only shifts one latency, so plain volatiles are enough.
    private volatile boolean readSeen;
    private volatile boolean writeSeen;
    private volatile boolean wroteSinceRead;
    private volatile boolean readSinceWrite;
    private volatile long lastReadEnd;
    private volatile long lastWriteEnd;
    private volatile long lastReadDue;

    /** This connection's number in the timeline ("#2"); 0 until it is connected. */
    private volatile int number;

    /** Bytes each cut fault still lets through on this connection; created on first use. */
    private Map<ActiveFault, long[]> cutLeft;

    SimSocket(Link link, Binding binding) {
        super();
        this.link = link;
        this.binding = binding;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        if (timeout < 0) {
            throw new IllegalArgumentException("connect: timeout can't be negative");
        }
        try {
            if (binding != null) {
                binding.check();
            }
            LinkModel m = link.model();
            long setup = m.connectSetup().toNanos();
            long jitter = 0;
            if (setup > 0) {
                jitter = link.jitterNanos(m.jitter().toNanos());
                setup += jitter;
                long start = now();
                long limit = timeout > 0 ? TimeUnit.MILLISECONDS.toNanos(timeout) : FOREVER;
                if (setup >= limit) {
                    sleepUntil(start + limit);
                    throw new SocketTimeoutException("connect timed out: link setup takes "
                            + TimeUnit.NANOSECONDS.toMillis(setup) + " ms > timeout " + timeout + " ms");
                }
                sleepUntil(start + setup);
            }
            if (binding != null) {
                binding.check();
            }
            if (link.faults().refusesConnection()) {
                throw new ConnectException("Connection refused (fault: refuse connections): " + endpoint);
            }
            link.enterRealSocket();
            try {
                super.connect(endpoint, timeout);
            } finally {
                link.leaveRealSocket();
            }
            opened();
            long j = jitter;
            link.timeline().record(() -> "connect #" + number + " to " + endpoint + ": setup "
                    + Timeline.ms(m.connectSetup().toNanos()) + " + jitter " + Timeline.ms(j));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        log.debug("connected to {} (link {})", endpoint, link.model().name());
    }

    /** Registration after connect or accept: the link can wake us, the bearer can take us down. */
    void opened() throws IOException {
        if (link.timeline().isOn()) {
            number = link.timeline().connectionNumber();
        }
        link.register(this);
        if (binding != null && !binding.bind(this)) {
            abort("bearer " + binding.cid() + " is not open");
            throw new NetErrorException("bearer " + binding.cid() + " is not open (it was closed or dropped)");
        }
    }

    @Override
    public InputStream getInputStream() throws IOException {
        if (abortReason != null) {
            throw new SocketException(abortReason);
        }
        InputStream raw = super.getInputStream();
        synchronized (streamLock) {
            if (shapedIn == null) {
                shapedIn = new In(raw);
            }
            return shapedIn;
        }
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        if (abortReason != null) {
            throw new SocketException(abortReason);
        }
        OutputStream raw = super.getOutputStream();
        synchronized (streamLock) {
            if (shapedOut == null) {
                shapedOut = new Out(raw);
            }
            return shapedOut;
        }
    }

    @Override
    public void close() throws IOException {
        gone = true;
        try {
            super.close();
        } finally {
            cleanUp();
        }
    }

    @Override
    public void abort(String reason) {
        if (abortReason == null) {
            abortReason = "Connection reset: " + reason;
            log.info("connection to {} reset: {}", getRemoteSocketAddress(), reason);
        }
        gone = true;
        try {
            if (!isClosed()) {
                setSoLinger(true, 0); // close with RST, so the peer sees a reset too
            }
        } catch (IOException e) {
            // already closed under us: nothing to reset
        }
        try {
            super.close();
        } catch (IOException e) {
            log.debug("closing aborted socket", e);
        }
        cleanUp();
    }

    private void cleanUp() {
        if (cleaned.compareAndSet(false, true)) {
            link.unregister(this);
            if (binding != null) {
                binding.unbind(this);
            }
            link.faults().release(this);
        }
        wake();
    }

    void wake() {
        synchronized (waitLock) {
            waitLock.notifyAll();
        }
    }

    private long now() {
        return link.scheduler().nanoTime();
    }

    private void checkAlive() throws SocketException {
        String r = abortReason;
        if (r != null) {
            throw new SocketException(r);
        }
        if (gone) {
            throw new SocketException("Socket closed");
        }
    }

    private IOException translate(IOException e) {
        String r = abortReason;
        if (r == null || e instanceof SocketTimeoutException) {
            return e;
        }
        SocketException reset = new SocketException(r);
        reset.initCause(e);
        return reset;
    }

    /**
     * Waits on the scheduler's clock until {@code deadline} or until {@code done} holds, re-checking whenever the
     * socket is woken (fault change, close). Returns true when the deadline passed.
     *
     * <p>The wake-up is a scheduled task rather than {@link Scheduler#sleep}, so that clearing a fault or closing
     * the socket can end the wait early, and so a test on virtual time sees a pending task while a transfer waits.
     */
    private boolean await(long deadline, BooleanSupplier done) throws InterruptedIOException {
        Scheduler scheduler = link.scheduler();
        synchronized (waitLock) {
            while (true) {
                if (done.getAsBoolean()) {
                    return false;
                }
                long now = scheduler.nanoTime();
                if (now >= deadline) {
                    return true;
                }
                Cancellable wakeUp = deadline == FOREVER ? Cancellable.NONE
                        : scheduler.schedule(Duration.ofNanos(deadline - now), this::wake);
                try {
                    waitLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the link model delayed I/O");
                } finally {
                    wakeUp.cancel();
                }
            }
        }
    }

    private void sleepUntil(long deadline) throws IOException {
        if (deadline > now()) {
            await(deadline, () -> gone);
        }
        checkAlive();
    }

    private void awaitUnstalled(Direction d, long deadline) throws IOException {
        while (link.faults().stalls(this, d)) {
            checkAlive();
            boolean timedOut = await(deadline, () -> gone || !link.faults().stalls(this, d));
            checkAlive();
            if (timedOut) {
                throw new SocketTimeoutException("Read timed out (link stalled by a fault)");
            }
        }
    }

    /** The fewest bytes any cut fault still allows in {@code d}; {@code Long.MAX_VALUE} when none applies. */
    private long cutAllowance(Direction d) {
        List<ActiveFault> cuts = link.faults().cuts();
        if (cuts.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long min = Long.MAX_VALUE;
        synchronized (cutLock) {
            for (ActiveFault a : cuts) {
                if (a.fault().direction().covers(d)) {
                    min = Math.min(min, counter(a)[0]);
                }
            }
        }
        return min;
    }

    /** Counts {@code n} bytes in {@code d} against the cut faults; true when this connection was cut. */
    private boolean countCut(Direction d, int n) {
        List<ActiveFault> cuts = link.faults().cuts();
        if (cuts.isEmpty()) {
            return false;
        }
        ActiveFault due = null;
        synchronized (cutLock) {
            for (ActiveFault a : cuts) {
                if (a.fault().direction().covers(d)) {
                    long[] left = counter(a);
                    left[0] -= n;
                    if (left[0] <= 0 && due == null) {
                        due = a;
                    }
                }
            }
            cutLeft.keySet().removeIf(a -> !a.isActive());
        }
        // A one-shot cut fires for one connection only; if another got there first this one carries on.
        if (due != null && due.fire()) {
            abort("fault " + due.fault());
            return true;
        }
        return false;
    }

    /** Before moving bytes: a cut of 0 bytes, or one reached by the other direction, fires now. */
    private long allowanceOrCut(Direction d) throws SocketException {
        long allowance = cutAllowance(d);
        if (allowance <= 0) {
            if (countCut(d, 0)) {
                checkAlive();
            }
            allowance = Math.max(1, cutAllowance(d));
        }
        return allowance;
    }

    private long[] counter(ActiveFault a) {
        if (cutLeft == null) {
            cutLeft = new IdentityHashMap<>(2);
        }
        return cutLeft.computeIfAbsent(a, k -> new long[] {k.fault().bytes()});
    }

    private int soTimeoutMillis() {
        try {
            return getSoTimeout();
        } catch (SocketException e) {
            return 0;
        }
    }

    /**
     * Downlink: does the next read start a burst (and so pay one-way latency)? After this connection wrote: yes,
     * the peer answers a request. A first read, or one after an idle pause, continues the link's downlink flow when
     * that flow answered the last request and is still going (a data connection's first bytes arrive with the 150
     * reply that announced them, the 226 right behind the last data byte); otherwise only data not already
     * waiting for us is a new burst.
     */
    private boolean readStartsBurst(InputStream raw, int held) {
        if (wroteSinceRead) {
            return true;
        }
        long now = now();
        if (readSeen && now - lastReadEnd <= link.model().latency().toNanos()) {
            return false;
        }
        if (link.downlinkFlowing(now)) {
            return false;
        }
        if (!readSeen) {
            return true;
        }
        // Idle for longer than the latency: only data not already waiting for us is a new burst.
        try {
            return held == 0 && raw.available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean waiting(InputStream raw) {
        try {
            return raw.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Where a read continuing a burst books the downlink from: when the previous read was due rather than when its
     * thread got round to the next call, if the bytes were already waiting. A real module's TCP stack keeps
     * receiving while the application handles the last block; the simulator's own wake-up and hand-over time is
     * not link time. Bounded by the one-way latency, so no idle time is banked.
     */
    private long readFrom(long now, boolean burst, boolean waiting) {
        if (burst || !waiting || !readSeen) {
            return now;
        }
        return Math.max(Math.min(now, lastReadDue), now - link.model().latency().toNanos());
    }

    /** A shaped read or write in the timeline: bytes, the burst delay paid, the wait for the direction's rate. */
    private void record(String what, int n, long start, long sent, long delay) {
        Timeline t = link.timeline();
        if (t.isOn()) {
            long latency = link.model().latency().toNanos();
            t.record(what + " #" + number + " " + n + " B: " + (delay > 0 ? "burst " + Timeline.ms(latency)
                    + " + jitter " + Timeline.ms(delay - latency) + ", " : "") + "rate " + Timeline.ms(sent - start));
        }
    }

    private boolean writeStartsBurst() {
        return !writeSeen || readSinceWrite || now() - lastWriteEnd > link.model().latency().toNanos();
    }

    private final class In extends InputStream {
        private final InputStream raw;
        /** Bytes read from the socket but not yet delivered: a stalled read that timed out keeps them here. */
        private byte[] held;
        private int heldOff;
        private int heldLen;

        In(InputStream raw) {
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            if (link.passThrough() && heldLen == 0) {
                try {
                    return raw.read();
                } catch (IOException e) {
                    throw translate(e);
                }
            }
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (link.passThrough() && heldLen == 0) {
                try {
                    return raw.read(b, off, len);
                } catch (IOException e) {
                    throw translate(e);
                }
            }
            return shapedRead(b, off, len);
        }

        private int shapedRead(byte[] b, int off, int len) throws IOException {
            checkAlive();
            int so = soTimeoutMillis();
            long deadline = so > 0 ? now() + TimeUnit.MILLISECONDS.toNanos(so) : FOREVER;
            awaitUnstalled(Direction.DOWNLINK, deadline);
            long rate = link.rateBps(SimSocket.this, Direction.DOWNLINK);
            int max = (int) Math.min(Math.min(len, Link.chunk(rate)), allowanceOrCut(Direction.DOWNLINK));
            boolean burst = readStartsBurst(raw, heldLen);
            boolean waiting = heldLen > 0 || waiting(raw);
            int n;
            if (heldLen > 0) {
                n = Math.min(max, heldLen);
                System.arraycopy(held, heldOff, b, off, n);
                heldOff += n;
                heldLen -= n;
            } else {
                link.enterRealSocket();
                try {
                    n = raw.read(b, off, max);
                } catch (IOException e) {
                    throw translate(e);
                } finally {
                    link.leaveRealSocket();
                }
            }
            if (n < 0) {
                link.timeline().record(() -> "read #" + number + " end of stream");
                return n;
            }
            if (link.faults().stalls(SimSocket.this, Direction.DOWNLINK)) {
                try {
                    awaitUnstalled(Direction.DOWNLINK, deadline);
                } catch (SocketTimeoutException e) {
                    pushBack(b, off, n);
                    throw e;
                }
            }
            long delay = burst ? link.burstDelayNanos(SimSocket.this) : 0;
            long start = readFrom(now(), burst, waiting);
            long sent = link.reserve(Direction.DOWNLINK, start, n, rate);
            sleepUntil(sent + delay);
            record("read", n, start, sent, delay);
            readSeen = true;
            wroteSinceRead = false;
            readSinceWrite = true;
            lastReadDue = sent + delay;
            lastReadEnd = now();
            link.readEnded(lastReadDue);
            countCut(Direction.DOWNLINK, n);
            return n;
        }

        /** Keeps bytes a timed-out read already took, in front of anything held before. */
        private void pushBack(byte[] b, int off, int n) {
            byte[] merged = new byte[n + heldLen];
            System.arraycopy(b, off, merged, 0, n);
            if (heldLen > 0) {
                System.arraycopy(held, heldOff, merged, n, heldLen);
            }
            held = merged;
            heldOff = 0;
            heldLen = merged.length;
        }

        @Override
        public int available() throws IOException {
            checkAlive();
            try {
                return heldLen + raw.available();
            } catch (IOException e) {
                throw translate(e);
            }
        }

        @Override
        public void close() throws IOException {
            SimSocket.this.close();
        }
    }

    private final class Out extends OutputStream {
        private final OutputStream raw;

        Out(OutputStream raw) {
            this.raw = raw;
        }

        @Override
        public void write(int b) throws IOException {
            if (link.passThrough()) {
                try {
                    raw.write(b);
                } catch (IOException e) {
                    throw translate(e);
                }
                return;
            }
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return;
            }
            if (link.passThrough()) {
                try {
                    raw.write(b, off, len);
                } catch (IOException e) {
                    throw translate(e);
                }
                return;
            }
            while (len > 0) {
                checkAlive();
                awaitUnstalled(Direction.UPLINK, FOREVER);
                long rate = link.rateBps(SimSocket.this, Direction.UPLINK);
                int n = (int) Math.min(Math.min(len, Link.chunk(rate)), allowanceOrCut(Direction.UPLINK));
                long delay = writeStartsBurst() ? link.burstDelayNanos(SimSocket.this) : 0;
                long start = now();
                long sent = link.reserve(Direction.UPLINK, start, n, rate);
                sleepUntil(sent + delay);
                record("write", n, start, sent, delay);
                link.enterRealSocket();
                try {
                    raw.write(b, off, n);
                } catch (IOException e) {
                    throw translate(e);
                } finally {
                    link.leaveRealSocket();
                }
                writeSeen = true;
                readSinceWrite = false;
                wroteSinceRead = true;
                lastWriteEnd = now();
                link.writeEnded(lastWriteEnd);
                off += n;
                len -= n;
                if (countCut(Direction.UPLINK, n) && len > 0) {
                    checkAlive();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                raw.flush();
            } catch (IOException e) {
                throw translate(e);
            }
        }

        @Override
        public void close() throws IOException {
            SimSocket.this.close();
        }
    }
}
