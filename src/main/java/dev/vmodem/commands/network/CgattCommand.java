package dev.vmodem.commands.network;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.CmeError;
import dev.vmodem.at.response.Response;
import dev.vmodem.net.NetworkStateException;
import dev.vmodem.net.Radio;

/**
 * AT+CGATT: GPRS attach.
 *
 * <pre>
 *   AT+CGATT=?  →  +CGATT: (0,1)   OK
 *   AT+CGATT?   →  +CGATT: 1       OK
 *   AT+CGATT=0  →  OK              open bearers drop: +SAPBR 1: DEACT (and +CGREG: 0 with AT+CGREG=1) follow
 *   AT+CGATT=1  →  OK, or +CME ERROR: 100 when there is nothing to attach to
 * </pre>
 *
 * <ul>
 *   <li>Attaching needs the radio on, coverage and packet registration. When one is missing the answer is
 *       {@code +CME ERROR: 100} (unknown): the code a field log shows for a failed {@code AT+CGATT=1} on a SIM800 under
 *       CMEE=1; the manual names none. Plain {@code ERROR} under CMEE=0.</li>
 *   <li>Attaching when attached and detaching when detached answer OK and change nothing.</li>
 *   <li>Detaching drops every open bearer; the drops are reported as URCs after the OK.</li>
 *   <li>A value other than 0 or 1, a missing value, or more than one value: ERROR, as the manual says.</li>
 *   <li>Both answers are immediate (the manual allows up to 10 s, 75 s in V1.10).</li>
 * </ul>
 */
final class CgattCommand implements CommandHandler {

    private final Radio radio;

    CgattCommand(Radio radio) {
        this.radio = radio;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.info("+CGATT: (0,1)");
            case READ -> Response.info("+CGATT: " + (radio.state().attached() ? 1 : 0));
            case WRITE -> {
                req.expectArgs(1, 1);
                if (req.integer(0, 0, 1) == 0) {
                    radio.detach();
                } else {
                    try {
                        radio.attach();
                    } catch (NetworkStateException e) {
                        throw CommandException.cme(CmeError.UNKNOWN, "AT+CGATT=1: " + e.getMessage());
                    }
                }
                yield Response.ok();
            }
            case EXECUTE -> throw CommandException.error("AT+CGATT has no execute form");
        };
    }
}
