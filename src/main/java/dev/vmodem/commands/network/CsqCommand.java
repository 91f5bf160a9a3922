package dev.vmodem.commands.network;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.net.Radio;
import dev.vmodem.net.RadioState;

/**
 * AT+CSQ: signal quality, {@code <rssi>} 0..31 or 99 and {@code <ber>} 0..7 or 99. With the radio off or out of
 * coverage both read 99 ("not known or not detectable"). The SIM800 has only the test and execute forms.
 *
 * <pre>
 *   AT+CSQ=?  →  +CSQ: (0-31,99),(0-7,99)  OK
 *   AT+CSQ    →  +CSQ: 20,0                OK
 * </pre>
 */
final class CsqCommand implements CommandHandler {

    private final Radio radio;

    CsqCommand(Radio radio) {
        this.radio = radio;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.info("+CSQ: (0-31,99),(0-7,99)");
            case EXECUTE -> {
                RadioState s = radio.state();
                yield Response.info("+CSQ: " + s.rssi() + "," + s.ber());
            }
            case READ, WRITE -> throw CommandException.error("AT+CSQ has only the test and execute forms");
        };
    }
}
