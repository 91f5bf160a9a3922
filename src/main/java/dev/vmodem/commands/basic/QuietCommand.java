package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/** ATQ0 / ATQ1: result codes shown or suppressed (information text is still shown). ATQ1 itself answers nothing. */
final class QuietCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() != Form.EXECUTE) {
            throw CommandException.error("ATQ takes 0 or 1");
        }
        ctx.settings().quiet = req.integer(0, 0, 1, 0) == 1;
        return Response.ok();
    }
}
