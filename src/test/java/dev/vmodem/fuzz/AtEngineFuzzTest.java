package dev.vmodem.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmodem.testing.ModemHarness;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target for the whole AT engine (codec, parser, dispatcher, every registered handler, encoder) through
 * {@link ModemHarness}: a booted modem on virtual time takes any bytes, in any chunking, with virtual time passing
 * between chunks.
 *
 * <p>Checks: nothing escapes the engine and nothing is swallowed either (an exception the engine catches and logs
 * at ERROR is a finding); every command, pending command and data mode the input started is over once its timers
 * have run (no hang); afterwards, with the settings brought back to factory values, {@code AT} answers exactly
 * {@code AT\r\r\nOK\r\n}.
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

    @FuzzTest(maxDuration = "2m")
    void anyBytes(byte[] input) {
        run(input);
    }

    /** One execution; also the entry point of the plain regression tests in {@link FuzzFindingsTest}. */
    static void run(byte[] input) {
        try (ModemHarness h = new ModemHarness().booted();
             FuzzSupport.EngineErrors errors = FuzzSupport.EngineErrors.watch()) {
            Random r = new Random(Arrays.hashCode(input));
            int style = r.nextInt(4);
            int at = 0;
            while (at < input.length) {
                int n = switch (style) {
                    case 0 -> input.length;                 // all at once
                    case 1 -> 1;                            // byte by byte
                    case 2 -> 1 + r.nextInt(7);             // awkward small pieces
                    default -> 1 + r.nextInt(600);          // serial-driver sized pieces
                };
                n = Math.min(n, input.length - at);
                h.send(Arrays.copyOfRange(input, at, at + n));
                at += n;
                if (r.nextInt(4) == 0) {
                    h.time.advance(Duration.ofMillis(r.nextInt(3000)));
                }
            }
            FuzzSupport.assertAnswersAt(h);
            errors.assertNone();
        }
    }
}
