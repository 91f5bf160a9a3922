package dev.vmodem.at;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.testing.ModemHarness;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtEngineTest {

    @Test
    void powerOnSendsTheBootCodesInOrder() {
        try (ModemHarness h = new ModemHarness()) {
            h.time.advance(java.time.Duration.ofSeconds(5));
            assertThat(h.take()).isEqualTo(
                "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n");
        }
    }

    @Test
    void atAnswersOkWithEcho() {
        try (ModemHarness h = new ModemHarness().booted()) {
            assertThat(h.exchange("AT\r")).isEqualTo("AT\r\r\nOK\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000})
    void codecWorksOverAnyChunking(int chunk) {
        try (ModemHarness h = new ModemHarness().booted()) {
            byte[] in = "xyzAT\r\nat+cmee=2\rAT+CMEE?\r\nAT+FOO\rA/".getBytes(StandardCharsets.ISO_8859_1);
            h.sendChunked(in, chunk);
            assertThat(h.take()).isEqualTo("xyzAT\r\r\nOK\r\n"
                + "at+cmee=2\r\r\nOK\r\n"
                + "AT+CMEE?\r\r\n+CMEE: 2\r\n\r\nOK\r\n"
                + "AT+FOO\r\r\nERROR\r\n"
                + "A/\r\nERROR\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 64, 100_000})
    void aSettingChangedByALineAppliesToTheBytesRightAfterIt(int chunk) {
        try (ModemHarness h = new ModemHarness().booted()) {
            // ATV0 changes the framing, ATE0 the echo, ATS5 the backspace: all within one chunk of input
            byte[] in = ("ATV0\rAT\rATV1E0\rAT\rATS5=127\rAT+CMEX\u007fE=2\rAT+CMEE?\rA/")
                .getBytes(StandardCharsets.ISO_8859_1);
            h.sendChunked(in, chunk);
            assertThat(h.take()).isEqualTo("ATV0\r0\rAT\r0\rATV1E0\r\r\nOK\r\n\r\nOK\r\n\r\nOK\r\n\r\nOK\r\n"
                + "\r\n+CMEE: 2\r\n\r\nOK\r\n\r\n+CMEE: 2\r\n\r\nOK\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 555, 556, 557, 100_000})
    void theLineLimitHoldsOverAnyChunking(int chunk) {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.exchange("ATE0\r");
            String fits = "AT" + "E0".repeat(278) + "\r";
            String tooLong = "AT" + "E0".repeat(278) + "V\r";
            h.sendChunked((fits + tooLong + fits).getBytes(StandardCharsets.ISO_8859_1), chunk);
            assertThat(h.take()).isEqualTo("\r\nOK\r\n\r\nERROR\r\n\r\nOK\r\n");
        }
    }

    @Test
    void anEchoedLineComesBackByteForByteOneByteAtATime() {
        try (ModemHarness h = new ModemHarness().booted()) {
            String line = "at+cmee=2;+CGMI\r\n";
            h.sendChunked(line.getBytes(StandardCharsets.ISO_8859_1), 1);
            // the LF after the CR is not echoed: the response has started
            assertThat(h.take()).isEqualTo("at+cmee=2;+CGMI\r\r\nSIMCOM_Ltd\r\n\r\nOK\r\n");
            h.send("A");
            assertThat(h.take()).isEqualTo("A");
            h.send("/");
            assertThat(h.take()).isEqualTo("/\r\nSIMCOM_Ltd\r\n\r\nOK\r\n");
        }
    }

    @Test
    void concatenatedCommandsFrameEachBlockAndStopAtAFailure() {
        try (ModemHarness h = new ModemHarness().booted()) {
            assertThat(h.exchange("ATE0V1;+CMEE=1;+CGMI\r")).isEqualTo(
                "ATE0V1;+CMEE=1;+CGMI\r\r\nSIMCOM_Ltd\r\n\r\nOK\r\n");
            assertThat(h.exchange("AT+CMEE=2;+BOGUS;+CMEE=0\r")).isEqualTo("\r\nERROR\r\n");
            assertThat(h.exchange("AT+CMEE?\r")).isEqualTo("\r\n+CMEE: 2\r\n\r\nOK\r\n");
        }
    }

    @Test
    void numericAndQuietResultCodes() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.exchange("ATE0\r");
            assertThat(h.exchange("ATV0\r")).isEqualTo("0\r");
            assertThat(h.exchange("AT+FOO\r")).isEqualTo("4\r");
            assertThat(h.exchange("AT+CGMI\r")).isEqualTo("SIMCOM_Ltd\r\n0\r");
            assertThat(h.exchange("ATV1Q1\r")).isEqualTo("");
            assertThat(h.exchange("AT+CGMI\r")).isEqualTo("\r\nSIMCOM_Ltd\r\n");
        }
    }

    @Test
    void lineLimitIs556CharactersAfterAt() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.exchange("ATE0\r");
            String ok = "E0" + ";".repeat(554);
            assertThat(ok).hasSize(556);
            assertThat(h.exchange("AT" + ok + "\r")).isEqualTo("\r\nOK\r\n");
            assertThat(h.exchange("AT" + ok + ";\r")).isEqualTo("\r\nERROR\r\n");
            assertThat(h.exchange("AT" + "E1".repeat(5000) + "\r")).isEqualTo("\r\nERROR\r\n");
            assertThat(h.exchange("AT\r")).isEqualTo("\r\nOK\r\n");
        }
    }

    @Test
    void backspaceEditsTheLine() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.exchange("ATE0\r");
            assertThat(h.exchange("AT+CMEX\bE=1\r")).isEqualTo("\r\nOK\r\n");
            assertThat(h.exchange("AT+CMEE?\r")).isEqualTo("\r\n+CMEE: 1\r\n\r\nOK\r\n");
        }
    }

    @Test
    void cmeeDecidesHowErrorsLook() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.exchange("ATE0\r");
            assertThat(h.exchange("AT+CMEE=5\r")).isEqualTo("\r\nERROR\r\n");
            assertThat(h.exchange("AT+CMEE=\"1\r")).isEqualTo("\r\nERROR\r\n");
        }
    }

    @Test
    void noiseNeverBreaksTheEngine() {
        try (ModemHarness h = new ModemHarness().booted()) {
            Random rnd = new Random(42);
            for (int round = 0; round < 200; round++) {
                byte[] noise = new byte[rnd.nextInt(3000)];
                rnd.nextBytes(noise);
                h.sendChunked(noise, 1 + rnd.nextInt(64));
            }
            h.send("\r\rATE1\r");
            h.take();
            assertThat(h.exchange("AT\r")).isEqualTo("AT\r\r\nOK\r\n");
        }
    }
}
