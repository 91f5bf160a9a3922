package dev.vmodem.at;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which AT arguments are secrets, and how to hide them in what people read (transcripts, recordings, logs, the
 * control API). The serial line itself is never changed: the modem echoes a password as it was typed.
 *
 * <pre>
 *   AT+FTPPW="s3cret"                 →  AT+FTPPW="***"
 *   AT+SAPBR=3,1,"PWD","s3cret"       →  AT+SAPBR=3,1,"PWD","***"
 *   AT+CSTT="CMNET","user","s3cret"   →  AT+CSTT="CMNET","user","***"
 *   AT#APNPW="s3cret"                 →  AT#APNPW="***"      (also #FTPPW)
 *   +FTPPW: s3cret    PWD: s3cret     →  +FTPPW: ***         PWD: ***   (read forms, AT+SAPBR=4)
 * </pre>
 *
 * <p>Secrets are found with a small parser that follows the line as it arrives, so that a password typed one byte
 * at a time, or cut across two reads, is still hidden: {@link Masker} is that parser for a byte stream,
 * {@link #mask(String)} runs one over a string. The mask is always {@value #MASK}, whatever the length.
 * Command families that log their arguments should log {@link #masked(String)}.
 */
public final class Secrets {

    /** What a secret value is replaced with. */
    public static final String MASK = "***";

    /** Lines longer than this are not parsed (no command line may be longer than 556 characters). */
    private static final int MAX_LINE = 1024;

    private Secrets() {
    }

    /** {@code text} (one or more lines, commands or responses) with its secret values replaced by {@value #MASK}. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        byte[] in = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new Masker().feed(in, 0, in.length);
        return out == in ? text : new String(out, StandardCharsets.ISO_8859_1);
    }

    /** A request's text as the parser keeps it (without {@code AT}: {@code +FTPPW="x"}), masked. */
    public static String maskCommand(String raw) {
        if (raw == null) {
            return null;
        }
        return mask("AT" + raw).substring(2);
    }

    /** For log arguments: an object whose {@code toString} is {@link #maskCommand(String)}, computed only if logged. */
    public static Object masked(String raw) {
        return new Object() {
            @Override
            public String toString() {
                return maskCommand(raw);
            }
        };
    }

    /** Whether argument {@code index} (from 0) of command or response {@code name} is a secret. */
    /** The names {@link #isSecret} can answer true for. */
    private static final String[] SECRET_NAMES = {"+FTPPW", "#FTPPW", "#APNPW", "PWD", "+CSTT", "+SAPBR"};

    static boolean isSecret(String name, int index, List<String> args) {
        switch (name) {
            case "+FTPPW":
            case "#FTPPW":
            case "#APNPW":
            case "PWD":
                return index == 0;
            case "+CSTT":
                return index == 2;
            case "+SAPBR":
                return index == 3 && args.size() >= 3 && unquote(args.get(0)).equals("3")
                    && unquote(args.get(2)).equalsIgnoreCase("PWD");
            default:
                return false;
        }
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    /**
     * Masks one direction of a serial stream, chunk by chunk: it remembers where it is in the current line, so a
     * secret split over several chunks is still hidden. Not thread-safe; use one per direction.
     */
    public static final class Masker {

        private enum State { NORMAL, ARG_START, SECRET_QUOTED, SECRET_BARE }

        private static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.ISO_8859_1);

        private final StringBuilder line = new StringBuilder();
        private boolean overlong;
        private boolean inQuotes;
        private State state = State.NORMAL;
        private boolean maskShown;

        /**
         * Returns the chunk with secrets masked: the same array when nothing in it was secret (the common case, no
         * copy), otherwise a new array.
         */
        public byte[] feed(byte[] bytes, int offset, int length) {
            ByteArrayOutputStream out = null;
            for (int i = offset; i < offset + length; i++) {
                int c = bytes[i] & 0xff;
                boolean keep = step(c);
                if (!keep && out == null) {
                    out = new ByteArrayOutputStream(length + 8);
                    out.write(bytes, offset, i - offset);
                }
                if (out != null) {
                    if (keep) {
                        out.write(c);
                    } else if (!maskShown) {
                        out.write(MASK_BYTES, 0, MASK_BYTES.length);
                        maskShown = true;
                    }
                }
            }
            if (out == null) {
                if (offset == 0 && length == bytes.length) {
                    return bytes;
                }
                byte[] copy = new byte[length];
                System.arraycopy(bytes, offset, copy, 0, length);
                return copy;
            }
            return out.toByteArray();
        }

        /** Advances over one byte; returns false when it belongs to a secret (and is not shown). */
        private boolean step(int c) {
            boolean lineEnd = c == '\r' || c == '\n';
            switch (state) {
                case SECRET_QUOTED:
                    if (c == '"' || lineEnd) {
                        state = State.NORMAL;
                        break;
                    }
                    line.append('*');
                    return false;
                case SECRET_BARE:
                    if (c == ',' || c == ';' || lineEnd) {
                        state = State.NORMAL;
                        break;
                    }
                    line.append('*');
                    return false;
                case ARG_START:
                    if (c == ' ') {
                        line.append(' ');
                        return true;
                    }
                    if (c == '"') {
                        line.append('"');
                        inQuotes = true;
                        state = State.SECRET_QUOTED;
                        maskShown = false;
                        return true;
                    }
                    if (c == ',' || c == ';' || lineEnd) {
                        state = State.NORMAL;
                        break;
                    }
                    state = State.SECRET_BARE;
                    maskShown = false;
                    line.append('*');
                    return false;
                default:
                    break;
            }
            if (lineEnd) {
                line.setLength(0);
                overlong = false;
                inQuotes = false;
                return true;
            }
            if (overlong) {
                return true;
            }
            line.append((char) c);
            if (line.length() > MAX_LINE) {
                overlong = true;
                return true;
            }
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes && (c == '=' || c == ',' || c == ':') && secretNext()) {
                state = State.ARG_START;
            }
            return true;
        }

        /** Whether the argument that starts after the boundary just read is a secret. */
        private boolean secretNext() {
            if (!secretName()) {
                return false; // most boundaries, and every one in binary data: no strings made
            }
            String l = line.toString();
            String body;
            char opener;
            if (l.length() >= 2 && (l.charAt(0) == 'A' || l.charAt(0) == 'a')
                    && (l.charAt(1) == 'T' || l.charAt(1) == 't')) {
                // A command line (or its echo): the current command is the last one after ';'.
                int semi = lastOutsideQuotes(l, ';');
                body = l.substring(semi < 0 ? 2 : semi + 1);
                opener = '=';
            } else {
                body = l;
                opener = ':';
            }
            int open = body.indexOf(opener);
            if (open < 0) {
                return false;
            }
            String name = body.substring(0, open).trim().toUpperCase(Locale.ROOT);
            int prefix = Math.max(name.lastIndexOf('+'), name.lastIndexOf('#'));
            if (prefix > 0) {
                name = name.substring(prefix);
            }
            List<String> args = splitArgs(body.substring(open + 1));
            return isSecret(name, args.size() - 1, args);
        }

        /**
         * Whether the name {@link #secretNext()} would look up is one {@link #isSecret} knows, read in place: the
         * same name (the text before the opener, trimmed, from its last {@code +} or {@code #} after the first
         * character), compared in ASCII upper case (no other character of a line upper-cases to an ASCII letter of
         * these names).
         */
        private boolean secretName() {
            int len = line.length();
            int start;
            char opener;
            if (len >= 2 && (line.charAt(0) == 'A' || line.charAt(0) == 'a')
                    && (line.charAt(1) == 'T' || line.charAt(1) == 't')) {
                int semi = lastOutsideQuotes(line, ';');
                start = semi < 0 ? 2 : semi + 1;
                opener = '=';
            } else {
                start = 0;
                opener = ':';
            }
            int open = -1;
            for (int i = start; i < len; i++) {
                if (line.charAt(i) == opener) {
                    open = i;
                    break;
                }
            }
            if (open < 0) {
                return false;
            }
            int a = start;
            int b = open;
            while (a < b && line.charAt(a) <= ' ') {
                a++;
            }
            while (b > a && line.charAt(b - 1) <= ' ') {
                b--;
            }
            for (int i = b - 1; i > a; i--) {
                char c = line.charAt(i);
                if (c == '+' || c == '#') {
                    a = i;
                    break;
                }
            }
            for (String known : SECRET_NAMES) {
                if (b - a == known.length() && sameAsciiUpper(a, known)) {
                    return true;
                }
            }
            return false;
        }

        private boolean sameAsciiUpper(int from, String upper) {
            for (int i = 0; i < upper.length(); i++) {
                char c = line.charAt(from + i);
                if (c >= 'a' && c <= 'z') {
                    c = (char) (c - ('a' - 'A'));
                }
                if (c != upper.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static int lastOutsideQuotes(CharSequence s, char ch) {
            boolean q = false;
            int last = -1;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    q = !q;
                } else if (c == ch && !q) {
                    last = i;
                }
            }
            return last;
        }

        private static List<String> splitArgs(String s) {
            List<String> out = new ArrayList<>();
            boolean q = false;
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    q = !q;
                } else if (c == ',' && !q) {
                    out.add(s.substring(start, i));
                    start = i + 1;
                }
            }
            out.add(s.substring(start));
            return out;
        }
    }
}
