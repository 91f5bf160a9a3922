package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.profile.Profile;

/**
 * The identification commands that print one profile value (AT+CGMI/GMI, AT+CGMM/GMM, AT+CGSN/GSN, AT+CIMI...):
 * the execute form prints it, the test form answers OK, anything else ERROR.
 *
 * <pre>
 *   AT+CGMI  →  \r\nSIMCOM_Ltd\r\n\r\nOK\r\n
 * </pre>
 */
final class IdentityCommand implements CommandHandler {

    private final Profile profile;
    private final String key;

    IdentityCommand(Profile profile, String key) {
        this.profile = profile;
        this.key = key;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() == Form.TEST) {
            return Response.ok();
        }
        if (req.form() != Form.EXECUTE) {
            throw CommandException.error(req.name() + " has no " + req.form() + " form");
        }
        return Response.info(profile.lines(key));
    }
}
