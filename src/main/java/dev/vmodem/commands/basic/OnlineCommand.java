package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * ATO[0]: return to the data connection that {@code +++} left. With no data connection to resume the SIM800 answers
 * {@code ERROR} (M109 §2.2.13; it was NO CARRIER before V1.00). No command of this family opens a resumable data
 * connection; a family that does (transparent TCP) registers its own "O" in place of this one.
 *
 * <pre>
 *   ATO   →  ERROR
 * </pre>
 */
final class OnlineCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        BasicValue.of(req, 0, 0);
        throw CommandException.error("ATO: no data connection to resume");
    }
}
