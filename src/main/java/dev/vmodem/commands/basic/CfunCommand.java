package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.CmeError;
import dev.vmodem.at.response.Final;
import dev.vmodem.at.response.Response;
import dev.vmodem.commands.network.NetworkSession;
import dev.vmodem.modem.Modem;
import java.time.Duration;
import java.util.List;

/**
 * AT+CFUN=&lt;fun&gt;[,&lt;rst&gt;]: phone functionality. 1 full, 0 minimum (radio and SIM off), 4 flight mode (radio
 * off, SIM on).
 *
 * <ul>
 *   <li>1 → 0: the radio goes off and the SIM powers down; the answer carries {@code +CPIN: NOT READY} before its
 *       OK, as field captures of a SIM800 show ({@code \r\n+CPIN: NOT READY\r\n\r\nOK\r\n}).</li>
 *   <li>0 and 4 switch the radio off (registration lost, GPRS detached, bearers closed), 1 switches it on again
 *       (the modem registers and re-attaches; bearers stay closed). A bearer that was open is reported before the
 *       OK, each code framed on its own as the SIM800 prints it (TinyGSM #466):
 *       {@code \r\n+SAPBR 1: DEACT\r\n\r\n+CPIN: NOT READY\r\n\r\nOK\r\n}. Registration URCs
 *       ({@code +CREG: 0} with AT+CREG=1) follow the OK. See {@link NetworkSession#switchRadio}.</li>
 *   <li>0 → 1: OK, then the SIM starts again: {@code +CPIN: READY}, {@code Call Ready} (AT+CIURC=1), {@code SMS
 *       Ready} as unsolicited codes.</li>
 *   <li>1 ↔ 4: OK (after the DEACT lines of open bearers, going to 4); setting the current level: OK and nothing
 *       else.</li>
 *   <li>0 ↔ 4: the SIM800 cannot switch between them directly; the manual gives no answer, so this says
 *       {@code +CME ERROR: 3} (operation not allowed). Go through 1.</li>
 *   <li>{@code AT+CFUN=1,1}: OK, then a restart (saved settings reloaded, bearers closed without a report, power-on
 *       codes again). The manual says the OK comes only with a fixed baud rate, so with AT+IPR=0 there is no answer
 *       at all. A reset to level 0 or 4
 *       ({@code 0,1}, {@code 4,1}) is not documented for the SIM800 and answers {@code +CME ERROR: 3}.</li>
 * </ul>
 *
 * <pre>
 *   AT+CFUN=?    →  +CFUN: (0,1,4),(0-1)  OK
 *   AT+CFUN?     →  +CFUN: 1              OK
 *   AT+CFUN=0    →  +CPIN: NOT READY      OK
 *   AT+CFUN=1,1  →  OK, then RDY, +CFUN: 1, +CPIN: READY, Call Ready, SMS Ready
 * </pre>
 */
final class CfunCommand implements CommandHandler {

    private final Modem modem;

    CfunCommand(Modem modem) {
        this.modem = modem;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.info("+CFUN: (0,1,4),(0-1)");
            case READ -> Response.info("+CFUN: " + modem.cfun());
            case WRITE -> write(req, ctx);
            case EXECUTE -> throw CommandException.error("AT+CFUN has no execute form");
        };
    }

    private Response write(Request req, CommandContext ctx) throws CommandException {
        req.expectArgs(1, 2);
        int fun = req.integer(0, 0, 4);
        if (fun != Modem.CFUN_MINIMUM && fun != Modem.CFUN_FULL && fun != Modem.CFUN_FLIGHT) {
            throw CommandException.error("AT+CFUN: no level " + fun);
        }
        int rst = req.integer(1, 0, 1, 0);
        if (rst == 1) {
            if (fun != Modem.CFUN_FULL) {
                throw CommandException.cme(CmeError.OPERATION_NOT_ALLOWED, "AT+CFUN: reset only to level 1");
            }
            // After this line's answer is out: the restart clears the engine, output included.
            ctx.scheduler().schedule(Duration.ZERO, () -> NetworkSession.powerCycle(modem, modem::restart));
            return ctx.settings().ipr == 0 ? Response.of(Final.NONE) : Response.ok();
        }
        int now = modem.cfun();
        if (fun == now) {
            return Response.ok();
        }
        if (fun != Modem.CFUN_FULL && now != Modem.CFUN_FULL) {
            throw CommandException.cme(CmeError.OPERATION_NOT_ALLOWED, "AT+CFUN: " + now + " → " + fun
                + " is not allowed directly");
        }
        modem.cfun(fun);
        List<String> deactivated = NetworkSession.switchRadio(modem, fun == Modem.CFUN_FULL);
        if (fun == Modem.CFUN_MINIMUM) {
            modem.simOff();
            return Response.info("+CPIN: NOT READY").precededBy(deactivated);
        }
        if (now == Modem.CFUN_MINIMUM) {
            modem.simOn();
        }
        return Response.ok().precededBy(deactivated);
    }
}
