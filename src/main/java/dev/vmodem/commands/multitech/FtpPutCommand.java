package dev.vmodem.commands.multitech;

import dev.vmodem.at.AtEngine;
import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.command.DataReceiver;
import dev.vmodem.at.data.DleEtxDecoder;
import dev.vmodem.at.data.DleEtxEncoder;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.ftp.FtpEngine;
import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpSession;
import dev.vmodem.ftp.FtpUpload;
import dev.vmodem.ftp.PutMode;
import dev.vmodem.net.Bearers;
import dev.vmodem.net.NetAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT#FTPPUT: connects to {@code #FTPSERV}, logs in, opens {@code #FTPPUTPATH/#FTPPUTFILENAME} for writing (STOR),
 * then takes the host's DLE-escaped data up to a bare ETX and uploads it (MT333D p. 29).
 *
 * <pre>
 *   AT#FTPPUT
 *   \r\nOk_Info_WaitingForData\r\n          (ATV0: 1028\r)    the switch to data mode; no echo from here
 *   host: 41 10 03 42 10 10 43 03           payload 41 03 42 10 43, then the bare ETX
 *   03                                      the ETX echoed (ATE1 only; MT333D p. 75: "which is echoed")
 *   \r\nOK\r\n                              once the server confirmed the file (226)
 * </pre>
 *
 * <p>{@code Ok_Info_WaitingForData} comes once the server has accepted STOR, so DNS, connect and login failures are
 * errors without a data phase. The data streams: the serial reader decodes each chunk into an {@link UploadPipe} of
 * {@value #PIPE} bytes that a worker thread drains into the FTP upload; when the server is slower than the host the
 * full pipe holds the serial reader back. Bytes after the bare ETX go back to the command parser. If the upload fails
 * while the host is still sending, the rest of its data is read and dropped up to its ETX (so none of it is taken for
 * commands), then the error is answered. Codes: see {@link FtpRequest}.
 */
final class FtpPutCommand implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(FtpPutCommand.class);
    /** Bigger than what the engine holds while the command is pending, so replaying that never blocks. */
    static final int PIPE = 64 * 1024;
    private static final int BLOCK = 8192;
    private static final byte[] ETX = {DleEtxEncoder.ETX};

    static {
        if (PIPE <= AtEngine.MAX_PENDING_INPUT) {
            throw new ExceptionInInitializerError("pipe " + PIPE + " <= " + AtEngine.MAX_PENDING_INPUT);
        }
    }

    private final IpSession session;

    FtpPutCommand(IpSession session) {
        this.session = session;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() != Form.EXECUTE) {
            throw IpResults.fail(IpResults.SYNTAX_ERROR, "AT#FTPPUT has no " + req.form() + " form");
        }
        FtpRequest request = FtpRequest.of(session, "#FTPPUTFILENAME", "#FTPPUTPATH");
        NetAccess net = request.access(session);
        Bearers bearers = session.bearers();
        FtpRequest.worker("multitech-ftpput", () -> run(request, net, bearers, ctx)).start();
        return Response.pending();
    }

    private static void run(FtpRequest request, NetAccess net, Bearers bearers, CommandContext ctx) {
        UploadPipe pipe = new UploadPipe(PIPE);
        long bytes = 0;
        try (FtpEngine engine = new FtpEngine(net)) {
            FtpSession session = engine.newSession(request.options());
            FtpUpload upload;
            try {
                session.connect();
                upload = session.store(request.path(), PutMode.STOR);
            } catch (FtpException e) {
                session.close();
                int code = FtpRequest.code(e, bearers, request.cid());
                FtpRequest.logFailure("AT#FTPPUT " + request.path(), e, code);
                ctx.complete(IpResults.errorResponse(code));
                return;
            }
            ctx.complete(Response.intermediate(IpResults.WAITING_FOR_DATA).receive(new Receiver(pipe, ctx)));
            try {
                byte[] block = new byte[BLOCK];
                int n;
                while ((n = pipe.read(block, 0, block.length)) >= 0) {
                    upload.write(block, 0, n);
                    bytes += n;
                }
                if (pipe.isAborted()) {
                    log.info("AT#FTPPUT {}: data phase aborted after {} bytes", request.path(), bytes);
                    session.abort();
                    return;
                }
                upload.finish();
                session.quit();
                log.info("AT#FTPPUT {}: {} bytes", request.path(), bytes);
                ctx.complete(Response.ok());
            } catch (FtpException e) {
                pipe.discard();
                session.close();
                int code = FtpRequest.code(e, bearers, request.cid());
                FtpRequest.logFailure("AT#FTPPUT " + request.path() + " after " + bytes + " bytes", e, code);
                if (pipe.awaitClose()) {
                    ctx.complete(IpResults.errorResponse(code));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pipe.abort();
        } catch (RuntimeException e) {
            log.error("AT#FTPPUT failed", e);
            pipe.discard();
            try {
                if (pipe.awaitClose()) {
                    ctx.complete(Response.error());
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The data phase: decodes the host's bytes into the pipe up to the bare ETX. Runs under the engine's lock. */
    private static final class Receiver implements DataReceiver {
        private final UploadPipe pipe;
        private final CommandContext ctx;
        private final DleEtxDecoder decoder = new DleEtxDecoder();
        private final byte[] scratch = new byte[BLOCK];

        Receiver(UploadPipe pipe, CommandContext ctx) {
            this.pipe = pipe;
            this.ctx = ctx;
        }

        @Override
        public int receive(byte[] bytes, int offset, int length) {
            int taken = 0;
            while (taken < length && !decoder.isEnded()) {
                int n = decoder.decode(bytes, offset + taken, length - taken, scratch, 0, scratch.length);
                taken += decoder.consumed();
                try {
                    pipe.write(scratch, 0, n);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pipe.abort();
                }
            }
            if (decoder.isEnded()) {
                pipe.close();
            }
            return taken;
        }

        @Override
        public boolean finished() {
            return decoder.isEnded();
        }

        /** The ETX is echoed under ATE1 (MT333D p. 75); the final result comes from the worker. */
        @Override
        public Response finish() {
            Response r = Response.pending();
            return ctx.settings().echo ? r.data(ETX) : r;
        }

        @Override
        public void abort() {
            pipe.abort();
        }
    }
}
