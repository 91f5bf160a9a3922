package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import java.util.Arrays;

/**
 * AT+IPR: the UART rate. 0 is autobaud: like on the SIM800 it takes effect at the next power-on (saved with AT&amp;W),
 * which then sends no power-on codes and waits for an {@code AT}. A SIM800 lists no auto-detectable rates separately
 * (the empty first list, as field devices print it). Not reset by ATZ or AT&amp;F.
 *
 * <pre>
 *   AT+IPR=?       →  +IPR: (),(0,1200,2400,4800,9600,19200,38400,57600,115200,230400,460800)  OK
 *   AT+IPR?        →  +IPR: 115200   OK
 *   AT+IPR=9600    →  OK
 *   AT+IPR=14400   →  ERROR
 * </pre>
 */
final class IprCommand implements CommandHandler {

    static final int[] RATES = {0, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800};
    private static final String TEST = "+IPR: (),(" + String.join(",",
        Arrays.stream(RATES).mapToObj(Integer::toString).toArray(String[]::new)) + ")";

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.info(TEST);
            case READ -> Response.info("+IPR: " + ctx.settings().ipr);
            case WRITE -> {
                req.expectArgs(1, 1);
                int rate = req.integer(0, 0, RATES[RATES.length - 1]);
                if (Arrays.stream(RATES).noneMatch(r -> r == rate)) {
                    throw CommandException.error("AT+IPR: unsupported rate " + rate);
                }
                ctx.settings().ipr = rate;
                yield Response.ok();
            }
            case EXECUTE -> throw CommandException.error("AT+IPR has no execute form");
        };
    }
}
