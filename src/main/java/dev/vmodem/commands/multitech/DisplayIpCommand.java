package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT#DISPLAYIP: the addresses of the GPRS connection. A GPRS context has no peer, and the gateway is not shown:
 * drivers' captures print both as {@code 0.0.0.0}.
 *
 * <pre>
 *   AT#DISPLAYIP  →  #MY IP: "10.89.193.1"
 *                    #PEER IP: "0.0.0.0"
 *                    #GATEWAY IP: "0.0.0.0"
 *                    OK
 *   AT#DISPLAYIP  →  #CME ERROR: 35867          (no connection, as a driver expects)
 * </pre>
 */
final class DisplayIpCommand implements CommandHandler {

    private final IpSession session;

    DisplayIpCommand(IpSession session) {
        this.session = session;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() != Form.EXECUTE) {
            throw IpResults.fail(IpResults.SYNTAX_ERROR, "AT#DISPLAYIP has no " + req.form() + " form");
        }
        if (!session.connected()) {
            throw IpResults.fail(IpResults.NOT_CONNECTED, "AT#DISPLAYIP: no connection");
        }
        return Response.info("#MY IP: \"" + session.connection().ip() + "\"", "#PEER IP: \"0.0.0.0\"",
                "#GATEWAY IP: \"0.0.0.0\"");
    }
}
