package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * ATV0 / ATV1: numeric or verbose result codes. The reply to ATV0 is already numeric ({@code 0\r}), because the
 * setting applies before the result is written.
 */
final class VerboseCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() != Form.EXECUTE) {
            throw CommandException.error("ATV takes 0 or 1");
        }
        ctx.settings().verbose = req.integer(0, 0, 1, 0) == 1;
        return Response.ok();
    }
}
