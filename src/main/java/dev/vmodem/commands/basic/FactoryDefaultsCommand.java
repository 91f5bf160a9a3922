package dev.vmodem.commands.basic;

import dev.vmodem.at.Settings;
import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT&amp;F[0]: manufacturer defaults for the current session (echo on, ATV1, ATQ0, ATX4, CMEE 0, S-registers...). The
 * UART parameters (AT+IPR, AT+IFC) keep their values, and nothing is saved: ATZ or a restart bring back the AT&amp;W
 * profile.
 *
 * <pre>
 *   AT&amp;F   →  OK
 *   AT&amp;F1  →  ERROR
 * </pre>
 */
final class FactoryDefaultsCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        BasicValue.of(req, 0, 0);
        ctx.settings().copyFrom(new Settings(), false);
        return Response.ok();
    }
}
