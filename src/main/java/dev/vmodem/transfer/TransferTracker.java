package dev.vmodem.transfer;

import dev.vmodem.time.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file transfers of one modem, for people to watch: the dashboard, the console progress line, {@code GET
 * /state}. The FTP engine reports every RETR, LIST, STOR, APPE and STOU here (whichever AT dialect started it):
 *
 * <pre>
 *   Transfer t = tracker.start("download", "RETR /fw.bin", 0, 102400);
 *   t.progress(8192); ...              // bytes moved by each read or write
 *   t.end("done", "ok");               // or "failed", "download error (79): ..."; or "cancelled"
 * </pre>
 *
 * <p>Listeners hear each start and end, and progress at most every {@value #PROGRESS_INTERVAL_MS} ms per transfer
 * (on the modem's clock), on the transferring thread: they must be quick. The tracker keeps the running transfers
 * and the last {@value #KEEP_ENDED} ended ones. Thread-safe.
 */
public final class TransferTracker {

    private static final Logger log = LoggerFactory.getLogger(TransferTracker.class);

    static final long PROGRESS_INTERVAL_MS = 200;
    static final int KEEP_ENDED = 20;

    private final Scheduler clock;
    private final List<Consumer<TransferInfo>> listeners = new CopyOnWriteArrayList<>();
    private final List<Transfer> running = new ArrayList<>();
    private final Deque<TransferInfo> ended = new ArrayDeque<>();
    private int nextId = 1;
    private volatile boolean wantTotals;

    public TransferTracker(Scheduler clock) {
        this.clock = clock;
    }

    /**
     * Whether someone wants to see totals (a dashboard, a progress line): the FTP engine then asks the server for a
     * download's SIZE before RETR, which costs one round trip. Off by default, so an unwatched modem sends exactly
     * what a SIM800 sends.
     */
    public boolean wantsTotals() {
        return wantTotals;
    }

    public void wantTotals(boolean on) {
        wantTotals = on;
    }

    /** Hears every start and end, and progress now and then; the returned handle stops it. */
    public AutoCloseable subscribe(Consumer<TransferInfo> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A transfer begins; {@code total} -1 when unknown. */
    public Transfer start(String direction, String name, long offset, long total) {
        Transfer t;
        synchronized (this) {
            t = new Transfer(nextId++, direction, name, offset, total, clock.nanoTime());
            running.add(t);
        }
        fire(t.info());
        return t;
    }

    /** The running transfers and the recently ended ones, oldest first. */
    public synchronized List<TransferInfo> all() {
        List<TransferInfo> out = new ArrayList<>(ended);
        for (Transfer t : running) {
            out.add(t.info());
        }
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return out;
    }

    /** Forgets the ended transfers. */
    public synchronized void clearEnded() {
        ended.clear();
    }

    private void fire(TransferInfo info) {
        for (Consumer<TransferInfo> l : listeners) {
            try {
                l.accept(info);
            } catch (RuntimeException e) {
                log.warn("transfer listener failed", e);
            }
        }
    }

    /** One transfer in progress; report to it from the thread that moves the bytes. */
    public final class Transfer {
        private final int id;
        private final String direction;
        private final String name;
        private final long offset;
        private final long startNanos;
        private volatile long total;
        private volatile long done;
        private volatile long lastFired;
        private volatile long endNanos = -1;
        private volatile String state = "running";
        private volatile String outcome;

        private Transfer(int id, String direction, String name, long offset, long total, long startNanos) {
            this.id = id;
            this.direction = direction;
            this.name = name;
            this.offset = offset;
            this.total = total;
            this.startNanos = startNanos;
            this.lastFired = startNanos;
        }

        /** {@code n} more bytes moved. */
        public void progress(long n) {
            if (n <= 0 || endNanos >= 0) {
                return;
            }
            done += n;
            long now = clock.nanoTime();
            if (now - lastFired >= PROGRESS_INTERVAL_MS * 1_000_000L) {
                lastFired = now;
                fire(info());
            }
        }

        /** Ends it: {@code state} "done", "failed" or "cancelled"; {@code outcome} a short text. Once only. */
        public void end(String state, String outcome) {
            TransferInfo info;
            synchronized (TransferTracker.this) {
                if (endNanos >= 0) {
                    return;
                }
                endNanos = clock.nanoTime();
                this.state = state;
                this.outcome = outcome;
                if (state.equals("done") && total < 0) {
                    total = done;
                }
                running.remove(this);
                info = info();
                ended.addLast(info);
                while (ended.size() > KEEP_ENDED) {
                    ended.removeFirst();
                }
            }
            fire(info);
        }

        public boolean isEnded() {
            return endNanos >= 0;
        }

        public TransferInfo info() {
            long end = endNanos;
            long elapsedNanos = Math.max(0, (end >= 0 ? end : clock.nanoTime()) - startNanos);
            long elapsedMs = elapsedNanos / 1_000_000;
            long d = done;
            long tot = total;
            double rate = elapsedNanos <= 0 ? 0 : d * 1e9 / elapsedNanos;
            long eta = tot < 0 ? -1 : tot <= d ? 0 : rate <= 0 ? -1 : (long) ((tot - d) * 1000 / rate);
            return new TransferInfo(id, direction, name, d, tot, offset, elapsedMs, Math.round(rate * 10) / 10.0, eta,
                state, outcome);
        }
    }
}
