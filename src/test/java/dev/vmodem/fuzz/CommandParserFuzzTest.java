package dev.vmodem.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmodem.at.parser.CommandParser;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.ParseException;
import dev.vmodem.at.parser.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target for {@link CommandParser}: any string (the input as UTF-8, so any character, not only the Latin-1
 * ones the line codec delivers). Either a {@link ParseException}, or requests whose raw texts are substrings of the
 * input, in order and not overlapping, each with an upper-case name, a form, arguments, and a register only for
 * {@code S}. No other exception, and the same answer twice.
 */
class CommandParserFuzzTest {

    @BeforeAll
    static void mode() {
        FuzzSupport.quickRegressionMode();
    }

    @FuzzTest(maxDuration = "2m")
    void anyString(byte[] input) {
        run(new String(input, StandardCharsets.UTF_8));
    }

    /** One execution; also the entry point of the plain regression tests in {@link FuzzFindingsTest}. */
    static void run(String line) {
        List<Request> requests;
        try {
            requests = CommandParser.parse(line);
        } catch (ParseException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        int from = 0;
        for (Request r : requests) {
            assertThat(r.raw()).isNotNull();
            int at = line.indexOf(r.raw(), from);
            assertThat(at).as("raw %s of %s within the input, after position %s", r.raw(), requests, from)
                .isGreaterThanOrEqualTo(0);
            from = at + r.raw().length();
            assertThat(r.name()).isNotEmpty().isEqualTo(r.name().toUpperCase(Locale.ROOT));
            assertThat(r.form()).isIn((Object[]) Form.values());
            assertThat(r.args()).isNotNull().doesNotContainNull();
            if (r.name().equals("S")) {
                assertThat(r.register()).isBetween(0, 999);
            } else {
                assertThat(r.register()).isEqualTo(-1);
            }
        }
        try {
            assertThat(CommandParser.parse(line)).isEqualTo(requests);
        } catch (ParseException e) {
            throw new AssertionError("second parse failed where the first did not", e);
        }
    }
}
