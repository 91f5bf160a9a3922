package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.modem.SettingsStore;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT&amp;W[0]: saves the current settings (E, V, Q, X, S-registers, &amp;C, &amp;D, CMEE, CIURC, CREG, CGREG, IPR, IFC)
 * as the profile ATZ and power-on load. With a state directory it survives a restart of the emulator.
 *
 * <pre>
 *   ATE0&amp;W  →  OK          (the next power-on starts without echo)
 *   AT&amp;W1   →  ERROR
 * </pre>
 */
final class SaveCommand implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(SaveCommand.class);

    private final SettingsStore store;

    SaveCommand(SettingsStore store) {
        this.store = store;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        BasicValue.of(req, 0, 0);
        try {
            store.save(ctx.settings());
        } catch (IOException e) {
            log.warn("AT&W: cannot save settings: {}", e.toString());
            return Response.error();
        }
        return Response.ok();
    }
}
