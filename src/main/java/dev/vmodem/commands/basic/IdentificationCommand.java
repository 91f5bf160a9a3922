package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.profile.Profile;

/**
 * ATI[0]: the product line and firmware release ({@code identity.ati} of the profile). Other numbers and forms answer
 * ERROR.
 *
 * <pre>
 *   ATI  →  \r\nSIM800 R14.18\r\n\r\nOK\r\n
 * </pre>
 */
final class IdentificationCommand implements CommandHandler {

    private final Profile profile;

    IdentificationCommand(Profile profile) {
        this.profile = profile;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        BasicValue.of(req, 0, 0);
        return Response.info(profile.lines("identity.ati"));
    }
}
