package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.config.Config;

/**
 * AT+CBC: battery charge status, level (percent) and voltage (mV), from the settings {@code modem.battery.status},
 * {@code modem.battery.level} and {@code modem.battery.voltage.mv}, read at each call.
 *
 * <pre>
 *   AT+CBC=?  →  +CBC: (0-2),(1-100),(voltage)  OK
 *   AT+CBC    →  +CBC: 0,95,4100                OK
 * </pre>
 */
final class CbcCommand implements CommandHandler {

    private final Config config;

    CbcCommand(Config config) {
        this.config = config;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() == Form.TEST) {
            return Response.info("+CBC: (0-2),(1-100),(voltage)");
        }
        if (req.form() != Form.EXECUTE) {
            throw CommandException.error("AT+CBC has no " + req.form() + " form");
        }
        return Response.info("+CBC: " + config.getInt("modem.battery.status", 0) + ","
            + config.getInt("modem.battery.level", 95) + "," + config.getInt("modem.battery.voltage.mv", 4100));
    }
}
