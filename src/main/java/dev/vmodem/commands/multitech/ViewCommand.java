package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import java.util.List;

/**
 * The view commands: several parameters' read lines in one answer.
 *
 * <pre>
 *   AT#VDNS  →  #DNSSERV1: "0.0.0.0"
 *               #DNSSERV2: "0.0.0.0"
 *               OK
 *   AT#VALL  →  every parameter, in the order of {@link IpSession#PARAMETERS}, then OK
 * </pre>
 */
final class ViewCommand implements CommandHandler {

    private final IpSession session;
    private final List<Parameter> parameters;

    ViewCommand(IpSession session, List<Parameter> parameters) {
        this.session = session;
        this.parameters = List.copyOf(parameters);
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() != Form.EXECUTE) {
            throw IpResults.fail(IpResults.SYNTAX_ERROR, "AT" + req.name() + " has no " + req.form() + " form");
        }
        return Response.info(session.readLines(parameters));
    }
}
