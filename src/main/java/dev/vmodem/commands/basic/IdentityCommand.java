package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.modem.Modem;
import dev.vmodem.profile.Profile;
import java.util.ArrayList;
import java.util.List;

/**
 * The identification commands that print profile values (AT+CGMI/GMI, AT+CGMM/GMM, AT+CGMR/GMR, AT+CGSN/GSN, AT+GSV,
 * AT+GCAP, AT+CIMI, AT+CCID): the execute form prints them, the test form answers OK, anything else ERROR. A
 * multi-line value ({@code a|b|c} in the profile) prints as one block with single CRLFs between its lines. Those that
 * read the SIM (AT+CIMI, AT+CCID) fail as {@link SimGate} says while the SIM is not ready.
 *
 * <pre>
 *   AT+CGMI  →  \r\nSIMCOM_Ltd\r\n\r\nOK\r\n
 *   AT+GSV   →  \r\nSIMCOM_Ltd\r\nSIMCOM_SIM800L\r\nRevision:1418B04SIM800L24\r\n\r\nOK\r\n
 *   AT+GCAP  →  \r\n+GCAP: +CGSM\r\n\r\nOK\r\n
 * </pre>
 */
final class IdentityCommand implements CommandHandler {

    private final Profile profile;
    private final String key;
    private final String prefix;
    private final Modem simOf;

    IdentityCommand(Profile profile, String key) {
        this(profile, key, "", null);
    }

    /**
     * @param prefix printed before the first line ({@code "+GCAP: "})
     * @param simOf  the modem whose SIM must be ready, or null when the value does not come from the SIM
     */
    IdentityCommand(Profile profile, String key, String prefix, Modem simOf) {
        this.profile = profile;
        this.key = key;
        this.prefix = prefix;
        this.simOf = simOf;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() == Form.TEST) {
            return Response.ok();
        }
        if (req.form() != Form.EXECUTE) {
            throw CommandException.error(req.name() + " has no " + req.form() + " form");
        }
        if (simOf != null) {
            SimGate.requireReady(simOf, req.name());
        }
        List<String> lines = new ArrayList<>(profile.lines(key));
        lines.set(0, prefix + lines.get(0));
        return Response.info(lines);
    }
}
