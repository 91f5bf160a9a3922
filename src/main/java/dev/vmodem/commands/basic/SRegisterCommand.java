package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import java.util.Map;

/**
 * ATS&lt;n&gt;? and ATS&lt;n&gt;=&lt;v&gt;: the S-registers the SIM800 has, with its ranges (saved by AT&amp;W).
 *
 * <pre>
 *   register  range    default   meaning
 *   S0        0-255    0         rings before auto-answer
 *   S3        13       13        line terminator (only CR)
 *   S4        10       10        response formatting character (only LF)
 *   S5        0-127    8         backspace character
 *   S6        2-10     2         seconds before blind dialling
 *   S7        1-255    60        seconds to wait for a connection
 *   S8        0-255    2         seconds of pause for ',' in a dial string
 *   S10       1-254    15        tenths of a second before hanging up after carrier loss
 * </pre>
 *
 * The read form prints the plain decimal value ({@code 13}, not {@code 013}: the manual shows {@code <n>} and no
 * capture says otherwise). {@code ATS7=} with no value sets the default, as M109 §1.4.2 says. The S6 and S8 ranges
 * are those of V.250 (the SIM800 facts do not give them). Other registers, values out of range and the test form
 * answer ERROR.
 *
 * <pre>
 *   ATS0?     →  \r\n0\r\n\r\nOK\r\n
 *   ATS0=2    →  OK
 *   ATS3=10   →  ERROR
 * </pre>
 */
final class SRegisterCommand implements CommandHandler {

    private record Range(int min, int max, int dflt) {
    }

    private static final Map<Integer, Range> REGISTERS = Map.of(
        0, new Range(0, 255, 0),
        3, new Range(13, 13, 13),
        4, new Range(10, 10, 10),
        5, new Range(0, 127, 8),
        6, new Range(2, 10, 2),
        7, new Range(1, 255, 60),
        8, new Range(0, 255, 2),
        10, new Range(1, 254, 15));

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        Range range = REGISTERS.get(req.register());
        if (range == null) {
            throw CommandException.error("no register S" + req.register());
        }
        int[] s = ctx.settings().s;
        return switch (req.form()) {
            case READ -> Response.info(Integer.toString(s[req.register()]));
            case WRITE -> {
                s[req.register()] = req.integer(0, range.min(), range.max(), range.dflt());
                yield Response.ok();
            }
            case TEST, EXECUTE -> throw CommandException.error("ATS" + req.register() + " has no "
                + req.form() + " form");
        };
    }
}
