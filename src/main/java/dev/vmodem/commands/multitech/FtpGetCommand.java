package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.data.DleEtxEncoder;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.ftp.FtpDownload;
import dev.vmodem.ftp.FtpEngine;
import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpSession;
import dev.vmodem.net.Bearers;
import dev.vmodem.net.NetAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT#FTPGET: connects to {@code #FTPSERV}, logs in, retrieves {@code #FTPGETPATH/#FTPGETFILENAME}, sends it to the
 * host DLE-escaped, and closes the FTP connection (MT333D p. 28).
 *
 * <pre>
 *   AT#FTPGET
 *   \r\nOk_Info_DataBegin\r\n                       (ATV0: 1025\r)   the switch to data mode
 *   41 10 03 42 10 10 43 ...                        the file: ETX as DLE ETX, DLE as DLE DLE
 *   03                                              a bare ETX: the end of the file, back to command mode
 *   \r\nOK\r\n                                      the FTP process completed
 *
 *   failure before the data:  \r\n#CME ERROR: 38027\r\n
 *   failure during the data:  ... 03 \r\n#CME ERROR: 37966\r\n   (the ETX first, as the manual says)
 * </pre>
 *
 * <p>{@code Ok_Info_DataBegin} is sent once the server has accepted RETR, so a missing file or a refused login
 * is an error without a data phase. The transfer runs on a worker thread and streams: a block read from the server is
 * encoded and written to the line before the next is read, so the line's pace holds the server back and nothing
 * is buffered beyond one block. Codes: see {@link FtpRequest}.
 */
final class FtpGetCommand implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(FtpGetCommand.class);
    /** One read takes what the socket has, up to this, and goes to the line in one write. */
    private static final int BLOCK = 64 * 1024;
    private static final byte[] ETX = {DleEtxEncoder.ETX};

    private final IpSession session;

    FtpGetCommand(IpSession session) {
        this.session = session;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() != Form.EXECUTE) {
            throw IpResults.fail(IpResults.SYNTAX_ERROR, "AT#FTPGET has no " + req.form() + " form");
        }
        FtpRequest request = FtpRequest.of(session, "#FTPGETFILENAME", "#FTPGETPATH");
        NetAccess net = request.access(session);
        Bearers bearers = session.bearers();
        FtpRequest.worker("multitech-ftpget", () -> run(request, net, bearers, ctx)).start();
        return Response.pending();
    }

    private static void run(FtpRequest request, NetAccess net, Bearers bearers, CommandContext ctx) {
        boolean dataStarted = false;
        long bytes = 0;
        try (FtpEngine engine = new FtpEngine(net)) {
            FtpSession session = engine.newSession(request.options());
            try {
                session.connect();
                try (FtpDownload download = session.retrieve(request.path(), 0)) {
                    ctx.complete(Response.intermediate(IpResults.DATA_BEGIN).thenPending());
                    dataStarted = true;
                    byte[] block = new byte[BLOCK];
                    byte[] encoded = new byte[DleEtxEncoder.maxEncodedLength(BLOCK)];
                    int n;
                    while ((n = download.read(block, 0, block.length)) >= 0) {
                        int e = DleEtxEncoder.encode(block, 0, n, encoded, 0);
                        ctx.writeData(encoded, 0, e);
                        bytes += n;
                    }
                }
                ctx.writeData(ETX, 0, 1);
                dataStarted = false;
                session.quit();
                log.info("AT#FTPGET {}: {} bytes", request.path(), bytes);
                ctx.complete(Response.ok());
            } catch (FtpException e) {
                session.close();
                int code = FtpRequest.code(e, bearers, request.cid());
                FtpRequest.logFailure("AT#FTPGET " + request.path() + " after " + bytes + " bytes", e, code);
                if (dataStarted) {
                    ctx.writeData(ETX, 0, 1);
                }
                ctx.complete(IpResults.errorResponse(code));
            }
        } catch (RuntimeException e) {
            log.error("AT#FTPGET failed", e);
            if (dataStarted) {
                ctx.writeData(ETX, 0, 1);
            }
            ctx.complete(Response.error());
        }
    }
}
