package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT+CIURC: whether {@code Call Ready} is shown when the SIM becomes ready (power-on, AT+CFUN=1). Default 1, as stock
 * modules print it; saved by AT&amp;W, so {@code AT+CIURC=0;&W} removes it from the next power-on.
 *
 * <pre>
 *   AT+CIURC=?  →  +CIURC: (0,1)  OK
 *   AT+CIURC?   →  +CIURC: 1      OK
 *   AT+CIURC=0  →  OK
 * </pre>
 */
final class CiurcCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.info("+CIURC: (0,1)");
            case READ -> Response.info("+CIURC: " + (ctx.settings().ciurc ? 1 : 0));
            case WRITE -> {
                req.expectArgs(1, 1);
                ctx.settings().ciurc = req.integer(0, 0, 1) == 1;
                yield Response.ok();
            }
            case EXECUTE -> throw CommandException.error("AT+CIURC has no execute form");
        };
    }
}
