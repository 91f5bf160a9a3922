package dev.vmodem.trace;

/**
 * Makes serial bytes readable: printable ASCII as it is, CR/LF as {@code \r}/{@code \n}, the rest as {@code \xNN}.
 * {@link #unescape} reverses it exactly (recordings are stored this way).
 */
public final class Escaper {

    private Escaper() {
    }

    public static String escape(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder(len + 8);
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            switch (c) {
                case '\r' -> s.append("\\r");
                case '\n' -> s.append("\\n");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        s.append((char) c);
                    } else {
                        s.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return s.toString();
    }

    /**
     * The bytes {@link #escape} was given.
     *
     * @throws IllegalArgumentException for a backslash not followed by {@code \\}, {@code r}, {@code n} or
     *                                  {@code xNN}, or a character above 0xFF; the message gives the position
     */
    public static byte[] unescape(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                if (c > 0xff) {
                    throw new IllegalArgumentException("not a byte at " + i + ": U+" + Integer.toHexString(c));
                }
                out.write(c);
                continue;
            }
            char n = i + 1 < s.length() ? s.charAt(i + 1) : '?';
            switch (n) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    if (i + 4 > s.length()) {
                        throw new IllegalArgumentException("truncated \\x escape at " + i);
                    }
                    int hi = Character.digit(s.charAt(i + 2), 16);
                    int lo = Character.digit(s.charAt(i + 3), 16);
                    if (hi < 0 || lo < 0) {
                        throw new IllegalArgumentException("bad \\x escape at " + i + ": " + s.substring(i, i + 4));
                    }
                    out.write(hi * 16 + lo);
                    i += 2;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + n + " at " + i);
            }
            i++;
        }
        return out.toByteArray();
    }
}
