package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.parser.Request;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code AT#} parameter: its name, what values it takes, its factory value and how it reads back. The manual
 * pages with the ranges and defaults were not found, so these are the emulator's choices (docs/multitech.md lists
 * them); the read format is one rule for all: free text in quotes, numbers and one-letter choices bare.
 *
 * <pre>
 *   AT#FTPSERV="ftp.example.com"   →  OK          AT#FTPSERV?  →  #FTPSERV: "ftp.example.com"
 *   AT#FTPPORT=2121                →  OK          AT#FTPPORT?  →  #FTPPORT: 2121
 *   AT#FTPTYPE=A                   →  OK          AT#FTPTYPE?  →  #FTPTYPE: A
 * </pre>
 *
 * @param name       the command name without {@code AT}: {@code "#FTPSERV"}
 * @param kind       text, number or choice
 * @param min        numbers: the smallest value; text: unused
 * @param max        numbers: the largest value; text: the longest value
 * @param choices    choices: the allowed values, upper case
 * @param dflt       the factory value
 * @param gprs       a GPRS setting: fixed while a connection is up ({@code #CME ERROR: 37123})
 * @param secret     a password: never logged
 */
record Parameter(String name, Kind kind, int min, int max, List<String> choices, String dflt, boolean gprs,
                 boolean secret) {

    enum Kind { TEXT, NUMBER, CHOICE, ADDRESS }

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    static Parameter text(String name, int maxLength) {
        return new Parameter(name, Kind.TEXT, 0, maxLength, List.of(), "", false, false);
    }

    static Parameter number(String name, int min, int max, int dflt) {
        return new Parameter(name, Kind.NUMBER, min, max, List.of(), Integer.toString(dflt), false, false);
    }

    static Parameter choice(String name, String dflt, String... choices) {
        return new Parameter(name, Kind.CHOICE, 0, 0, List.of(choices), dflt, false, false);
    }

    /** An IPv4 address in dotted form (the DNS servers). */
    static Parameter address(String name, String dflt) {
        return new Parameter(name, Kind.ADDRESS, 0, 15, List.of(), dflt, false, false);
    }

    Parameter gprsSetting() {
        return new Parameter(name, kind, min, max, choices, dflt, true, secret);
    }

    Parameter secretValue() {
        return new Parameter(name, kind, min, max, choices, dflt, gprs, true);
    }

    /** The line the read form prints: {@code #FTPSERV: "ftp.example.com"} or {@code #FTPPORT: 21}. */
    String readLine(String value) {
        return name + ": " + (kind == Kind.TEXT || kind == Kind.ADDRESS ? "\"" + value + "\"" : value);
    }

    /** What the test form prints, or null for text (it answers only OK). */
    String testLine() {
        return switch (kind) {
            case NUMBER -> name + ": (" + min + "-" + max + ")";
            case CHOICE -> name + ": (" + String.join(",", choices) + ")";
            default -> null;
        };
    }

    /**
     * The value of a write request, checked: one argument (an empty one clears a text), quoted or not.
     *
     * @throws CommandException {@code #CME ERROR: 34819} for the wrong number of arguments, 34882 for a bad value
     */
    String parse(Request req) throws CommandException {
        if (req.argCount() != 1) {
            throw IpResults.fail(IpResults.SYNTAX_ERROR, name + ": expected 1 argument, got " + req.argCount());
        }
        String v = req.args().get(0).text();
        switch (kind) {
            case TEXT:
                if (v.length() > max) {
                    throw IpResults.fail(IpResults.BAD_ARGUMENT, name + ": too long: " + v.length() + " > " + max);
                }
                return v;
            case ADDRESS:
                if (!IPV4.matcher(v).matches()) {
                    throw IpResults.fail(IpResults.BAD_ARGUMENT, name + ": not an IPv4 address");
                }
                return v;
            case CHOICE:
                String u = v.trim().toUpperCase(Locale.ROOT);
                if (!choices.contains(u)) {
                    throw IpResults.fail(IpResults.BAD_ARGUMENT, name + ": \"" + v + "\" not in " + choices);
                }
                return u;
            case NUMBER:
                String t = v.trim();
                if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw IpResults.fail(IpResults.BAD_ARGUMENT, name + ": not a number: \"" + v + "\"");
                }
                int n = Integer.parseInt(t);
                if (n < min || n > max) {
                    throw IpResults.fail(IpResults.BAD_ARGUMENT,
                            name + ": out of range: " + n + " not in " + min + ".." + max);
                }
                return Integer.toString(n);
            default:
                throw new IllegalStateException("kind: " + kind);
        }
    }
}
