package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;

/** The one rule of V.250 basic commands such as {@code ATX4} or {@code AT&D2}: a number, 0 when left out. */
final class BasicValue {

    private BasicValue() {
    }

    /**
     * The command's number in [min, max] ({@code ATX} alone means {@code ATX0}); the read and test forms and any
     * other value fail with ERROR.
     */
    static int of(Request req, int min, int max) throws CommandException {
        if (req.form() != Form.EXECUTE) {
            throw CommandException.error("AT" + req.name() + " has no " + req.form() + " form");
        }
        return req.integer(0, min, max, 0);
    }
}
