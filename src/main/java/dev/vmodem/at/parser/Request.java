package dev.vmodem.at.parser;

import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.response.CmeError;
import java.util.List;

/**
 * One command of a command line, parsed: its name, its form and its arguments.
 *
 * <pre>
 *   AT+SAPBR=3,1,"APN","CMNET"  →  name "+SAPBR", WRITE, args [3, 1, "APN"(quoted), "CMNET"(quoted)]
 *   ATE0                        →  name "E", EXECUTE, args [0]
 *   ATS7=30                     →  name "S", WRITE, register 7, args [30]
 *   AT+CSQ                      →  name "+CSQ", EXECUTE, no args
 * </pre>
 *
 * <p>Basic commands without a number ({@code ATE}) have no argument; handlers treat that as 0, as V.250 says.
 *
 * @param name     upper case with its prefix: "E", "&amp;F", "S", "D", "+CMEE", "#FTPGET"
 * @param form     the form
 * @param register for S-registers, the register number; otherwise -1
 * @param args     the arguments in order
 * @param raw      the request's text as received (for transcripts and dial strings)
 */
public record Request(String name, Form form, int register, List<Arg> args, String raw) {

    /** One argument: its text (quotes removed) and whether it was quoted. An omitted argument is empty, unquoted. */
    public record Arg(String text, boolean quoted) {
        public boolean isEmpty() {
            return !quoted && text.isEmpty();
        }
    }

    public int argCount() {
        return args.size();
    }

    /** Whether argument {@code i} is present and not empty. */
    public boolean has(int i) {
        return i < args.size() && !args.get(i).isEmpty();
    }

    /** The text of argument {@code i} (quoted or not), or fails with ERROR when it is missing. */
    public String text(int i) throws CommandException {
        if (!has(i) && !(i < args.size() && args.get(i).quoted())) {
            throw CommandException.error("missing argument " + (i + 1) + " in " + raw);
        }
        return args.get(i).text();
    }

    /** The text of argument {@code i} checked against a maximum length (+CME ERROR: 24 when longer). */
    public String text(int i, int maxLength) throws CommandException {
        String t = text(i);
        if (t.length() > maxLength) {
            throw CommandException.cme(CmeError.TEXT_TOO_LONG,
                "text too long: " + t.length() + " > " + maxLength + " in " + raw);
        }
        return t;
    }

    /** Argument {@code i} as a decimal integer in [min, max]; anything else fails with ERROR. */
    public int integer(int i, int min, int max) throws CommandException {
        long v = longValue(i, min, max);
        return (int) v;
    }

    /** Argument {@code i} as a decimal integer in [min, max], or {@code dflt} when it is absent. */
    public int integer(int i, int min, int max, int dflt) throws CommandException {
        return has(i) ? integer(i, min, max) : dflt;
    }

    /** Argument {@code i} as a decimal long in [min, max]; anything else fails with ERROR. */
    public long longValue(int i, long min, long max) throws CommandException {
        String t = text(i).trim();
        if (t.isEmpty() || t.length() > 18) {
            throw CommandException.error("not a number: \"" + t + "\" in " + raw);
        }
        long v = 0;
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c < '0' || c > '9') {
                throw CommandException.error("not a number: \"" + t + "\" in " + raw);
            }
            v = v * 10 + (c - '0');
        }
        if (v < min || v > max) {
            throw CommandException.error("out of range: " + v + " not in " + min + ".." + max + " in " + raw);
        }
        return v;
    }

    /** Fails with ERROR unless the request has between {@code min} and {@code max} arguments. */
    public void expectArgs(int min, int max) throws CommandException {
        if (args.size() < min || args.size() > max) {
            throw CommandException.error("expected " + min + ".." + max + " arguments, got " + args.size()
                + " in " + raw);
        }
    }

    @Override
    public String toString() {
        return raw;
    }
}
