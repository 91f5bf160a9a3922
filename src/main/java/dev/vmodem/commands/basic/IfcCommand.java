package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT+IFC=&lt;dce_by_dte&gt;[,&lt;dte_by_dce&gt;]: flow control each way, 0 none, 1 XON/XOFF, 2 RTS/CTS. Default 0,0
 * (the manuals disagree; SPAN and TCPAN say off). A left-out second value keeps its setting. Saved by AT&amp;W, not
 * reset by ATZ or AT&amp;F.
 *
 * <pre>
 *   AT+IFC=?    →  +IFC: (0-2),(0-2)   OK
 *   AT+IFC?     →  +IFC: 0,0           OK
 *   AT+IFC=2,2  →  OK
 * </pre>
 */
final class IfcCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.info("+IFC: (0-2),(0-2)");
            case READ -> Response.info("+IFC: " + ctx.settings().ifcRx + "," + ctx.settings().ifcTx);
            case WRITE -> {
                req.expectArgs(1, 2);
                int rx = req.integer(0, 0, 2);
                int tx = req.integer(1, 0, 2, ctx.settings().ifcTx);
                ctx.settings().ifcRx = rx;
                ctx.settings().ifcTx = tx;
                yield Response.ok();
            }
            case EXECUTE -> throw CommandException.error("AT+IFC has no execute form");
        };
    }
}
