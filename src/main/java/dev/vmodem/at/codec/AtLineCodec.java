package dev.vmodem.at.codec;

/**
 * Bytes in, command lines out. Owns line assembly and echo; never calls handlers (the listener does).
 *
 * <ul>
 *   <li>A line starts with {@code AT} in any case and ends with S3 (CR). Bytes before {@code AT} and empty lines are
 *       ignored; an LF right after the CR is dropped (not echoed, not part of the next line).</li>
 *   <li>S5 (backspace) removes the last character of the line; other control characters inside a line are
 *       ignored.</li>
 *   <li>{@code A/} repeats the previous line at once (no CR needed).</li>
 *   <li>More than {@value #MAX_LINE} characters after {@code AT}: the rest is discarded up to the CR and the
 *       listener hears {@link Listener#lineTooLong(int)}; nothing on that line runs.</li>
 *   <li>Echo: every byte consumed is handed to {@link Listener#echo} before the event it completes, so
 *       {@code AT\r} echoes {@code AT\r} before its response.</li>
 * </ul>
 *
 * {@link #feed} stops right after a byte that produced an event and returns how many bytes it consumed, so the engine
 * can hand the rest of the input to a data mode if the command switched into one.
 */
public final class AtLineCodec {

    /** The SIM800 command-line buffer, counted from the first character after {@code AT}. */
    public static final int MAX_LINE = 556;

    /** What the codec reports. */
    public interface Listener {
        void echo(byte[] bytes, int offset, int length);

        /** A complete line: the text after {@code AT}, without the terminator. */
        void line(String text);

        /** A line longer than {@link #MAX_LINE}: {@code length} characters after {@code AT}. */
        void lineTooLong(int length);

        /** {@code A/}: repeat the previous line. */
        void repeat();
    }

    private enum State { IDLE, GOT_A, LINE, DISCARD }

    private static final byte LF = 0x0a;

    private final char[] line = new char[MAX_LINE];
    private State state = State.IDLE;
    private int length;
    private int discarded;
    private boolean afterCr;

    /** Forgets any partial line (a reset, a host that went away mid-line). */
    public void reset() {
        state = State.IDLE;
        length = 0;
        discarded = 0;
        afterCr = false;
    }

    /** Whether a line is being typed (the host has sent {@code AT} but not yet the terminator). */
    public boolean inLine() {
        return state == State.LINE || state == State.DISCARD;
    }

    /**
     * Feeds bytes.
     *
     * @param s3 the line terminator (S3), {@code s5} the backspace character (S5)
     * @return how many bytes were consumed; fewer than {@code len} when an event fired part-way
     */
    public int feed(byte[] b, int off, int len, byte s3, byte s5, Listener listener) {
        int end = off + len;
        int echoFrom = off;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (afterCr) {
                afterCr = false;
                if (c == LF) {
                    if (i > echoFrom) {
                        listener.echo(b, echoFrom, i - echoFrom);
                    }
                    echoFrom = i + 1;
                    continue;
                }
            }
            switch (state) {
                case IDLE -> {
                    if (c == 'A' || c == 'a') {
                        state = State.GOT_A;
                    } else if (c == s3) {
                        afterCr = true;
                    }
                }
                case GOT_A -> {
                    if (c == 'T' || c == 't') {
                        state = State.LINE;
                        length = 0;
                    } else if (c == '/') {
                        state = State.IDLE;
                        listener.echo(b, echoFrom, i + 1 - echoFrom);
                        listener.repeat();
                        return i + 1 - off;
                    } else if (c != 'A' && c != 'a') {
                        state = State.IDLE;
                        afterCr = c == s3;
                    }
                }
                case LINE -> {
                    if (c == s3) {
                        state = State.IDLE;
                        afterCr = true;
                        listener.echo(b, echoFrom, i + 1 - echoFrom);
                        listener.line(new String(line, 0, length));
                        return i + 1 - off;
                    } else if (c == s5) {
                        if (length > 0) {
                            length--;
                        }
                    } else if ((c & 0xff) >= 0x20 && c != 0x7f) {
                        if (length < MAX_LINE) {
                            line[length++] = (char) (c & 0xff);
                        } else {
                            state = State.DISCARD;
                            discarded = MAX_LINE + 1;
                        }
                    }
                }
                case DISCARD -> {
                    if (c == s3) {
                        state = State.IDLE;
                        afterCr = true;
                        int n = discarded;
                        discarded = 0;
                        listener.echo(b, echoFrom, i + 1 - echoFrom);
                        listener.lineTooLong(n);
                        return i + 1 - off;
                    } else if ((c & 0xff) >= 0x20 && discarded < Integer.MAX_VALUE) {
                        discarded++;
                    }
                }
                default -> throw new IllegalStateException("state: " + state);
            }
        }
        if (end > echoFrom) {
            listener.echo(b, echoFrom, end - echoFrom);
        }
        return len;
    }
}
