package dev.vmodem.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.at.codec.AtLineCodec;
import dev.vmodem.fuzz.AtLineCodecFuzzTest.Recorder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The line codec over random chunkings gives the same events as over the whole input: plain JUnit with fixed seeds,
 * next to the coverage-guided {@link AtLineCodecFuzzTest} (whose checks it reuses).
 */
class AtLineCodecPropertyTest {

    /** Host traffic made of the pieces that matter to the codec, so random streams hit every state. */
    private static final String[] PIECES = {
        "AT", "at", "aT", "A", "T", "/", "A/", "a/", "\r", "\n", "\r\n", "\b", "\u007f", "\0", "\u001b", "+CGMI", "E0",
        "+CMEE=2", "\"a;b,c\"", ";", " ", "\u00ff", "\u0080", "x", "AAT", "ATAT",
    };

    static byte[] traffic(Random r, int pieces) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            if (r.nextInt(50) == 0) {
                b.append("9".repeat(AtLineCodec.MAX_LINE - 3 + r.nextInt(6))); // around the line limit
            } else if (r.nextInt(10) == 0) {
                b.append((char) r.nextInt(256));
            } else {
                b.append(PIECES[r.nextInt(PIECES.length)]);
            }
        }
        return b.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void randomChunkingsGiveTheEventsOfTheWholeInput() {
        Random r = new Random(556);
        byte[][] settings = {{13, 8}, {13, 8}, {13, 8}, {13, 127}, {10, 8}, {13, 13}, {'A', 8}, {13, 'T'}, {0, 0}};
        for (int iter = 0; iter < 2_000; iter++) {
            byte[] stream = traffic(r, r.nextInt(200));
            byte[] s = r.nextInt(4) == 0 ? new byte[] {(byte) r.nextInt(256), (byte) r.nextInt(256)}
                : settings[r.nextInt(settings.length)];
            Recorder whole = AtLineCodecFuzzTest.feed(stream, s[0], s[1], new int[] {stream.length});
            for (int k = 0; k < 4; k++) {
                int[] chunks = AtLineCodecFuzzTest.chunking(stream.length, r);
                Recorder chunked = AtLineCodecFuzzTest.feed(stream, s[0], s[1], chunks);
                if (!chunked.events.equals(whole.events)) {
                    assertThat(chunked.events).as("iteration %s, S3 %s S5 %s, chunks %s", iter, s[0], s[1],
                        Arrays.toString(chunks)).isEqualTo(whole.events);
                }
            }
        }
    }

    @Test
    void everyCheckOfTheFuzzTargetHoldsOnRandomTraffic() {
        Random r = new Random(13);
        for (int iter = 0; iter < 3_000; iter++) {
            byte[] stream = traffic(r, r.nextInt(120));
            byte[] input = new byte[stream.length + 2];
            input[0] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : 13;
            input[1] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : 8;
            System.arraycopy(stream, 0, input, 2, stream.length);
            AtLineCodecFuzzTest.run(input);
        }
    }
}
