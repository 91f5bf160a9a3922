package dev.vmodem.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmodem.testing.ModemHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target for the whole AT engine (codec, parser, dispatcher, every registered handler, encoder) through
 * {@link ModemHarness}: a booted modem on virtual time takes any bytes, in any chunking, with virtual time passing
 * between chunks.
 *
 * <p>Checks: the modem writes exactly the same bytes whether the input comes in one piece or in chunks (with no
 * time passing: chunking alone must change nothing, so no byte is lost or doubled at a chunk boundary); nothing
 * escapes the engine and nothing is swallowed either (an exception the engine catches and logs at ERROR is a
 * finding); every command, pending command and data mode the input started is over once its timers have run (no
 * hang), also when virtual time passes between chunks; afterwards, with the settings brought back to factory values,
 * {@code AT} answers exactly {@code AT\r\r\nOK\r\n}.
 *
 * <p>The input is the byte stream itself, so seeds are plain host traffic (see
 * {@code src/test/resources/dev/vmodem/fuzz/AtEngineFuzzTestInputs/anyBytes/}). Chunk sizes and the time that passes
 * between chunks come from a random generator seeded with the input, so a finding always replays the same way.
 */
class AtEngineFuzzTest {

    @BeforeAll
    static void mode() {
        FuzzSupport.quickRegressionMode();
    }

    /**
     * Tokens that matter to the codec and the basic commands (the fuzzer learns command names from the registry's
     * lookups). libFuzzer dictionary syntax: control characters and quotes as {@code \xNN}.
     */
    @DictionaryEntries({"AT", "at", "\\x0d", "\\x0d\\x0a", "A/", "\\x08", ";", ",", "\\x22", "=?", "?", "=", "&F", "&W",
        "Z", "E0", "E1", "V0", "Q1", "S5=", "+CMEE=2", "+CFUN=0", "+CFUN=1", "+CFUN=1,1", "+IPR=0", "\\x10", "\\x03"})
    @FuzzTest(maxDuration = "2m")
    void anyBytes(byte[] input) {
        run(input);
    }

    /** One execution; also the entry point of the plain regression tests in {@link FuzzFindingsTest}. */
    static void run(byte[] input) {
        Random r = new Random(Arrays.hashCode(input));
        int[] chunks = chunking(input.length, r);

        // 1. chunking must not matter: in one piece and in pieces (no time passing) the modem writes the same bytes
        String whole;
        try (ModemHarness h = new ModemHarness().booted()) {
            h.send(input);
            FuzzSupport.settle(h);
            whole = FuzzSupport.withoutUrcs(h.take());
        }
        try (ModemHarness h = new ModemHarness().booted();
             FuzzSupport.EngineErrors errors = FuzzSupport.EngineErrors.watch()) {
            int at = 0;
            for (int n : chunks) {
                h.send(Arrays.copyOfRange(input, at, at + n));
                at += n;
            }
            FuzzSupport.settle(h);
            // FTP workers report on their own threads, so where their URCs fall is not the input's doing
            String chunked = FuzzSupport.withoutUrcs(h.take());
            if (!chunked.equals(whole)) {
                throw new AssertionError("output depends on the chunking " + Arrays.toString(chunks) + "\nwhole:   "
                    + HandlerArgumentsFuzzTest.printable(whole) + "\nchunked: "
                    + HandlerArgumentsFuzzTest.printable(chunked));
            }
            FuzzSupport.assertAnswersAt(h);
            errors.assertNone();
        }

        // 2. with time passing between the pieces (timeouts firing part-way), the modem still recovers
        try (ModemHarness h = new ModemHarness().booted();
             FuzzSupport.EngineErrors errors = FuzzSupport.EngineErrors.watch()) {
            int at = 0;
            for (int n : chunks) {
                h.send(Arrays.copyOfRange(input, at, at + n));
                at += n;
                if (r.nextInt(3) == 0) {
                    h.time.advance(Duration.ofMillis(r.nextInt(r.nextBoolean() ? 200 : 90_000)));
                }
            }
            FuzzSupport.assertAnswersAt(h);
            errors.assertNone();
        }
    }

    /** Chunk sizes: two pieces split anywhere, byte by byte, awkward small pieces, or serial-driver sized pieces. */
    static int[] chunking(int length, Random r) {
        int style = r.nextInt(4);
        List<Integer> sizes = new ArrayList<>();
        for (int left = length; left > 0; ) {
            int n = switch (style) {
                case 0 -> sizes.isEmpty() ? 1 + r.nextInt(left) : left;
                case 1 -> 1;
                case 2 -> 1 + r.nextInt(7);
                default -> 1 + r.nextInt(600);
            };
            n = Math.min(n, left);
            sizes.add(n);
            left -= n;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }
}
