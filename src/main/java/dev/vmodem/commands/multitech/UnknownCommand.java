package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * Any {@code AT#} command the IP stack does not know: {@code #CME ERROR: 34817} ("Bad command: Unknown command"),
 * as the stack's own parser answers, instead of the engine's plain {@code ERROR} for unknown commands.
 *
 * <pre>
 *   AT#VSTATE  →  #CME ERROR: 34817    (ERROR under AT+CMEE=0, and while the stack is stopped)
 * </pre>
 */
final class UnknownCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        throw IpResults.fail(IpResults.UNKNOWN_COMMAND, "unknown command AT" + req.name());
    }
}
