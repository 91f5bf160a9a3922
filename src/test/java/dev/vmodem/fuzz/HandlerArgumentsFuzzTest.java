package dev.vmodem.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmodem.at.AtEngine;
import dev.vmodem.at.Settings;
import dev.vmodem.testing.ModemHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target for the argument parsing of every registered command. For each name in
 * {@code modem.engine().registry().names()} (so commands that land later are fuzzed without touching this class) and
 * each form, the input text follows the command: {@code AT<name><text>}, {@code AT<name>=<text>},
 * {@code AT<name>?<text>}, {@code AT<name>=?<text>}. Basic commands get their number that way ({@code ATE<text>}),
 * S-registers their register and value ({@code ATS<text>}).
 *
 * <p>Checks, after each line and once its timers have run: the engine is idle (the line ended: a final result was
 * written, or the command is one that ends without one); unless ATQ1 or autobaud silence it, something was answered
 * and it ends with S3 (ATV0) or S3 S4 (ATV1); nothing was thrown and swallowed; and {@code AT} answers OK after the
 * settings are back to factory values.
 *
 * <p>The input is the argument text (ISO-8859-1, CR removed so it stays one line, at most 560 characters), so seeds
 * are readable: {@code 1,1}, {@code "APN","CMNET"}, {@code "24/05/06,22:10:00+08"}.
 */
class HandlerArgumentsFuzzTest {

    /** Longer than the 556-character line limit, so the limit is hit too, but no longer: that only says ERROR. */
    static final int MAX_TEXT = 560;

    @BeforeAll
    static void mode() {
        FuzzSupport.quickRegressionMode();
    }

    /** Argument syntax and the numbers at the edges of the usual ranges (libFuzzer syntax: a quote is {@code \x22}). */
    @DictionaryEntries({"\\x22", "\\x22\\x22", ",", ";", "?", "=?", "=", " ", "0", "1", "-1", "255", "256", "65535",
        "2147483648", "4294967296", "99999999999999999999", "/", ":", "+", "-"})
    @FuzzTest(maxDuration = "2m")
    void everyCommand(byte[] input) {
        run(input);
    }

    /** One execution; also the entry point of the plain regression tests in {@link FuzzFindingsTest}. */
    static void run(byte[] input) {
        String text = new String(input, 0, Math.min(input.length, MAX_TEXT), StandardCharsets.ISO_8859_1)
            .replace("\r", "");
        try (ModemHarness h = new ModemHarness().booted();
             FuzzSupport.EngineErrors errors = FuzzSupport.EngineErrors.watch()) {
            AtEngine engine = h.modem.engine();
            List<String> names = List.copyOf(engine.registry().names());
            for (String name : names) {
                for (String form : new String[] {"", "=", "?", "=?"}) {
                    String line = "AT" + name + form + text + "\r";
                    h.take();
                    h.send(line);
                    FuzzSupport.settle(h);
                    String out = FuzzSupport.withoutUrcs(h.take());
                    errors.assertNone();
                    if (!out.startsWith(line)) {
                        throw new AssertionError("echo of " + printable(line) + ": " + printable(out));
                    }
                    String response = out.substring(line.length());
                    Settings s = engine.settings();
                    // ATQ1 prints no result; AT+CFUN=1,1 under autobaud (AT+IPR=0) prints nothing, as documented
                    if (!s.quiet && s.ipr != 0 && !(response.endsWith("\r") || response.endsWith("\r\n"))) {
                        throw new AssertionError("no answer ending in S3 or S3 S4 to " + printable(line) + ": "
                            + printable(response));
                    }
                    if (s.echo && s.verbose && !s.quiet && s.s[5] == 8) {
                        // the usual case, settings as the recovery would leave them: just ask (5 times cheaper)
                        h.send("AT\r");
                        h.time.runDue();
                        String at = FuzzSupport.withoutUrcs(h.take());
                        if (!at.equals("AT\r\r\nOK\r\n")) {
                            throw new AssertionError("AT after " + printable(line) + ": " + printable(at));
                        }
                    } else {
                        FuzzSupport.assertAnswersAt(h);
                    }
                }
            }
            errors.assertNone();
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }
}
