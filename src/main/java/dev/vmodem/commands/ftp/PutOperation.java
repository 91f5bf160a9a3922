package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.response.Response;
import dev.vmodem.ftp.FtpError;
import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpSession;
import dev.vmodem.ftp.FtpUpload;
import dev.vmodem.ftp.PutMode;
import dev.vmodem.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AT+FTPPUT=1 session: the host writes blocks with AT+FTPPUT=2,n and ends with AT+FTPPUT=2,0.
 *
 * <pre>
 *   AT+FTPPUT=1            OK
 *                          +FTPPUT: 1,1,1360       the server accepted STOR (OPENING → READY)
 *   AT+FTPPUT=2,100        +FTPPUT: 2,100          then exactly 100 raw bytes (RECEIVING)
 *                          OK                      the block is queued for the data connection
 *                          +FTPPUT: 1,1,1360       ready for more (READY), or later (WRITING) when the queue is full
 *   AT+FTPPUT=2,0          OK                      end of data (CLOSING)
 *                          +FTPPUT: 1,0            every block written, and the server confirmed (226)
 * </pre>
 *
 * <p>A worker writes the queued blocks to the data connection in order, while the host sends the next ones: at
 * most {@value #QUEUED} blocks wait behind the one being written, and when that many do, the readiness URC waits
 * until the worker has written some (the host holds back, as the SIM800's own buffer makes it). The worker is woken
 * when {@value #BATCH} blocks wait, or takes what is there after a short linger, and writes them in one piece:
 * waking it for every block cost more than writing the block. It is woken after the block's {@code OK} is written,
 * so the host never waits for that wake-up. A write failure ends
 * the session with its code, so a block confirmed with {@code OK} is either on the server or reported lost by the
 * failure URC; {@code +FTPPUT: 1,0} comes only after every block was written and the server confirmed the file.
 *
 * <p>The server ending the upload on its own (its control connection closed, as when it stops or dies, or a
 * negative reply in the middle) ends the session at once with the code of that cause ({@code +FTPPUT: 1,65} for
 * a closed control connection), also while the host is between two blocks.
 *
 * <p>AT+FTPPUT=2 in any state but READY answers ERROR (IPAN 3.14). A READY session the host leaves alone for
 * AT+FTPTIMEOUT seconds ends with {@code +FTPPUT: 1,64}.
 */
final class PutOperation extends FtpOperation {

    enum State { OPENING, READY, RECEIVING, WRITING, CLOSING }

    /** Blocks that may wait for the data connection behind the one being written (48 × 1360 B: 64 KB). */
    static final int QUEUED = 48;
    /**
     * Blocks that make the worker write at once; fewer wait up to {@link #LINGER_NANOS} to be written together. Each
     * wake-up of the worker (and of the server behind the data connection) takes CPU from the host and the serial
     * line: measured over a pty on 2 cores, waking it at 16 blocks instead of 4 ran the upload loop about a fifth
     * faster, and at 32 instead of 16 about a fifth faster again.
     */
    static final int BATCH = 32;
    /**
     * How long a block may wait for others to share one write (real time, like the data connection). Waking the
     * worker per block costs more than the block's write; a host that stops sending loses at most this much.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
    /** What one write to the data connection takes at most: a whole batch of the longest blocks, up to 64 KiB. */
    private static final int MAX_SCRATCH = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(PutOperation.class);
    private static final byte[] END = new byte[0];
    private static final byte[] WAKE = new byte[0];

    /**
     * Blocks for the worker, then END. Bounded by the protocol: a block is accepted only in READY, and READY is
     * withheld while {@link #unwritten} exceeds {@link #QUEUED}; a WAKE or two may join.
     */
    private final ConcurrentLinkedQueue<byte[]> blocks = new ConcurrentLinkedQueue<>();
    private volatile Thread worker;
    /** The worker waits without a time limit (nothing queued): any block wakes it. */
    private volatile boolean workerIdle;
    /** Blocks accepted from the host and not yet written to the data connection (the worker counts down). */
    private final AtomicInteger unwritten = new AtomicInteger();
    private State state = State.OPENING;
    /** Modem clock when the session last became READY (the AT+FTPTIMEOUT idle time counts from there). */
    private long readySince;
    /** The block being received (RECEIVING), whose input timeout {@link #timerCheck()} watches. */
    private FixedLengthReceiver receiving;
    private Scheduler.Cancellable timer = Scheduler.Cancellable.NONE;
    private boolean timerArmed;

    PutOperation(FtpApplication app) {
        super(app, "FTPPUT");
    }

    @Override
    String failureUrc(int code) {
        return "+FTPPUT: 1," + code;
    }

    @Override
    void check() throws FtpException {
        if (!"STOU".equals(params.putOpt)) {
            requireName(params.putName);
        }
    }

    @Override
    void work(FtpSession session) throws FtpException {
        PutMode mode = PutMode.ofAtValue(params.putOpt);
        String path = params.putName.isEmpty() && mode == PutMode.STOU
            ? (params.putPath.isEmpty() ? null : params.putPath) : join(params.putPath, params.putName);
        worker = Thread.currentThread();
        byte[] scratch = new byte[Math.min(BATCH * app.settings().maxPutLength(), MAX_SCRATCH)];
        try (FtpUpload u = session.store(path, mode)) {
            // the server may end the upload while the host is between blocks: wake up and report it
            u.onServerEnd(() -> hand(WAKE));
            app.execute(this::ready);
            boolean lastWrote = false;
            while (true) {
                byte[] b = blocks.poll();
                if (b == null) {
                    if (isEnded() || Thread.currentThread().isInterrupted()) {
                        return; // closing u cancels the upload
                    }
                    if (lastWrote) {
                        LockSupport.parkNanos(this, LINGER_NANOS); // a batch or the linger, whichever first
                        lastWrote = false;
                    } else {
                        workerIdle = true;
                        if (blocks.isEmpty()) {
                            LockSupport.park(this);
                        }
                        workerIdle = false;
                    }
                    continue;
                }
                if (isEnded()) {
                    return;
                }
                if (b == WAKE) {
                    u.checkServer(); // throws: the failure URC follows from there
                    continue;
                }
                if (b == END) {
                    String name = u.finish();
                    log.debug("FTPPUT: stored {}", name);
                    succeed("+FTPPUT: 1,0");
                    return;
                }
                // what else is queued goes in the same write, up to the scratch buffer
                int n = 1;
                int len = b.length;
                byte[] first = b;
                if (blocks.peek() != null && isData(blocks.peek()) && len + blocks.peek().length <= scratch.length) {
                    System.arraycopy(b, 0, scratch, 0, len);
                    first = scratch;
                    byte[] next;
                    while ((next = blocks.peek()) != null && isData(next) && len + next.length <= scratch.length) {
                        blocks.poll();
                        System.arraycopy(next, 0, scratch, len, next.length);
                        len += next.length;
                        n++;
                    }
                }
                u.write(first, 0, len);
                lastWrote = true;
                if (unwritten.getAndAdd(-n) > QUEUED) {
                    app.execute(this::written); // the queue was full: the host waits for the readiness URC
                }
            }
        } finally {
            worker = null;
        }
    }

    private static boolean isData(byte[] b) {
        return b != WAKE && b != END;
    }

    /** Queues {@code b} for the worker and wakes it. */
    private void hand(byte[] b) {
        blocks.add(b);
        wakeWorker.run();
    }

    private final Runnable wakeWorker = () -> {
        Thread w = worker;
        if (w != null) {
            LockSupport.unpark(w);
        }
    };

    // ---- under the engine lock ----

    private void ready() {
        if (isEnded()) {
            return;
        }
        state = State.READY;
        app.urc("+FTPPUT: 1,1," + app.settings().maxPutLength());
        readySince = app.scheduler().nanoTime();
        if (!timerArmed) {
            timerArmed = true;
            armTimer(Duration.ofNanos(checkInterval()));
        }
    }

    /** The worker wrote a block out of a full queue. */
    private void written() {
        if (!isEnded() && state == State.WRITING && unwritten.get() <= QUEUED) {
            ready();
        }
    }

    /**
     * One timer for the whole session, not one or two per block (arming a timer wakes the timer thread): it ends a
     * session READY for AT+FTPTIMEOUT and a block whose bytes pause for the input timeout, and otherwise sets itself
     * for the earliest moment either could happen. Between blocks it looks at least once per input timeout, so a
     * block that starts after a look is never due before the next one.
     */
    private void armTimer(Duration delay) {
        timer = app.scheduler().schedule(delay, () -> app.execute(this::timerCheck));
    }

    private long checkInterval() {
        long input = Math.max(1_000_000, app.settings().inputTimeout().toNanos());
        return Math.min(Duration.ofSeconds(params.timeout).toNanos(), input);
    }

    private void timerCheck() {
        if (isEnded()) {
            return;
        }
        long limit = Duration.ofSeconds(params.timeout).toNanos();
        long idle = state == State.READY ? app.scheduler().nanoTime() - readySince : 0;
        if (idle >= limit) {
            log.info("FTPPUT: no data from the host for {} s (AT+FTPTIMEOUT): session closed (64)", params.timeout);
            failNow(FtpError.TIMEOUT.code());
            quitSession();
            return;
        }
        long next = state == State.READY ? limit - idle : checkInterval();
        if (state == State.RECEIVING && receiving != null) {
            long due = receiving.expireIfIdle();
            if (due >= 0) {
                next = Math.min(next, due);
            }
        }
        armTimer(Duration.ofNanos(Math.min(next, checkInterval())));
    }

    /** AT+FTPPUT=2,n. */
    Response write(int length, CommandContext ctx) throws CommandException {
        if (isEnded() || state != State.READY) {
            throw CommandException.error("FTPPUT=2 in state " + (isEnded() ? "ENDED" : state));
        }
        int max = app.settings().maxPutLength();
        if (length > max) {
            throw CommandException.error("FTPPUT=2," + length + ": more than " + max);
        }
        if (length == 0) {
            state = State.CLOSING;
            hand(END);
            return Response.ok();
        }
        state = State.RECEIVING;
        receiving = FixedLengthReceiver.watchedByCaller("FTPPUT=2," + length, length,
            app.settings().inputTimeout(), ctx, app.scheduler(),
            data -> {
                receiving = null;
                if (isEnded()) {
                    return Response.error();
                }
                int queued = unwritten.incrementAndGet();
                blocks.add(data);
                if (queued >= BATCH || workerIdle) {
                    app.afterOutput(wakeWorker); // after the OK is on its way: the host need not wait for it
                }
                if (queued > QUEUED) {
                    state = State.WRITING;
                } else {
                    ready(); // queued now, written while the host sends the next block: the URC follows the OK
                }
                return Response.ok();
            },
            () -> {
                receiving = null;
                if (!isEnded()) {
                    state = State.READY;
                    readySince = app.scheduler().nanoTime();
                }
                return Response.error();
            });
        return Response.info("+FTPPUT: 2," + length).receive(receiving);
    }

    /**
     * A failure the worker finds (a write, the server's end) comes after the readiness URC of the blocks it concerns,
     * while the host may be sending its next command. It goes through the modem's scheduler, like the session's
     * timers: at once in real time; on a test clock when that clock next runs, so a test sees it in a defined place
     * (after the answer to whatever the host sent meanwhile, which then meets a session that is still open).
     */
    @Override
    void postFailure(Runnable report) {
        app.scheduler().schedule(Duration.ZERO, () -> app.execute(report));
    }

    @Override
    void ended() {
        timer.cancel();
        hand(END);
    }
}
