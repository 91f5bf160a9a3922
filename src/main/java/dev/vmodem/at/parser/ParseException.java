package dev.vmodem.at.parser;

/** A command line that cannot be split into requests; the whole line answers ERROR and nothing on it runs. */
public final class ParseException extends Exception {
    public ParseException(String message) {
        super(message, null, false, false);
    }
}
