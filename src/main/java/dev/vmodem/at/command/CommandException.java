package dev.vmodem.at.command;

import dev.vmodem.at.response.Final;

/** Thrown by a handler (usually while reading its arguments) to end the command with a failing final result. */
public final class CommandException extends Exception {

    private final transient Final result;

    public CommandException(Final result, String message) {
        super(message, null, false, false);
        this.result = result;
    }

    /** Plain ERROR (syntax errors, unknown values where the SIM800 answers ERROR). */
    public static CommandException error(String message) {
        return new CommandException(Final.ERROR, message);
    }

    /** +CME ERROR: code (ERROR under AT+CMEE=0). */
    public static CommandException cme(int code, String message) {
        return new CommandException(Final.cme(code), message);
    }

    public Final result() {
        return result;
    }
}
