package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT&amp;D[&lt;n&gt;]: what a DTR drop does. 0 ignored, 1 back to command mode keeping the connection, 2 back to
 * command mode and hang up (default 1; saved by AT&amp;W). {@code AT&D} alone means AT&amp;D0.
 *
 * <pre>
 *   AT&amp;D2  →  OK
 *   AT&amp;D3  →  ERROR
 * </pre>
 */
final class DtrCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        ctx.settings().dtr = BasicValue.of(req, 0, 2);
        return Response.ok();
    }
}
