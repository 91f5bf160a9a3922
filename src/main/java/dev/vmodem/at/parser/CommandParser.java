package dev.vmodem.at.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits the text of a command line (what follows {@code AT}, without the terminating CR) into {@link Request}s.
 * This is the only place that knows the AT syntax.
 *
 * <ul>
 *   <li>basic commands: a letter and an optional number ({@code E0}, {@code V1}, {@code Z}, {@code I}),
 *       {@code &} commands ({@code &F}, {@code &W0}, {@code &D1}), S-registers ({@code S7?}, {@code S7=30}), and
 *       {@code D} (the rest of the line up to {@code ;} is the dial string); basic commands need no separator;</li>
 *   <li>extended commands: {@code +} or {@code #} and a name, then {@code =?} (test), {@code ?} (read),
 *       {@code =args} (write) or nothing (execute), ended by {@code ;} or the end of the line;</li>
 *   <li>arguments are separated by commas; quoted strings may contain {@code ,} and {@code ;}; spaces outside
 *       quotes are ignored; an unterminated quote is a syntax error.</li>
 * </ul>
 *
 * <pre>
 *   parse("E0V1;+CMEE=2;+CGMI") → [E(0), V(1), +CMEE=2, +CGMI]
 * </pre>
 */
public final class CommandParser {

    private CommandParser() {
    }

    public static List<Request> parse(CharSequence line) throws ParseException {
        List<Request> out = new ArrayList<>(2);
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ';' || c == ' ') {
                i++;
            } else if (c == '+' || c == '#') {
                i = extended(line, i, out);
            } else if (c == '&') {
                i = basic(line, i + 1, "&", out);
            } else if (isLetter(c)) {
                char u = Character.toUpperCase(c);
                if (u == 'S') {
                    i = sRegister(line, i, out);
                } else if (u == 'D') {
                    i = dial(line, i, out);
                } else {
                    i = basic(line, i, "", out);
                }
            } else {
                throw new ParseException("unexpected '" + printable(c) + "' at " + i);
            }
        }
        return out;
    }

    private static int extended(CharSequence line, int start, List<Request> out) throws ParseException {
        int n = line.length();
        int i = start + 1;
        while (i < n && isNameChar(line.charAt(i))) {
            i++;
        }
        if (i == start + 1) {
            throw new ParseException("missing command name at " + start);
        }
        String name = line.subSequence(start, i).toString().toUpperCase(Locale.ROOT);
        i = skipSpaces(line, i);
        Form form = Form.EXECUTE;
        List<Request.Arg> args = List.of();
        if (i < n && line.charAt(i) == '?') {
            form = Form.READ;
            i++;
        } else if (i < n && line.charAt(i) == '=') {
            int j = skipSpaces(line, i + 1);
            if (j < n && line.charAt(j) == '?') {
                form = Form.TEST;
                i = j + 1;
            } else {
                form = Form.WRITE;
                args = new ArrayList<>(4);
                i = arguments(line, i + 1, args);
            }
        }
        String raw = line.subSequence(start, i).toString().stripTrailing();
        i = skipSpaces(line, i);
        if (i < n && line.charAt(i) != ';') {
            throw new ParseException("expected ';' after " + name + " at " + i);
        }
        out.add(new Request(name, form, -1, args, raw));
        return i;
    }

    /** Reads comma-separated arguments up to an unquoted ';' or the end; returns the index of the ';' or the end. */
    private static int arguments(CharSequence line, int i, List<Request.Arg> args) throws ParseException {
        int n = line.length();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            if (i >= n || line.charAt(i) == ';' || line.charAt(i) == ',') {
                args.add(new Request.Arg(quoted ? cur.toString() : cur.toString().trim(), quoted));
                if (i >= n || line.charAt(i) == ';') {
                    return i;
                }
                cur.setLength(0);
                quoted = false;
                afterQuote = false;
                i++;
                continue;
            }
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted || cur.toString().trim().length() > 0) {
                    throw new ParseException("unexpected '\"' at " + i);
                }
                int close = indexOf(line, '"', i + 1);
                if (close < 0) {
                    throw new ParseException("unterminated quoted string at " + i);
                }
                cur.setLength(0);
                cur.append(line, i + 1, close);
                quoted = true;
                afterQuote = true;
                i = close + 1;
            } else if (afterQuote) {
                if (c != ' ') {
                    throw new ParseException("unexpected '" + printable(c) + "' after a quoted string at " + i);
                }
                i++;
            } else {
                cur.append(c);
                i++;
            }
        }
    }

    private static int basic(CharSequence line, int i, String prefix, List<Request> out) throws ParseException {
        int n = line.length();
        if (i >= n || !isLetter(line.charAt(i))) {
            throw new ParseException("expected a command letter after '" + prefix + "' at " + i);
        }
        int start = prefix.isEmpty() ? i : i - 1;
        String name = prefix + Character.toUpperCase(line.charAt(i));
        i++;
        Form form = Form.EXECUTE;
        List<Request.Arg> args = List.of();
        if (i < n && line.charAt(i) == '?') {
            form = Form.READ;
            i++;
        } else if (i + 1 < n && line.charAt(i) == '=' && line.charAt(i + 1) == '?') {
            form = Form.TEST;
            i += 2;
        } else {
            int d = i;
            while (d < n && isDigit(line.charAt(d))) {
                d++;
            }
            if (d > i) {
                args = List.of(new Request.Arg(line.subSequence(i, d).toString(), false));
                i = d;
            }
        }
        out.add(new Request(name, form, -1, args, line.subSequence(start, i).toString()));
        return i;
    }

    private static int sRegister(CharSequence line, int start, List<Request> out) throws ParseException {
        int n = line.length();
        int i = start + 1;
        int d = i;
        while (d < n && isDigit(line.charAt(d)) && d - i < 3) {
            d++;
        }
        if (d == i) {
            throw new ParseException("expected a register number after 'S' at " + i);
        }
        int reg = Integer.parseInt(line.subSequence(i, d).toString());
        i = d;
        Form form;
        List<Request.Arg> args = List.of();
        if (i < n && line.charAt(i) == '?') {
            form = Form.READ;
            i++;
        } else if (i + 1 < n && line.charAt(i) == '=' && line.charAt(i + 1) == '?') {
            form = Form.TEST;
            i += 2;
        } else if (i < n && line.charAt(i) == '=') {
            form = Form.WRITE;
            i++;
            int v = i;
            while (v < n && isDigit(line.charAt(v))) {
                v++;
            }
            args = List.of(new Request.Arg(line.subSequence(i, v).toString(), false));
            i = v;
        } else {
            throw new ParseException("expected '?' or '=' after S" + reg + " at " + i);
        }
        out.add(new Request("S", form, reg, args, line.subSequence(start, i).toString()));
        return i;
    }

    private static int dial(CharSequence line, int start, List<Request> out) {
        int n = line.length();
        int i = start + 1;
        while (i < n && line.charAt(i) != ';') {
            i++;
        }
        String number = line.subSequence(start + 1, i).toString().trim();
        // A trailing ';' belongs to the dial string (a voice call): keep it in the argument.
        boolean voice = i < n;
        out.add(new Request("D", Form.EXECUTE, -1,
            List.of(new Request.Arg(voice ? number + ";" : number, false)), line.subSequence(start, i).toString()));
        return voice ? i + 1 : i;
    }

    private static int indexOf(CharSequence s, char c, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpaces(CharSequence s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_' || c == '.' || c == '!' || c == '%' || c == '-';
    }

    static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }
}
