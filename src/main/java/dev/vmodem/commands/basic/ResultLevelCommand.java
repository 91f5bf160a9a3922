package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * ATX&lt;n&gt;: which result codes dialling reports and whether {@code CONNECT} carries text (0-4, default 4; saved by
 * AT&amp;W). {@code ATX} alone means ATX0.
 *
 * <pre>
 *   ATX4  →  OK
 *   ATX5  →  ERROR
 * </pre>
 */
final class ResultLevelCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        ctx.settings().resultLevel = BasicValue.of(req, 0, 4);
        return Response.ok();
    }
}
