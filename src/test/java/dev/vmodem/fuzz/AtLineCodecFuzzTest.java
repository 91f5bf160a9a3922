package dev.vmodem.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmodem.at.codec.AtLineCodec;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target for {@link AtLineCodec}: any bytes, any S3 and S5, any chunking.
 *
 * <p>Input: byte 0 is S3, byte 1 is S5, the rest is the stream (a seed reads {@code \r\bAT+CGMI\r}). The chunking
 * comes from a random generator seeded with the input. Checks:
 * <ul>
 *   <li>{@code feed} consumes between 1 and {@code len} bytes (0 of 0), and stops early only right after an event;
 *       a line, an overlong line or {@code A/} is always the last thing a call reports;</li>
 *   <li>a line never exceeds {@value AtLineCodec#MAX_LINE} characters and holds no control character, no DEL, no S3
 *       and no S5; an overlong line reports more than {@value AtLineCodec#MAX_LINE};</li>
 *   <li>the echo is the input minus exactly the LFs that follow an S3 (for an S3 that can also be part of
 *       {@code AT} or {@code A/}, where the codec's state decides, minus at most one LF of each run after an S3);</li>
 *   <li>the events are the same in this chunking as when the input comes in one piece;</li>
 *   <li>nothing throws.</li>
 * </ul>
 */
class AtLineCodecFuzzTest {

    private static final byte LF = 0x0a;

    @BeforeAll
    static void mode() {
        FuzzSupport.quickRegressionMode();
    }

    @FuzzTest(maxDuration = "2m")
    void anyBytes(byte[] input) {
        run(input);
    }

    /** One execution; also the entry point of the plain regression tests in {@link FuzzFindingsTest}. */
    static void run(byte[] input) {
        if (input.length < 2) {
            return;
        }
        byte s3 = input[0];
        byte s5 = input[1];
        byte[] stream = Arrays.copyOfRange(input, 2, input.length);

        Recorder whole = feed(stream, s3, s5, new int[] {stream.length});
        Random r = new Random(Arrays.hashCode(input));
        int[] chunks = chunking(stream.length, r);
        Recorder chunked = feed(stream, s3, s5, chunks);

        for (Recorder rec : List.of(whole, chunked)) {
            for (Event e : rec.events) {
                if (e instanceof Line l) {
                    if (l.text.length() > AtLineCodec.MAX_LINE) {
                        throw new AssertionError("line of " + l.text.length() + " > " + AtLineCodec.MAX_LINE);
                    }
                    for (char c : l.text.toCharArray()) {
                        if (c < 0x20 || c > 0xff || c == 0x7f || c == (s3 & 0xff) || c == (s5 & 0xff)) {
                            throw new AssertionError(String.format("character 0x%02x in line %s (S3 %d, S5 %d)",
                                (int) c, l, s3 & 0xff, s5 & 0xff));
                        }
                    }
                } else if (e instanceof TooLong t && t.length <= AtLineCodec.MAX_LINE) {
                    throw new AssertionError("too long at " + t.length);
                }
            }
        }
        if (!chunked.events.equals(whole.events)) {
            assertThat(chunked.events).as("events in chunks %s", Arrays.toString(chunks)).isEqualTo(whole.events);
        }

        byte[] echo = chunked.echo.toByteArray();
        if (startsSomething(s3)) {
            assertThat(isInputMinusLfsAfterS3(stream, echo, s3)).as("echo is the input minus LFs after S3").isTrue();
        } else {
            assertThat(echo).as("echo").isEqualTo(expectedEcho(stream, s3));
        }
    }

    /** An S3 that is also A, a, T, t or / can be taken as part of {@code AT} or {@code A/} instead of ending a line. */
    private static boolean startsSomething(byte s3) {
        return s3 == 'A' || s3 == 'a' || s3 == 'T' || s3 == 't' || s3 == '/';
    }

    /** The documented rule: an LF right after an S3 is dropped (an S3 that was itself a dropped LF does not count). */
    static byte[] expectedEcho(byte[] in, byte s3) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean afterS3 = false;
        for (byte b : in) {
            if (afterS3 && b == LF) {
                afterS3 = false;
                continue;
            }
            out.write(b);
            afterS3 = b == s3;
        }
        return out.toByteArray();
    }

    /**
     * Whether {@code echo} is {@code in} with at most one LF taken from each run of LFs that follows an S3 byte (which
     * of them does not matter: they are all alike). Only LFs can go, so the other bytes must match one to one.
     */
    static boolean isInputMinusLfsAfterS3(byte[] in, byte[] echo, byte s3) {
        int i = 0;
        int j = 0;
        while (i < in.length || j < echo.length) {
            if (i < in.length && in[i] != LF) {
                if (j >= echo.length || echo[j] != in[i]) {
                    return false;
                }
                i++;
                j++;
                continue;
            }
            int a = run(in, i);
            int b = run(echo, j);
            if (a == 0 && b == 0) {
                return false; // the input is used up, the echo is not
            }
            boolean oneMayGo = i > 0 && in[i - 1] == s3;
            if (b != a && !(oneMayGo && b == a - 1)) {
                return false;
            }
            i += a;
            j += b;
        }
        return true;
    }

    private static int run(byte[] b, int from) {
        int n = 0;
        while (from + n < b.length && b[from + n] == LF) {
            n++;
        }
        return n;
    }

    static int[] chunking(int length, Random r) {
        List<Integer> sizes = new ArrayList<>();
        int style = r.nextInt(3);
        for (int left = length; left > 0; ) {
            int n = switch (style) {
                case 0 -> 1;
                case 1 -> 1 + r.nextInt(7);
                default -> r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(700);
            };
            n = Math.min(n, left);
            sizes.add(n);
            left -= n;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Feeds the stream in the given chunks, as the engine does: each chunk until all of it is consumed. */
    static Recorder feed(byte[] stream, byte s3, byte s5, int[] chunks) {
        AtLineCodec codec = new AtLineCodec();
        Recorder rec = new Recorder();
        int off = 0;
        for (int size : chunks) {
            int end = off + size;
            do {
                int len = end - off;
                rec.callStart();
                int n = codec.feed(stream, off, len, s3, s5, rec);
                if (len == 0 ? n != 0 : n < 1 || n > len) {
                    throw new AssertionError("consumed " + n + " of " + len + " at " + off);
                }
                if (n < len && !rec.firedInCall) {
                    throw new AssertionError("stopped early without an event at " + off + ": " + n + " of " + len);
                }
                off += n;
            } while (off < end);
        }
        rec.flushEcho();
        return rec;
    }

    sealed interface Event permits Echo, Line, TooLong, Repeat {
    }

    record Echo(String bytes) implements Event {
    }

    record Line(String text) implements Event {
    }

    record TooLong(int length) implements Event {
    }

    record Repeat() implements Event {
    }

    /** Records events; consecutive echoes are merged, since only chunking splits them. */
    static final class Recorder implements AtLineCodec.Listener {
        final List<Event> events = new ArrayList<>();
        final ByteArrayOutputStream echo = new ByteArrayOutputStream();
        private final StringBuilder pendingEcho = new StringBuilder();
        boolean firedInCall;

        void callStart() {
            firedInCall = false;
        }

        void flushEcho() {
            if (pendingEcho.length() > 0) {
                events.add(new Echo(pendingEcho.toString()));
                pendingEcho.setLength(0);
            }
        }

        private void fired(Event e) {
            if (firedInCall) {
                throw new AssertionError("a second event in one call: " + e);
            }
            firedInCall = true;
            flushEcho();
            events.add(e);
        }

        @Override
        public void echo(byte[] bytes, int offset, int length) {
            if (firedInCall) {
                throw new AssertionError("echo after the event in one call");
            }
            if (length <= 0) {
                throw new AssertionError("echo of " + length + " bytes");
            }
            echo.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++) {
                pendingEcho.append((char) (bytes[i] & 0xff));
            }
        }

        @Override
        public void line(String text) {
            fired(new Line(text));
        }

        @Override
        public void lineTooLong(int length) {
            fired(new TooLong(length));
        }

        @Override
        public void repeat() {
            fired(new Repeat());
        }
    }
}
