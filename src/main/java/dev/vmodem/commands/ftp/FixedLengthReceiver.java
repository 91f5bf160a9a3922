package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.DataReceiver;
import dev.vmodem.at.response.Response;
import dev.vmodem.time.Scheduler;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes exactly {@code length} raw bytes from the host (AT+FTPPUT=2,n and AT+FTPEXTPUT=2,pos,len): no echo, no
 * escaping; what follows goes back to the command parser. If the host sends nothing for {@code timeout} (measured on
 * the modem's scheduler, from the header and from each chunk), the data phase ends with {@code onTimeout}'s answer
 * and the bytes received are dropped; an aborted data phase (the host went away) runs {@code onTimeout} too. The
 * receiver watches that itself with a timer of its own, or, made with
 * {@link #watchedByCaller}, leaves it to a caller that serves many blocks with one timer ({@link #expireIfIdle()}):
 * arming a timer per block wakes the timer thread per block.
 */
final class FixedLengthReceiver implements DataReceiver {

    private static final Logger log = LoggerFactory.getLogger(FixedLengthReceiver.class);

    private final byte[] data;
    private final Function<byte[], Response> onComplete;
    private final Supplier<Response> onTimeout;
    private final CommandContext ctx;
    private final Scheduler scheduler;
    private final Duration timeout;
    private final String what;
    private int received;
    private volatile long lastActivity;
    private Scheduler.Cancellable timer;
    private boolean aborted;

    FixedLengthReceiver(String what, int length, Duration timeout, CommandContext ctx, Scheduler scheduler,
                        Function<byte[], Response> onComplete, Supplier<Response> onTimeout) {
        this(what, length, timeout, ctx, scheduler, onComplete, onTimeout, true);
    }

    /** Like the constructor, without a timer: the caller calls {@link #expireIfIdle()} often enough. */
    static FixedLengthReceiver watchedByCaller(String what, int length, Duration timeout, CommandContext ctx,
                                               Scheduler scheduler, Function<byte[], Response> onComplete,
                                               Supplier<Response> onTimeout) {
        return new FixedLengthReceiver(what, length, timeout, ctx, scheduler, onComplete, onTimeout, false);
    }

    private FixedLengthReceiver(String what, int length, Duration timeout, CommandContext ctx, Scheduler scheduler,
                                Function<byte[], Response> onComplete, Supplier<Response> onTimeout, boolean timed) {
        this.what = what;
        this.data = new byte[length];
        this.onComplete = onComplete;
        this.onTimeout = onTimeout;
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.lastActivity = scheduler.nanoTime();
        this.timer = timed ? scheduler.schedule(timeout, this::check) : Scheduler.Cancellable.NONE;
    }

    /**
     * Under the engine lock: ends the data phase with {@code onTimeout}'s answer if the host has sent nothing for the
     * timeout. Returns the nanoseconds until that could happen, or -1 when the receiver is done (finished, aborted,
     * expired now).
     */
    long expireIfIdle() {
        if (finished() || aborted) {
            return -1;
        }
        long idle = scheduler.nanoTime() - lastActivity;
        if (idle < timeout.toNanos()) {
            return timeout.toNanos() - idle;
        }
        log.info("{}: no data from the host for {} ms: {} of {} bytes received, dropped", what,
            timeout.toMillis(), received, data.length);
        aborted = true;
        ctx.endDataMode(this, onTimeout.get());
        return -1;
    }

    private void check() {
        long idle = scheduler.nanoTime() - lastActivity;
        if (idle < timeout.toNanos()) {
            timer = scheduler.schedule(Duration.ofNanos(timeout.toNanos() - idle), this::check);
            return;
        }
        log.info("{}: no data from the host for {} ms: {} of {} bytes received, dropped", what,
            timeout.toMillis(), received, data.length);
        ctx.execute(() -> {
            if (!finished() && !aborted) {
                aborted = true;
                ctx.endDataMode(this, onTimeout.get());
            }
        });
    }

    @Override
    public int receive(byte[] bytes, int offset, int length) {
        int n = Math.min(length, data.length - received);
        System.arraycopy(bytes, offset, data, received, n);
        received += n;
        lastActivity = scheduler.nanoTime();
        return n;
    }

    @Override
    public boolean finished() {
        return received == data.length;
    }

    @Override
    public Response finish() {
        timer.cancel();
        return onComplete.apply(data);
    }

    /**
     * The data phase ended without its bytes (the host went away, the modem was reset): the same way out as the
     * input timeout, so that the command behind it is ready again (a PUT session takes the next block), except that
     * the engine writes the answer itself.
     */
    @Override
    public void abort() {
        if (aborted) {
            return;
        }
        aborted = true;
        timer.cancel();
        log.info("{}: data phase aborted: {} of {} bytes received, dropped", what, received, data.length);
        onTimeout.get();
    }
}
