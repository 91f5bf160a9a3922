package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.modem.Modem;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AT+CCLK: the real-time clock, as {@code "yy/MM/dd,hh:mm:ss±zz"}: local time and the zone in quarter hours
 * (-47..+48). It runs on the modem's clock (virtual in tests); until it is set it shows UTC ({@code +00}). The write
 * form takes exactly that format, quoted, with a real date; anything else is ERROR.
 *
 * <pre>
 *   AT+CCLK=?                          →  OK
 *   AT+CCLK="24/05/06,22:10:00+08"     →  OK
 *   AT+CCLK?                           →  +CCLK: "24/05/06,22:10:00+08"  OK
 *   AT+CCLK="24/13/06,22:10:00+08"     →  ERROR
 * </pre>
 */
final class CclkCommand implements CommandHandler {

    private static final Pattern TIME =
        Pattern.compile("(\\d\\d)/(\\d\\d)/(\\d\\d),(\\d\\d):(\\d\\d):(\\d\\d)([+-])(\\d\\d)");

    private final Modem modem;

    CclkCommand(Modem modem) {
        this.modem = modem;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.ok();
            case READ -> Response.info("+CCLK: \"" + format(modem.clockMillis(), modem.clockZoneQuarters()) + "\"");
            case WRITE -> {
                req.expectArgs(1, 1);
                if (!req.args().get(0).quoted()) {
                    throw CommandException.error("AT+CCLK: the time must be quoted in " + req.raw());
                }
                set(req.text(0));
                yield Response.ok();
            }
            case EXECUTE -> throw CommandException.error("AT+CCLK has no execute form");
        };
    }

    private void set(String text) throws CommandException {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            throw CommandException.error("AT+CCLK: not yy/MM/dd,hh:mm:ss±zz: \"" + text + "\"");
        }
        int zone = Integer.parseInt(m.group(8)) * (m.group(7).equals("-") ? -1 : 1);
        if (zone < -47 || zone > 48) {
            throw CommandException.error("AT+CCLK: time zone " + zone + " not in -47..48");
        }
        try {
            LocalDateTime local = LocalDateTime.of(2000 + Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)));
            modem.setClock(local.toInstant(ZoneOffset.ofTotalSeconds(zone * 15 * 60)).toEpochMilli(), zone);
        } catch (DateTimeException e) {
            throw CommandException.error("AT+CCLK: no such time: \"" + text + "\"");
        }
    }

    /** The SIM800 text form of an instant in a zone given in quarter hours. */
    static String format(long epochMillis, int zoneQuarters) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis),
            ZoneOffset.ofTotalSeconds(zoneQuarters * 15 * 60));
        return String.format("%02d/%02d/%02d,%02d:%02d:%02d%+03d", Math.floorMod(t.getYear(), 100),
            t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), zoneQuarters);
    }
}
