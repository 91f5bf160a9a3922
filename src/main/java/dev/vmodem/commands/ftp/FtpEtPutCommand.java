package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT+FTPETPUT (seed C1024): mode 1 opens the upload ({@code OK}, {@code +FTPETPUT: 1,1}); mode 2 takes the
 * DLE/ETX-framed data ({@link EtPutOperation}). Mode 2 in any other state answers ERROR. Not in sim800-strict.
 */
final class FtpEtPutCommand implements CommandHandler {

    private final FtpApplication app;

    FtpEtPutCommand(FtpApplication app) {
        this.app = app;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() == Form.TEST) {
            return Response.ok();
        }
        if (req.form() != Form.WRITE) {
            throw CommandException.error("+FTPETPUT needs a mode");
        }
        req.expectArgs(1, 1);
        int mode = req.integer(0, 1, 2);
        if (mode == 1) {
            app.start(new EtPutOperation(app));
            return Response.ok();
        }
        EtPutOperation op = app.current(EtPutOperation.class);
        if (op == null) {
            throw CommandException.error("+FTPETPUT=2: no ETPUT session");
        }
        return op.write(ctx);
    }
}
