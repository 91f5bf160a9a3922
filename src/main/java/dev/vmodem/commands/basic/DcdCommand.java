package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT&amp;C[&lt;n&gt;]: how the DCD line behaves. 0 always on, 1 on only while a data carrier is present (default 1;
 * saved by AT&amp;W). {@code AT&C} alone means AT&amp;C0.
 *
 * <pre>
 *   AT&amp;C1  →  OK
 *   AT&amp;C2  →  ERROR
 * </pre>
 */
final class DcdCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        ctx.settings().dcd = BasicValue.of(req, 0, 1);
        return Response.ok();
    }
}
