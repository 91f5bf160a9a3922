package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT+FTPETGET=1 (seed C1025): the whole file, DLE/ETX framed, in one data phase ({@link EtGetOperation}).
 * Not in sim800-strict (a SIM7000 command).
 */
final class FtpEtGetCommand implements CommandHandler {

    private final FtpApplication app;

    FtpEtGetCommand(FtpApplication app) {
        this.app = app;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() == Form.TEST) {
            return Response.ok();
        }
        if (req.form() != Form.WRITE) {
            throw CommandException.error("+FTPETGET needs a mode");
        }
        req.expectArgs(1, 1);
        req.integer(0, 1, 1);
        EtGetOperation op = new EtGetOperation(app, ctx);
        if (app.current() != null) {
            app.start(op); // refused: OK, then +FTPETGET: 1,66
            return Response.ok();
        }
        return op.begin();
    }
}
