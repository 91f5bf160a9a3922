package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * ATH[0]: hang up. The emulator has no voice or CSD calls, so there is never anything to disconnect and the answer is
 * OK, as a SIM800 gives it with no call.
 *
 * <pre>
 *   ATH   →  OK
 *   ATH1  →  ERROR
 * </pre>
 */
final class HangUpCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        BasicValue.of(req, 0, 0);
        return Response.ok();
    }
}
