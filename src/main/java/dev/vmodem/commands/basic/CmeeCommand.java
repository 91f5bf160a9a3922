package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT+CMEE: how errors look. 0 plain {@code ERROR}, 1 {@code +CME ERROR: <n>}, 2 {@code +CME ERROR: <text>}.
 *
 * <pre>
 *   AT+CMEE=?  →  +CMEE: (0-2)  OK
 *   AT+CMEE?   →  +CMEE: 0      OK
 *   AT+CMEE=2  →  OK
 * </pre>
 */
final class CmeeCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.info("+CMEE: (0-2)");
            case READ -> Response.info("+CMEE: " + ctx.settings().cmee);
            case WRITE -> {
                req.expectArgs(1, 1);
                ctx.settings().cmee = req.integer(0, 0, 2);
                yield Response.ok();
            }
            case EXECUTE -> {
                ctx.settings().cmee = 0;
                yield Response.ok();
            }
        };
    }
}
