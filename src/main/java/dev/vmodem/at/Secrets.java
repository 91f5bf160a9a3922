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
        /** The bytes {@link #step} does more with than append, in state NORMAL outside quotes, and inside. */
        private static final boolean[] SPECIAL = new boolean[256];
        private static final boolean[] SPECIAL_IN_QUOTES = new boolean[256];

        static {
            for (char c : new char[] {'\r', '\n', '"', '=', ',', ':'}) {
                SPECIAL[c] = true;
            }
            for (char c : new char[] {'\r', '\n', '"'}) {
                SPECIAL_IN_QUOTES[c] = true;
            }
        }

        /** Every name {@link #isSecret} can answer true for. */
        private static final String[] SECRET_NAMES = {"+FTPPW", "#FTPPW", "#APNPW", "PWD", "+CSTT", "+SAPBR"};
        private static final int MAX_NAME = 6;

        private final Line line = new Line();
        // What mayNameSecret found in the current line: for the command starting at nameBody, the opener's index
        // (or -1, and how far it looked) and whether the name may be a secret.
        private int nameBody = -1;
        private char nameOpener;
        private int nameOpen;
        private int scannedTo;
        private boolean nameMaySecret;
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
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                if (state == State.NORMAL) {
                    // Most bytes only extend the line (all of a data block's, nearly): take them as a run.
                    int j = plainRun(bytes, i, end);
                    if (j > i) {
                        if (out != null) {
                            out.write(bytes, i, j - i);
                        }
                        i = j - 1;
                        continue;
                    }
                }
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

        /**
         * In state NORMAL: how far from {@code from} the bytes change nothing but the line's content, so that
         * {@link #step} would only append them; appends them and returns the index of the first byte that needs
         * {@link #step} ({@code from} itself when that is the first).
         */
        private int plainRun(byte[] bytes, int from, int end) {
            int i = from;
            if (overlong) {
                while (i < end && bytes[i] != '\r' && bytes[i] != '\n') {
                    i++;
                }
                return i;
            }
            boolean[] special = inQuotes ? SPECIAL_IN_QUOTES : SPECIAL;
            while (i < end && !special[bytes[i] & 0xff]) {
                i++;
            }
            // step() would stop appending once the line is over MAX_LINE: leave that byte to it
            int room = MAX_LINE - line.length();
            if (i - from > room) {
                i = from + Math.max(0, room);
            }
            line.append(bytes, from, i - from);
            return i;
        }

        /** Advances over one byte; returns false when it belongs to a secret (and is not shown). */
        private boolean step(int c) {
            boolean lineEnd = c == '\r' || c == '\n';
            if (state != State.NORMAL) {
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
            }
            if (lineEnd) {
                line.clear();
                nameBody = -1;
                overlong = false;
                inQuotes = false;
                return true;
            }
            if (overlong) {
                return true;
            }
            line.append(c);
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
            if (!mayNameSecret()) {
                return false; // the common case (and every data byte): decided without a copy of the line
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
         * A quick look at the line, without allocating: false when the current command or response name cannot be
         * one that {@link #isSecret} knows, true when {@link #secretNext()} must look closer. Finds the name as
         * {@link #secretNext()} does (after the last {@code ;} outside quotes of a command line, up to the opener,
         * trimmed, from its last {@code +} or {@code #}) and compares it with the secret names ignoring ASCII case.
         * Upper-casing a non-ASCII Latin-1 character never gives an ASCII letter of those names, so a name with one
         * is never a secret. The line only grows until it ends, so what was found is kept for the next boundary
         * of the same command: a long line is scanned once, not once per comma.
         */
        private boolean mayNameSecret() {
            Line l = line;
            int bodyStart;
            char opener;
            if (l.length() >= 2 && (l.charAt(0) == 'A' || l.charAt(0) == 'a')
                    && (l.charAt(1) == 'T' || l.charAt(1) == 't')) {
                int semi = lastOutsideQuotes(l, ';');
                bodyStart = semi < 0 ? 2 : semi + 1;
                opener = '=';
            } else {
                bodyStart = 0;
                opener = ':';
            }
            if (bodyStart != nameBody || opener != nameOpener) {
                nameBody = bodyStart;
                nameOpener = opener;
                nameOpen = -1;
                scannedTo = bodyStart;
            }
            if (nameOpen < 0) {
                int n = l.length();
                byte[] b = l.bytes;
                for (int i = scannedTo; i < n; i++) {
                    if (b[i] == opener) {
                        nameOpen = i;
                        break;
                    }
                }
                if (nameOpen < 0) {
                    scannedTo = n;
                    return false;
                }
                nameMaySecret = isSecretName(l, bodyStart, nameOpen);
            }
            return nameMaySecret;
        }

        private static boolean isSecretName(CharSequence l, int start, int end) {
            while (start < end && l.charAt(start) <= ' ') {
                start++;
            }
            while (end > start && l.charAt(end - 1) <= ' ') {
                end--;
            }
            // The name runs from the last '+' or '#' (after the first character), else from the start; a secret
            // name is at most MAX_NAME long, so only the last MAX_NAME characters need looking at.
            int from = Math.max(start + 1, end - MAX_NAME);
            int cut = -1;
            for (int i = end - 1; i >= from; i--) {
                char c = l.charAt(i);
                if (c == '+' || c == '#') {
                    cut = i;
                    break;
                }
            }
            if (cut >= 0) {
                start = cut;
            } else if (end - start > MAX_NAME) {
                return false; // no cut near the end: the name is longer than any secret name
            }
            for (String name : SECRET_NAMES) {
                if (equalsAsciiIgnoreCase(l, start, end, name)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean equalsAsciiIgnoreCase(CharSequence s, int start, int end, String upper) {
            if (end - start != upper.length()) {
                return false;
            }
            for (int i = 0; i < upper.length(); i++) {
                char c = s.charAt(start + i);
                if (c >= 'a' && c <= 'z') {
                    c = (char) (c - 'a' + 'A');
                }
                if (c != upper.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The current line as far as it matters: its characters up to one past {@link #MAX_LINE} (a longer line is
         * never parsed), in a fixed array, so following the stream allocates nothing.
         */
        private static final class Line implements CharSequence {
            private static final int CAPACITY = MAX_LINE + 1;
            private byte[] bytes = new byte[64]; // grows to CAPACITY: a masker made for one short string stays small
            private int length;

            /** Appends one character; past the capacity nothing is kept (the line is over MAX_LINE: never parsed). */
            void append(int c) {
                if (length < CAPACITY) {
                    room(length + 1);
                    bytes[length++] = (byte) c;
                }
            }

            /** Appends {@code n} bytes that fit the capacity (the caller checks). */
            void append(byte[] b, int off, int n) {
                room(length + n);
                System.arraycopy(b, off, bytes, length, n);
                length += n;
            }

            private void room(int needed) {
                if (needed > bytes.length) {
                    bytes = java.util.Arrays.copyOf(bytes, Math.min(CAPACITY, Math.max(needed, bytes.length * 2)));
                }
            }

            void clear() {
                length = 0;
            }

            @Override
            public int length() {
                return length;
            }

            @Override
            public char charAt(int index) {
                if (index < 0 || index >= length) {
                    throw new IndexOutOfBoundsException(index);
                }
                return (char) (bytes[index] & 0xff);
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                return toString().substring(start, end);
            }

            @Override
            public String toString() {
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
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
