package dev.vmodem.commands.basic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.testing.ModemHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ATE, ATV, ATQ, ATX, AT&amp;C, AT&amp;D, ATH, ATO, ATI and the S-registers, byte for byte. */
class V250CommandsTest {

    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";

    private ModemHarness h;

    @BeforeEach
    void boot() {
        h = new ModemHarness().booted();
    }

    @AfterEach
    void close() {
        h.close();
    }

    private String at(String line) {
        return h.exchange(line + "\r");
    }

    private void echoOff() {
        assertThat(at("ATE0")).isEqualTo("ATE0\r" + OK);
    }

    @Test
    void emptyCommandLine() {
        assertThat(at("AT")).isEqualTo("AT\r" + OK);
        assertThat(at("at")).isEqualTo("at\r" + OK);
        assertThat(at("aT;")).isEqualTo("aT;\r" + OK);
    }

    @Test
    void echo() {
        assertThat(at("ATE0")).isEqualTo("ATE0\r" + OK);
        assertThat(at("AT")).isEqualTo(OK);
        assertThat(at("ATE1")).isEqualTo(OK);
        assertThat(at("AT")).isEqualTo("AT\r" + OK);
        assertThat(at("ATE")).isEqualTo("ATE\r" + OK);
        assertThat(at("AT")).isEqualTo(OK);
        assertThat(at("ATE2")).isEqualTo(ERROR);
        assertThat(at("ATE?")).isEqualTo(ERROR);
        assertThat(at("ATE=?")).isEqualTo(ERROR);
    }

    @Test
    void verbose() {
        echoOff();
        assertThat(at("ATV0")).isEqualTo("0\r");
        assertThat(at("AT+CGMM")).isEqualTo("SIMCOM_SIM800L\r\n0\r");
        assertThat(at("ATV2")).isEqualTo("4\r");
        assertThat(at("ATV1")).isEqualTo(OK);
        assertThat(at("ATV")).isEqualTo("0\r");
        assertThat(at("ATV1")).isEqualTo(OK);
        assertThat(at("ATV?")).isEqualTo(ERROR);
    }

    @Test
    void quiet() {
        echoOff();
        assertThat(at("ATQ1")).isEqualTo("");
        assertThat(at("AT+CGMM")).isEqualTo("\r\nSIMCOM_SIM800L\r\n");
        assertThat(at("ATQ5")).isEqualTo("");
        assertThat(at("ATQ0")).isEqualTo(OK);
        assertThat(at("ATQ2")).isEqualTo(ERROR);
    }

    @Test
    void resultLevel() {
        echoOff();
        for (int x = 0; x <= 4; x++) {
            assertThat(at("ATX" + x)).isEqualTo(OK);
            assertThat(h.modem.engine().settings().resultLevel).isEqualTo(x);
        }
        assertThat(at("ATX")).isEqualTo(OK);
        assertThat(h.modem.engine().settings().resultLevel).isZero();
        assertThat(at("ATX5")).isEqualTo(ERROR);
        assertThat(at("ATX?")).isEqualTo(ERROR);
        assertThat(at("ATX=?")).isEqualTo(ERROR);
        assertThat(h.modem.engine().settings().resultLevel).isZero();
    }

    @Test
    void dcdAndDtr() {
        echoOff();
        assertThat(at("AT&C0")).isEqualTo(OK);
        assertThat(h.modem.engine().settings().dcd).isZero();
        assertThat(at("AT&C1")).isEqualTo(OK);
        assertThat(h.modem.engine().settings().dcd).isEqualTo(1);
        assertThat(at("AT&C2")).isEqualTo(ERROR);
        assertThat(at("AT&C?")).isEqualTo(ERROR);
        assertThat(at("AT&D")).isEqualTo(OK);
        assertThat(h.modem.engine().settings().dtr).isZero();
        assertThat(at("AT&D2")).isEqualTo(OK);
        assertThat(h.modem.engine().settings().dtr).isEqualTo(2);
        assertThat(at("AT&D3")).isEqualTo(ERROR);
        assertThat(at("AT&D=?")).isEqualTo(ERROR);
        assertThat(h.modem.engine().settings().dtr).isEqualTo(2);
    }

    @Test
    void hangUpAnswersOk() {
        echoOff();
        assertThat(at("ATH")).isEqualTo(OK);
        assertThat(at("ATH0")).isEqualTo(OK);
        assertThat(at("ATH1")).isEqualTo(ERROR);
        assertThat(at("ATH?")).isEqualTo(ERROR);
    }

    @Test
    void onlineWithNothingToResumeIsError() {
        echoOff();
        assertThat(at("ATO")).isEqualTo(ERROR);
        assertThat(at("ATO0")).isEqualTo(ERROR);
        assertThat(at("AT+CMEE=2;O")).isEqualTo(ERROR);
        assertThat(at("AT")).isEqualTo(OK);
    }

    @Test
    void identification() {
        assertThat(at("ATI")).isEqualTo("ATI\r\r\nSIM800 R14.18\r\n" + OK);
        echoOff();
        assertThat(at("ATI0")).isEqualTo("\r\nSIM800 R14.18\r\n" + OK);
        assertThat(at("ATI1")).isEqualTo(ERROR);
        assertThat(at("ATI=?")).isEqualTo(ERROR);
        assertThat(at("ATI?")).isEqualTo(ERROR);
    }

    @Test
    void sRegisterDefaultsPrintAsPlainNumbers() {
        echoOff();
        assertThat(at("ATS0?")).isEqualTo("\r\n0\r\n" + OK);
        assertThat(at("ATS3?")).isEqualTo("\r\n13\r\n" + OK);
        assertThat(at("ATS4?")).isEqualTo("\r\n10\r\n" + OK);
        assertThat(at("ATS5?")).isEqualTo("\r\n8\r\n" + OK);
        assertThat(at("ATS6?")).isEqualTo("\r\n2\r\n" + OK);
        assertThat(at("ATS7?")).isEqualTo("\r\n60\r\n" + OK);
        assertThat(at("ATS8?")).isEqualTo("\r\n2\r\n" + OK);
        assertThat(at("ATS10?")).isEqualTo("\r\n15\r\n" + OK);
    }

    @Test
    void sRegisterRanges() {
        echoOff();
        assertThat(at("ATS0=255")).isEqualTo(OK);
        assertThat(at("ATS0?")).isEqualTo("\r\n255\r\n" + OK);
        assertThat(at("ATS0=256")).isEqualTo(ERROR);
        assertThat(at("ATS3=13")).isEqualTo(OK);
        assertThat(at("ATS3=10")).isEqualTo(ERROR);
        assertThat(at("ATS4=10")).isEqualTo(OK);
        assertThat(at("ATS4=13")).isEqualTo(ERROR);
        assertThat(at("ATS5=127")).isEqualTo(OK);
        assertThat(at("ATS5=128")).isEqualTo(ERROR);
        assertThat(at("ATS6=10")).isEqualTo(OK);
        assertThat(at("ATS6=1")).isEqualTo(ERROR);
        assertThat(at("ATS6=11")).isEqualTo(ERROR);
        assertThat(at("ATS7=1")).isEqualTo(OK);
        assertThat(at("ATS7=0")).isEqualTo(ERROR);
        assertThat(at("ATS7=255")).isEqualTo(OK);
        assertThat(at("ATS8=0")).isEqualTo(OK);
        assertThat(at("ATS8=256")).isEqualTo(ERROR);
        assertThat(at("ATS10=1")).isEqualTo(OK);
        assertThat(at("ATS10=254")).isEqualTo(OK);
        assertThat(at("ATS10=255")).isEqualTo(ERROR);
        assertThat(at("ATS10=0")).isEqualTo(ERROR);
        assertThat(at("ATS10?")).isEqualTo("\r\n254\r\n" + OK);
    }

    @Test
    void sRegisterWithoutValueTakesItsDefault() {
        echoOff();
        assertThat(at("ATS7=30")).isEqualTo(OK);
        assertThat(at("ATS7=")).isEqualTo(OK);
        assertThat(at("ATS7?")).isEqualTo("\r\n60\r\n" + OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ATS1?", "ATS2=43", "ATS9?", "ATS12?", "ATS0=?", "ATS0", "ATS999?", "ATS0=-1"})
    void otherRegistersAndFormsAreErrors(String line) {
        echoOff();
        assertThat(at(line)).isEqualTo(ERROR);
        assertThat(at("AT")).isEqualTo(OK);
    }

    @Test
    void backspaceRegisterChangesLineEditing() {
        echoOff();
        assertThat(at("ATS5=127")).isEqualTo(OK);
        assertThat(at("AT+CMEX\u007fE=1")).isEqualTo(OK);
        assertThat(at("AT+CMEE?")).isEqualTo("\r\n+CMEE: 1\r\n" + OK);
    }

    @Test
    void severalBasicCommandsAndSRegistersOnOneLine() {
        assertThat(at("ATE0Q0V1X4S0=1S7=30&C1&D2")).isEqualTo("ATE0Q0V1X4S0=1S7=30&C1&D2\r" + OK);
        assertThat(at("ATS0?;S7?")).isEqualTo("\r\n1\r\n\r\n30\r\n" + OK);
        // a failing command stops the line: S7 stays 30
        assertThat(at("ATS7=40S3=12S7=50")).isEqualTo(ERROR);
        assertThat(at("ATS7?")).isEqualTo("\r\n40\r\n" + OK);
    }
}
