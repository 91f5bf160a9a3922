package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT+FTPPUT (seed C1015). Mode 1 opens an upload session ({@link PutOperation}); with AT+FTPEXTPUT=1 or
 * AT+FTPFILEPUT=1 it uploads the RAM buffer in one go instead ({@link BulkPutOperation}: {@code OK} then
 * {@code +FTPPUT: 1,0}). Mode 2,n sends n bytes (0 ends the upload).
 *
 * <pre>
 *   AT+FTPPUT=1        OK  ...  +FTPPUT: 1,1,1360
 *   AT+FTPPUT=2,100    +FTPPUT: 2,100  &lt;100 raw bytes&gt;  OK  ...  +FTPPUT: 1,1,1360
 *   AT+FTPPUT=2,0      OK  ...  +FTPPUT: 1,0
 *   AT+FTPPUT=1        OK  ...  +FTPPUT: 1,66        while another session is open (IPAN 3.13)
 * </pre>
 */
final class FtpPutCommand implements CommandHandler {

    private final FtpApplication app;

    FtpPutCommand(FtpApplication app) {
        this.app = app;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() == Form.TEST) {
            return Response.ok();
        }
        if (req.form() != Form.WRITE) {
            throw CommandException.error("+FTPPUT needs a mode");
        }
        int mode = req.integer(0, 1, 2);
        if (mode == 1) {
            req.expectArgs(1, 1);
            boolean ram = app.extPutMode == 1 || app.filePutMode == 1;
            app.start(ram ? BulkPutOperation.fromStore(app) : new PutOperation(app));
            return Response.ok();
        }
        req.expectArgs(2, 2);
        int n = req.integer(1, 0, 65535);
        PutOperation p = app.current(PutOperation.class);
        if (p == null) {
            throw CommandException.error("+FTPPUT=2: no put session");
        }
        return p.write(n, ctx);
    }
}
