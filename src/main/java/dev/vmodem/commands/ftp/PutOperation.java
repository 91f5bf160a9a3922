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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AT+FTPPUT=1 session: the host writes blocks with AT+FTPPUT=2,n and ends with AT+FTPPUT=2,0.
 *
 * <pre>
 *   AT+FTPPUT=1            OK
 *                          +FTPPUT: 1,1,1360       the server accepted STOR (OPENING → READY)
 *   AT+FTPPUT=2,100        +FTPPUT: 2,100          then exactly 100 raw bytes (RECEIVING)
 *                          OK                      (WRITING: a worker hands them to the data connection)
 *                          +FTPPUT: 1,1,1360       ready for more (READY)
 *   AT+FTPPUT=2,0          OK                      end of data (CLOSING)
 *                          +FTPPUT: 1,0            the server confirmed (226)
 * </pre>
 *
 * AT+FTPPUT=2 in any state but READY answers ERROR (IPAN 3.14). A READY session the host leaves alone for
 * AT+FTPTIMEOUT seconds ends with {@code +FTPPUT: 1,64}.
 */
final class PutOperation extends FtpOperation {

    enum State { OPENING, READY, RECEIVING, WRITING, CLOSING }

    private static final Logger log = LoggerFactory.getLogger(PutOperation.class);
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> blocks = new LinkedBlockingQueue<>();
    private State state = State.OPENING;
    private Scheduler.Cancellable idleTimer = Scheduler.Cancellable.NONE;

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
        try (FtpUpload u = session.store(path, mode)) {
            app.execute(this::ready);
            while (true) {
                byte[] b;
                try {
                    b = blocks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (isEnded()) {
                    return; // closing u cancels the upload
                }
                if (b == END) {
                    String name = u.finish();
                    log.debug("FTPPUT: stored {}", name);
                    succeed("+FTPPUT: 1,0");
                    return;
                }
                u.write(b, 0, b.length);
                app.execute(this::ready);
            }
        }
    }

    // ---- under the engine lock ----

    private void ready() {
        if (isEnded()) {
            return;
        }
        state = State.READY;
        app.urc("+FTPPUT: 1,1," + app.settings().maxPutLength());
        idleTimer.cancel();
        idleTimer = app.scheduler().schedule(Duration.ofSeconds(params.timeout), () -> app.execute(() -> {
            if (!isEnded() && state == State.READY) {
                log.info("FTPPUT: no data from the host for {} s (AT+FTPTIMEOUT): session closed (64)",
                    params.timeout);
                failNow(FtpError.TIMEOUT.code());
                quitSession();
            }
        }));
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
        idleTimer.cancel();
        if (length == 0) {
            state = State.CLOSING;
            blocks.add(END);
            return Response.ok();
        }
        state = State.RECEIVING;
        return Response.info("+FTPPUT: 2," + length).receive(new FixedLengthReceiver("FTPPUT=2," + length, length,
            app.settings().inputTimeout(), ctx, app.scheduler(),
            data -> {
                if (isEnded()) {
                    return Response.error();
                }
                state = State.WRITING;
                blocks.add(data);
                return Response.ok();
            },
            () -> {
                if (!isEnded()) {
                    state = State.READY;
                }
                return Response.error();
            }));
    }

    @Override
    void ended() {
        idleTimer.cancel();
        blocks.add(END);
    }
}
