package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.PendingAnswer;
import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.net.BearerStatus;

/**
 * AT#CONNECTIONSTOP: closes the GPRS connection (bearer {@code #GPRSCID}); OK once it is closed.
 *
 * <pre>
 *   AT#CONNECTIONSTOP  →  OK
 *   AT#CONNECTIONSTOP  →  #CME ERROR: 35866     (nothing to stop)
 * </pre>
 *
 * <p>With no connection the manual is silent; a driver that stops the connection on every reset notes "possible
 * 35866" (invalid event during activation process) and ignores it, so that is the answer here.
 */
final class ConnectionStopCommand implements CommandHandler {

    private final IpSession session;

    ConnectionStopCommand(IpSession session) {
        this.session = session;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() != Form.EXECUTE) {
            throw IpResults.fail(IpResults.SYNTAX_ERROR, "AT#CONNECTIONSTOP has no " + req.form() + " form");
        }
        BearerStatus status = session.connectionStatus();
        if (status != BearerStatus.CONNECTED) {
            throw IpResults.fail(IpResults.INVALID_EVENT, "no connection to stop: bearer " + session.cid() + " "
                    + status);
        }
        return PendingAnswer.await(session.bearers().close(session.cid()), ctx, o -> Response.ok());
    }
}
