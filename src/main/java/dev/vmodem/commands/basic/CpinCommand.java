package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.CmeError;
import dev.vmodem.at.response.Response;
import dev.vmodem.modem.Modem;

/**
 * AT+CPIN: the SIM's PIN state. The emulated SIM has no PIN lock, so once it has started it is {@code READY} and a
 * PIN entered anyway is accepted. While it starts after power-on (before {@code +CPIN: READY}) the read form says
 * {@code +CME ERROR: 14} (SIM busy), as field devices do; after AT+CFUN=0 it says {@code +CPIN: NOT READY}, the
 * state the SIM800 announced when it powered the SIM down. The write form fails as {@link SimGate} says.
 *
 * <pre>
 *   AT+CPIN=?       →  OK
 *   AT+CPIN?        →  +CPIN: READY   OK
 *   AT+CPIN="1234"  →  OK
 * </pre>
 */
final class CpinCommand implements CommandHandler {

    private final Modem modem;

    CpinCommand(Modem modem) {
        this.modem = modem;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.ok();
            case READ -> {
                if (modem.cfun() == Modem.CFUN_MINIMUM) {
                    yield Response.info("+CPIN: NOT READY");
                }
                if (!modem.simReady()) {
                    throw CommandException.cme(CmeError.SIM_BUSY, "AT+CPIN?: SIM not ready yet");
                }
                yield Response.info("+CPIN: READY");
            }
            case WRITE -> {
                req.expectArgs(1, 2);
                if (req.text(0, 8).isEmpty()) {
                    throw CommandException.error("AT+CPIN=: empty PIN");
                }
                if (req.argCount() == 2) {
                    req.text(1, 8);
                }
                SimGate.requireReady(modem, "AT+CPIN=");
                yield Response.ok();
            }
            case EXECUTE -> throw CommandException.error("AT+CPIN has no execute form");
        };
    }
}
