package dev.vmodem.at.command;

import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * One AT command. Handlers are small classes named after their command; their state lives in the modem's context
 * objects, not in the handler. They run one at a time per modem, under the engine's lock.
 */
@FunctionalInterface
public interface CommandHandler {

    /**
     * Handles one request of a command line.
     *
     * @throws CommandException to fail with the given final result (the rest of the line is not run)
     */
    Response handle(Request request, CommandContext context) throws CommandException;
}
