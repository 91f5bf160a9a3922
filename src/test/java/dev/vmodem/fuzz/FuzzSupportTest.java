package dev.vmodem.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmodem.at.response.Response;
import dev.vmodem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** The fuzz targets' checks catch what they are there to catch (an oracle that never fails finds nothing). */
class FuzzSupportTest {

    @Test
    void anExceptionTheEngineSwallowsIsAFinding() {
        try (ModemHarness h = new ModemHarness().booted();
             FuzzSupport.EngineErrors errors = FuzzSupport.EngineErrors.watch()) {
            h.modem.engine().registry().register("+BOOM", (req, ctx) -> {
                throw new NumberFormatException("for input string: \"x\"");
            });
            h.send("AT+BOOM\r");
            assertThatCode(() -> FuzzSupport.assertAnswersAt(h)).doesNotThrowAnyException();
            assertThatThrownBy(errors::assertNone).isInstanceOf(AssertionError.class)
                .hasMessageContaining("+BOOM").hasCauseInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void aCommandThatNeverEndsIsAHang() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.modem.engine().registry().register("+HANG", (req, ctx) -> Response.pending());
            h.send("AT+HANG\r");
            assertThatThrownBy(() -> FuzzSupport.assertAnswersAt(h)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a hang");
        }
    }

    @Test
    void recoveryGetsThroughWhateverS5TheInputLeft() {
        for (int s5 = 0; s5 < 128; s5++) {
            try (ModemHarness h = new ModemHarness().booted()) {
                h.send("ATE0V0Q1+CMEE=2\r");
                h.modem.engine().settings().s[5] = s5; // what ATS5=<s5> does
                int v = s5;
                assertThatCode(() -> FuzzSupport.assertAnswersAt(h)).as("S5 %s", v).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void echoCheckForALetterS3AllowsOneLfPerRunAfterS3() {
        byte t = 'T';
        assertThat(AtLineCodecFuzzTest.isInputMinusLfsAfterS3(b("xT\n\n"), b("xT\n"), t)).isTrue();
        assertThat(AtLineCodecFuzzTest.isInputMinusLfsAfterS3(b("xT\n\n"), b("xT\n\n"), t)).isTrue();
        assertThat(AtLineCodecFuzzTest.isInputMinusLfsAfterS3(b("xT\n\n"), b("xT"), t)).isFalse();
        assertThat(AtLineCodecFuzzTest.isInputMinusLfsAfterS3(b("x\n"), b("x"), t)).isFalse();
        assertThat(AtLineCodecFuzzTest.isInputMinusLfsAfterS3(b("T\nT\n"), b("TT"), t)).isTrue();
        assertThat(AtLineCodecFuzzTest.isInputMinusLfsAfterS3(b("T\n"), b("T\nx"), t)).isFalse();
        assertThat(AtLineCodecFuzzTest.isInputMinusLfsAfterS3(b("Tx"), b("T"), t)).isFalse();
    }

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
