package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.response.CmeError;
import dev.vmodem.modem.Modem;

/**
 * The rule for commands that read the SIM (AT+CPIN=, AT+CIMI, AT+CCID): while the SIM starts after power-on they
 * fail with {@code +CME ERROR: 14} (SIM busy, as field devices answer), and after AT+CFUN=0 with
 * {@code +CME ERROR: 772} (SIM powered down, the SIM800 table's code for that state).
 */
final class SimGate {

    private SimGate() {
    }

    static void requireReady(Modem modem, String command) throws CommandException {
        if (modem.cfun() == Modem.CFUN_MINIMUM) {
            throw CommandException.cme(CmeError.SIM_POWERED_DOWN, command + ": SIM powered down (CFUN=0)");
        }
        if (!modem.simReady()) {
            throw CommandException.cme(CmeError.SIM_BUSY, command + ": SIM not ready yet");
        }
    }
}
