package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT+FTPGET (seed C1014) and, with {@code list}, AT+FTPLIST (C1022): mode 1 opens the session, mode 2,n reads up to
 * n (1-1460) bytes. See {@link DownloadOperation} for the exchange.
 *
 * <pre>
 *   AT+FTPGET=1          OK  ...  +FTPGET: 1,1
 *   AT+FTPGET=2,1024     \r\n+FTPGET: 2,50\r\n&lt;50 bytes&gt;\r\nOK\r\n
 *   AT+FTPGET=2,1000     ERROR     before +FTPGET: 1,1, or after the session ended (IPAN 3.14)
 * </pre>
 */
final class FtpGetCommand implements CommandHandler {

    private final FtpApplication app;
    private final boolean list;

    FtpGetCommand(FtpApplication app, boolean list) {
        this.app = app;
        this.list = list;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() == Form.TEST) {
            return Response.ok();
        }
        if (req.form() != Form.WRITE) {
            throw CommandException.error(req.name() + " needs a mode");
        }
        int mode = req.integer(0, 1, 2);
        if (mode == 1) {
            req.expectArgs(1, 1);
            app.start(new DownloadOperation(app, list));
            return Response.ok();
        }
        req.expectArgs(2, 2);
        int n = req.integer(1, 1, 1460);
        DownloadOperation d = app.current(DownloadOperation.class);
        if (d == null || d.isList() != list) {
            throw CommandException.error(req.name() + "=2: no " + (list ? "list" : "get") + " session");
        }
        return d.read(n);
    }
}
