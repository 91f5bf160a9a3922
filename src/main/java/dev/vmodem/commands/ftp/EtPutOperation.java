package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.DataReceiver;
import dev.vmodem.at.data.DleEtxDecoder;
import dev.vmodem.at.response.Response;
import dev.vmodem.ftp.FtpError;
import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpSession;
import dev.vmodem.ftp.FtpUpload;
import dev.vmodem.ftp.PutMode;
import dev.vmodem.time.Scheduler;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT+FTPETPUT: an upload the host sends in one DLE/ETX-framed stream (seed C1024).
 *
 * <pre>
 *   AT+FTPETPUT=1     OK
 *                     +FTPETPUT: 1,1            the server accepted STOR
 *   AT+FTPETPUT=2     +FTPETPUT: 2,1
 *   &lt;data, ETX as DLE ETX, DLE as DLE DLE&gt;&lt;ETX&gt;
 *                     OK                        bytes after the ETX are commands again
 *                     +FTPETPUT: 1,0            the server confirmed
 * </pre>
 *
 * The decoded data goes to the upload worker through a small bounded queue. When the queue is full the serial side
 * waits (as hardware flow control would hold the host); the worker drains it at the network's pace. If the host
 * stops sending for ftp.input.timeout.ms, the data phase ends with ERROR and the session with
 * {@code +FTPETPUT: 1,64}.
 */
final class EtPutOperation extends FtpOperation {

    enum State { OPENING, READY, RECEIVING, CLOSING }

    private static final Logger log = LoggerFactory.getLogger(EtPutOperation.class);
    private static final byte[] END = new byte[0];
    private static final int QUEUE_CHUNKS = 16;

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(QUEUE_CHUNKS + 1);
    private State state = State.OPENING;
    private volatile boolean workerGone;

    EtPutOperation(FtpApplication app) {
        super(app, "FTPETPUT");
    }

    @Override
    String failureUrc(int code) {
        return "+FTPETPUT: 1," + code;
    }

    @Override
    void check() throws FtpException {
        requireName(params.putName);
    }

    @Override
    void work(FtpSession session) throws FtpException {
        try {
            upload(session);
        } finally {
            workerGone = true; // a receiver waiting for queue room must not wait for a worker that is gone
        }
    }

    private void upload(FtpSession session) throws FtpException {
        try (FtpUpload u = session.store(join(params.putPath, params.putName), PutMode.ofAtValue(params.putOpt))) {
            app.execute(() -> {
                if (!isEnded()) {
                    state = State.READY;
                    app.urc("+FTPETPUT: 1,1");
                }
            });
            while (true) {
                byte[] b;
                try {
                    b = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (isEnded()) {
                    return;
                }
                if (b == END) {
                    u.finish();
                    succeed("+FTPETPUT: 1,0");
                    return;
                }
                u.write(b, 0, b.length);
            }
        }
    }

    /** AT+FTPETPUT=2, under the engine lock. */
    Response write(CommandContext ctx) throws CommandException {
        if (isEnded() || state != State.READY) {
            throw CommandException.error("FTPETPUT=2 in state " + (isEnded() ? "ENDED" : state));
        }
        state = State.RECEIVING;
        return Response.info("+FTPETPUT: 2,1").receive(new Receiver(ctx));
    }

    private void offer(byte[] chunk) {
        try {
            while (!isEnded() && !workerGone) {
                if (chunks.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    void ended() {
        chunks.clear();
        chunks.offer(END);
    }

    /** Decodes the host's DLE/ETX stream; stops at the bare ETX and leaves the rest to the parser. */
    private final class Receiver implements DataReceiver {
        private final DleEtxDecoder decoder = new DleEtxDecoder();
        private final CommandContext ctx;
        private final Scheduler scheduler = app.scheduler();
        private final Duration timeout = app.settings().inputTimeout();
        private volatile long lastActivity = scheduler.nanoTime();
        private Scheduler.Cancellable timer;
        private boolean over;

        Receiver(CommandContext ctx) {
            this.ctx = ctx;
            this.timer = scheduler.schedule(timeout, this::check);
        }

        private void check() {
            long idle = scheduler.nanoTime() - lastActivity;
            if (idle < timeout.toNanos()) {
                timer = scheduler.schedule(Duration.ofNanos(timeout.toNanos() - idle), this::check);
                return;
            }
            ctx.execute(() -> {
                if (over) {
                    return;
                }
                over = true;
                log.info("FTPETPUT: no data from the host for {} ms: session closed (64)", timeout.toMillis());
                ctx.endDataMode(this, Response.error());
                failNow(FtpError.TIMEOUT.code());
                quitSession();
            });
        }

        @Override
        public int receive(byte[] bytes, int offset, int length) {
            lastActivity = scheduler.nanoTime();
            byte[] out = new byte[Math.min(length, 8192)];
            int used = 0;
            while (used < length && !decoder.isEnded()) {
                int n = decoder.decode(bytes, offset + used, length - used, out, 0, out.length);
                used += decoder.consumed();
                if (n > 0 && !isEnded()) {
                    offer(Arrays.copyOf(out, n));
                }
            }
            return used;
        }

        @Override
        public boolean finished() {
            return decoder.isEnded();
        }

        @Override
        public Response finish() {
            over = true;
            timer.cancel();
            if (!isEnded()) {
                state = State.CLOSING;
                offer(END);
            }
            return Response.ok();
        }

        @Override
        public void abort() {
            over = true;
            timer.cancel();
        }
    }
}
