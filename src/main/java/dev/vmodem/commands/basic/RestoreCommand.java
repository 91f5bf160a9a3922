package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.modem.SettingsStore;

/**
 * ATZ[0]: back to the settings AT&amp;W saved (factory defaults when nothing was saved). The UART parameters (AT+IPR,
 * AT+IFC) keep their current values, as on the SIM800. The OK is already written with the restored settings (a saved
 * ATV0 answers {@code 0\r}).
 *
 * <pre>
 *   ATZ   →  OK
 *   ATZ1  →  ERROR
 * </pre>
 */
final class RestoreCommand implements CommandHandler {

    private final SettingsStore store;

    RestoreCommand(SettingsStore store) {
        this.store = store;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        BasicValue.of(req, 0, 0);
        ctx.settings().copyFrom(store.load(), false);
        return Response.ok();
    }
}
