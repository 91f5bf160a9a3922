package dev.vmodem.at;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.testing.ModemHarness;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever the host sends, each input gets its defined answer and the modem answers {@code AT} with OK afterwards. */
class BadInputTest {

    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";

    private ModemHarness h;

    @BeforeEach
    void boot() {
        h = new ModemHarness().booted();
        assertThat(h.exchange("ATE0\r")).isEqualTo("ATE0\r" + OK);
    }

    @AfterEach
    void stillAnswers() {
        h.exchange("ATE0\r");
        assertThat(h.exchange("AT\r")).isEqualTo(OK);
        h.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void bytesOutsideACommandLineAreIgnored() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            // no 'A'/'a' (no command line starts) and no CR (nothing ends)
            if (noise[i] == 'A' || noise[i] == 'a' || noise[i] == '\r') {
                noise[i] = 'x';
            }
        }
        h.send(noise);
        assertThat(h.take()).isEmpty();
    }

    @Test
    void echoRepeatsNoiseAsItCame() {
        h.exchange("ATE1\r");
        byte[] noise = {0, 1, 2, (byte) 0xff, (byte) 0x80, 0x7f, 'x'};
        h.send(noise);
        assertThat(h.takeBytes()).containsExactly(noise);
    }

    @Test
    void nulBytesAreIgnored() {
        h.send(new byte[1000]);
        assertThat(h.take()).isEmpty();
        h.send(bytes("\0AT\0+CG\0MI\0\r"));
        assertThat(h.take()).isEqualTo("\r\nSIMCOM_Ltd\r\n" + OK);
        // the prefix itself must be two adjacent characters
        h.send(bytes("A\0T+CGMI\r"));
        assertThat(h.take()).isEmpty();
        h.send(bytes("AT\0\0\0\r"));
        assertThat(h.take()).isEqualTo(OK);
    }

    @Test
    void controlAndHighBytesInsideALineAreIgnoredOrRejected() {
        // control characters other than S3/S5 are dropped from the line
        assertThat(h.exchange("AT+C\u0001G\u001bM\u0007I\r")).isEqualTo("\r\nSIMCOM_Ltd\r\n" + OK);
        // bytes from 0x80 up are kept and are not AT syntax
        assertThat(h.exchange("AT+CGMI\u00ff\r")).isEqualTo(ERROR);
        assertThat(h.exchange("AT\u00e9\r")).isEqualTo(ERROR);
    }

    @Test
    void aLineOf10000CharactersIsError() {
        assertThat(h.exchange("AT" + "+CGMI;".repeat(1667) + "\r")).isEqualTo(ERROR);
        assertThat(h.exchange("AT" + "x".repeat(10_000) + "\r")).isEqualTo(ERROR);
        assertThat(h.exchange("AT+CMEE=2;+X=\"" + "q".repeat(10_000) + "\"\r")).isEqualTo(ERROR);
        // nothing on an overlong line runs
        assertThat(h.exchange("AT+CMEE?\r")).isEqualTo("\r\n+CMEE: 0\r\n" + OK);
    }

    @Test
    void anEchoedOverlongLineIsEchoedWhole() {
        h.exchange("ATE1\r");
        String line = "AT" + "E1".repeat(5000) + "\r";
        assertThat(h.exchange(line)).isEqualTo(line + ERROR);
    }

    @Test
    void tenThousandCharactersWithoutAtAreIgnored() {
        assertThat(h.exchange("x".repeat(10_000) + "\r")).isEmpty();
        assertThat(h.exchange("\r".repeat(10_000))).isEmpty();
        assertThat(h.exchange("\r\n".repeat(5_000))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AT+CMEE=2;+X=\"abc", "AT+CMEE=2;+CSTT=\"a\",\"b", "AT+CMEE=2;+X=\"", "AT+CMEE=2;+X=\"\"\""})
    void anUnterminatedQuoteFailsTheWholeLine(String line) {
        assertThat(h.exchange(line + "\r")).isEqualTo(ERROR);
        assertThat(h.exchange("AT+CMEE?\r")).isEqualTo("\r\n+CMEE: 0\r\n" + OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AT+FOO", "AT+FOO=1", "AT+FOO?", "AT+FOO=?", "AT#FOO", "ATB", "ATJ", "AT&V", "AT&K0", "ATD123",
        "AT+", "AT#", "AT&", "AT=", "AT?", "AT1", "AT,", "AT\"", "AT+CGMI+CGMM"})
    void unknownCommandsAndSyntaxErrorsAreError(String line) {
        assertThat(h.exchange(line + "\r")).isEqualTo(ERROR);
        // CMEE does not turn them into +CME ERROR (what the SIM800 does there is undocumented)
        h.exchange("AT+CMEE=2\r");
        assertThat(h.exchange(line + "\r")).isEqualTo(ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ATE2", "ATV9", "ATQ3", "ATX5", "ATZ9", "AT&F2", "AT&W5", "AT&C9", "AT&D3", "ATH2", "ATI9",
        "ATS0=256", "ATS3=0", "ATS4=0", "ATS5=200", "ATS6=0", "ATS7=0", "ATS8=300", "ATS10=255",
        "AT+CMEE=3", "AT+IPR=1", "AT+IFC=3", "AT+IFC=0,3", "AT+CIURC=2", "AT+CFUN=9", "AT+CFUN=1,2",
        "AT+CMEE=99999999999999999999", "ATE99999999999999999999", "AT+CMEE=-1", "AT+CMEE=1.0", "AT+CMEE=0x1"})
    void outOfRangeValuesAreError(String line) {
        assertThat(h.exchange(line + "\r")).isEqualTo(ERROR);
    }

    @Test
    void aFailureStopsTheRestOfTheLine() {
        assertThat(h.exchange("AT+CMEE=1;+CIURC=7;+CMEE=2\r")).isEqualTo(ERROR);
        assertThat(h.exchange("AT+CMEE?\r")).isEqualTo("\r\n+CMEE: 1\r\n" + OK);
    }

    @Test
    void repeatAfterABadLineRepeatsIt() {
        assertThat(h.exchange("AT+FOO\r")).isEqualTo(ERROR);
        assertThat(h.exchange("A/")).isEqualTo(ERROR);
        assertThat(h.exchange("AT+CGMI\r")).isEqualTo("\r\nSIMCOM_Ltd\r\n" + OK);
        assertThat(h.exchange("a/")).isEqualTo("\r\nSIMCOM_Ltd\r\n" + OK);
    }

    @Test
    void backspacesBeyondTheLineStartAreHarmless() {
        assertThat(h.exchange("AT\b\b\b\b+CGMI\r")).isEqualTo("\r\nSIMCOM_Ltd\r\n" + OK);
        assertThat(h.exchange("AT+CGMIX\b\b\b\b\b\b\b\b\b\r")).isEqualTo(OK);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void randomNoiseThenARecoveryLine(long seed) {
        Random rnd = new Random(seed);
        for (int round = 0; round < 50; round++) {
            byte[] noise = new byte[rnd.nextInt(2000)];
            rnd.nextBytes(noise);
            h.sendChunked(noise, 1 + rnd.nextInt(100));
        }
        // end whatever line the noise may have started, then go back to known settings
        h.send("\rAT&FE0\r");
        h.take();
        assertThat(h.exchange("AT\r")).isEqualTo(OK);
    }

    @Test
    void noiseMadeOfAlmostCommands() {
        Random rnd = new Random(99);
        String[] parts = {"AT", "at", "A", "T", "+", "=", "?", ";", ",", "\"", "\r", "\n", "\b", "E", "S3", "&", "#",
            "+CMEE", "+CGMI", "=?", "1", "99999", "\0", "A/"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            b.append(parts[rnd.nextInt(parts.length)]);
        }
        h.sendChunked(bytes(b.toString()), 13);
        h.send("\rAT&FE0\r");
        h.take();
        assertThat(h.exchange("AT+CMEE?\r")).isEqualTo("\r\n+CMEE: 0\r\n" + OK);
    }
}
