package dev.vmodem.trace;

/** Makes serial bytes readable: printable ASCII as it is, CR/LF as {@code \r}/{@code \n}, the rest as {@code \xNN}. */
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
}
