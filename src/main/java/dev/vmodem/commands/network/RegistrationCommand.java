package dev.vmodem.commands.network;

import dev.vmodem.at.Settings;
import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.net.Radio;
import dev.vmodem.net.RadioState;
import dev.vmodem.net.RegStatus;

/**
 * AT+CREG (circuit-switched) and AT+CGREG (packet) network registration: one class for the two commands, which differ
 * only in their name, the registration they report and the setting that holds their mode.
 *
 * <pre>
 *   AT+CREG=?   →  +CREG: (0-2)                 OK
 *   AT+CREG?    →  +CREG: 0,1                   OK
 *   AT+CREG=2   →  OK
 *   AT+CREG?    →  +CREG: 2,1,"1A2B","3C4D"     OK
 *   (URC, n=1)     +CREG: 2                     when the registration status changes
 *   (URC, n=2)     +CREG: 1,"1A2B","3C4D"       when the status or, while registered, the cell changes
 * </pre>
 *
 * <p>{@code <n>} is 0..2 and lives in {@link Settings} ({@code creg}/{@code cgreg}), so AT&amp;W saves it and ATZ
 * restores it. {@code AT+CREG=} with no value sets 0, as 27.007 says ({@code +CREG=[<n>]}); the execute form
 * {@code AT+CREG} is not in the SIM800 manual and answers ERROR. The location ({@code "<lac>","<ci>"}, four or more
 * upper-case hex digits, quoted as a SIM800 prints them) is shown with n=2 while registered (home or roaming) only:
 * a modem that is not camped on a cell has no location to give.
 */
final class RegistrationCommand implements CommandHandler {

    /** Which registration a command reports. */
    enum Domain {
        /** AT+CREG. */
        CS("+CREG") {
            @Override
            RegStatus stat(RadioState s) {
                return s.creg();
            }

            @Override
            int mode(Settings s) {
                return s.creg;
            }

            @Override
            void mode(Settings s, int n) {
                s.creg = n;
            }
        },
        /** AT+CGREG. */
        PS("+CGREG") {
            @Override
            RegStatus stat(RadioState s) {
                return s.cgreg();
            }

            @Override
            int mode(Settings s) {
                return s.cgreg;
            }

            @Override
            void mode(Settings s, int n) {
                s.cgreg = n;
            }
        };

        private final String name;

        Domain(String name) {
            this.name = name;
        }

        abstract RegStatus stat(RadioState s);

        abstract int mode(Settings s);

        abstract void mode(Settings s, int n);

        /** {@code ,"1A2B","3C4D"} when the modem is registered, else nothing. */
        String location(RadioState s) {
            return stat(s).isRegistered() ? ",\"" + s.lacHex() + "\",\"" + s.ciHex() + "\"" : "";
        }

        /** The read answer: {@code +CREG: <n>,<stat>[,"<lac>","<ci>"]}. */
        String read(int n, RadioState s) {
            return name + ": " + n + "," + stat(s).code() + (n == 2 ? location(s) : "");
        }

        /** The URC a change calls for under mode {@code n}, or null for none. */
        String urc(int n, RadioState before, RadioState after) {
            if (n == 0) {
                return null;
            }
            boolean statChanged = stat(before) != stat(after);
            boolean cellChanged = before.lac() != after.lac() || before.ci() != after.ci();
            if (statChanged || (n == 2 && cellChanged && stat(after).isRegistered())) {
                return name + ": " + stat(after).code() + (n == 2 ? location(after) : "");
            }
            return null;
        }
    }

    private final Domain domain;
    private final Radio radio;

    RegistrationCommand(Domain domain, Radio radio) {
        this.domain = domain;
        this.radio = radio;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.info(domain.name + ": (0-2)");
            case READ -> Response.info(domain.read(domain.mode(ctx.settings()), radio.state()));
            case WRITE -> {
                req.expectArgs(1, 1);
                domain.mode(ctx.settings(), req.integer(0, 0, 2, 0));
                yield Response.ok();
            }
            case EXECUTE -> throw CommandException.error("AT" + domain.name + " has no execute form");
        };
    }
}
