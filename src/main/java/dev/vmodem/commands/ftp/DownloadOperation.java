package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.response.Response;
import dev.vmodem.ftp.FtpDownload;
import dev.vmodem.ftp.FtpError;
import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpSession;
import dev.vmodem.time.Scheduler;
import java.time.Duration;

/**
 * An AT+FTPGET=1 or AT+FTPLIST=1 session: a worker pulls the data into a bounded {@link DownloadBuffer}; the host
 * reads it with mode 2.
 *
 * <pre>
 *   AT+FTPGET=1            OK
 *                          +FTPGET: 1,1            data is there (state OPENING → READABLE)
 *   AT+FTPGET=2,1024       +FTPGET: 2,50 &lt;50 bytes&gt; OK
 *   AT+FTPGET=2,1024       +FTPGET: 2,0  OK        nothing buffered now
 *                          +FTPGET: 1,1            more arrived after the buffer ran dry, or data waited unread
 *                                                  for ftp.urc.repeat.ms
 *   AT+FTPGET=2,1024       +FTPGET: 2,1024 ... OK
 *                          +FTPGET: 1,0            the server finished and the last byte was read
 * </pre>
 *
 * States: {@code OPENING} (connecting; mode 2 answers ERROR), {@code READABLE} (after the first
 * {@code +FTPGET: 1,1}), then the operation ends. When data waits unread for AT+FTPTIMEOUT seconds the session ends
 * with {@code +FTPGET: 1,64}. An empty file ends with {@code +FTPGET: 1,0} directly, without {@code 1,1}.
 */
final class DownloadOperation extends FtpOperation {

    enum State { OPENING, READABLE }

    private static final int CHUNK = 8192;

    private final boolean list;
    private final String prefix;
    private final DownloadBuffer buffer;
    private State state = State.OPENING;
    private boolean announced;
    private boolean serverDone;
    // While data waits unread: the repeat and host-timeout deadlines (scheduler nanos), and the one timer that
    // watches them. A read only moves the deadlines; the timer acts on what is due when it fires and sets itself for
    // the next deadline, so a stream of reads costs no timer operations.
    private boolean armed;
    private boolean repeatOn;
    private boolean repeatFirst;
    private long repeatDue;
    private long idleDue;
    private boolean watching;
    private long watchDue;
    private Scheduler.Cancellable watch = Scheduler.Cancellable.NONE;

    DownloadOperation(FtpApplication app, boolean list) {
        super(app, list ? "FTPLIST" : "FTPGET");
        this.list = list;
        this.prefix = list ? "+FTPLIST" : "+FTPGET";
        this.buffer = new DownloadBuffer(app.settings().bufferBytes());
    }

    boolean isList() {
        return list;
    }

    @Override
    String failureUrc(int code) {
        return prefix + ": 1," + code;
    }

    @Override
    void check() throws FtpException {
        if (!list) {
            getFile();
        }
    }

    @Override
    void work(FtpSession session) throws FtpException {
        try (FtpDownload d = list ? session.list(params.getPath) : session.retrieve(getFile(), params.rest)) {
            byte[] chunk = new byte[CHUNK];
            int n;
            while ((n = d.read(chunk, 0, chunk.length)) >= 0) {
                if (n == 0) {
                    continue;
                }
                for (int off = 0; off < n; ) {
                    try {
                        off += buffer.putSome(chunk, off, n - off);
                    } catch (DownloadBuffer.Closed e) {
                        return; // the operation ended (quit, host timeout): closing d cancels the transfer
                    }
                    if (buffer.filledFromEmpty()) {
                        // Only an empty buffer can leave the host without an announcement (before the first
                        // +FTPGET: 1,1, or after a read emptied it): a put into a non-empty one needs no engine call.
                        app.execute(this::dataArrived);
                    }
                }
            }
        }
        app.execute(this::serverFinished);
    }

    // ---- under the engine lock ----

    private void dataArrived() {
        if (isEnded() || announced || buffer.available() == 0) {
            return;
        }
        announce();
    }

    private void announce() {
        state = State.READABLE;
        announced = true;
        app.urc(prefix + ": 1,1");
        armTimers();
    }

    private void serverFinished() {
        serverDone = true;
        if (!isEnded() && buffer.available() == 0) {
            succeedNow();
        }
    }

    private void succeedNow() {
        if (end()) {
            app.urc(prefix + ": 1,0");
        }
    }

    /** AT+FTPGET=2,n / AT+FTPLIST=2,n. */
    Response read(int max) throws CommandException {
        if (isEnded() || state != State.READABLE) {
            throw CommandException.error(name() + "=2 in state " + (isEnded() ? "ENDED" : state));
        }
        byte[] data = buffer.take(max);
        if (buffer.wakeDue()) {
            app.afterOutput(buffer::wakeWorker); // the worker refills once this answer is on its way
        }
        if (buffer.available() == 0) {
            announced = false;
            disarmTimers();
            if (serverDone) {
                succeedNow();
            }
        } else {
            armTimers();
        }
        return Response.info(prefix + ": 2," + data.length).data(data);
    }

    /**
     * Data waits unread: repeat the announcement every ftp.urc.repeat.ms, and give up after AT+FTPTIMEOUT seconds
     * without a read; both counted from now (the announcement, or a read that left data).
     */
    private void armTimers() {
        long now = app.scheduler().nanoTime();
        Duration repeat = app.settings().urcRepeat();
        repeatOn = !repeat.isZero();
        repeatDue = now + repeat.toNanos();
        idleDue = now + Duration.ofSeconds(params.timeout).toNanos();
        // Both set at the same moment: on a tie the repeat goes first, as two timers set in that order would.
        repeatFirst = true;
        armed = true;
        watchFor(nextDue());
    }

    private long nextDue() {
        return repeatOn && repeatDue - idleDue < 0 ? repeatDue : idleDue;
    }

    /** Makes sure the timer fires no later than {@code due}. */
    private void watchFor(long due) {
        if (watching && watchDue - due <= 0) {
            return; // it fires earlier and sets itself again
        }
        watch.cancel();
        watching = true;
        watchDue = due;
        long delay = Math.max(0, due - app.scheduler().nanoTime());
        watch = app.scheduler().schedule(Duration.ofNanos(delay), () -> app.execute(this::watchFired));
    }

    private void watchFired() {
        watching = false;
        watch = Scheduler.Cancellable.NONE;
        if (!armed || isEnded()) {
            return;
        }
        long now = app.scheduler().nanoTime();
        boolean repeatNow = repeatOn && now - repeatDue >= 0;
        boolean idleNow = now - idleDue >= 0;
        if (repeatNow && (!idleNow || repeatFirst && repeatDue == idleDue)) {
            repeat(now);
        } else if (idleNow) {
            hostTimedOut();
        }
        if (armed && !isEnded()) {
            watchFor(nextDue());
        }
    }

    private void repeat(long now) {
        if (buffer.available() > 0) {
            app.urc(prefix + ": 1,1");
            repeatDue = now + app.settings().urcRepeat().toNanos();
            repeatFirst = false;
        } else {
            repeatOn = false;
        }
    }

    private void hostTimedOut() {
        if (buffer.available() > 0) {
            org.slf4j.LoggerFactory.getLogger(DownloadOperation.class).info(
                "{}: the host did not read for {} s (AT+FTPTIMEOUT): session closed (64)", name(), params.timeout);
            failNow(FtpError.TIMEOUT.code());
            quitSession();
        } else {
            armed = false;
        }
    }

    /** Nothing waits unread: the deadlines no longer count (the timer, if set, finds nothing to do). */
    private void disarmTimers() {
        armed = false;
    }

    @Override
    void ended() {
        armed = false;
        watch.cancel();
        buffer.close();
    }
}
