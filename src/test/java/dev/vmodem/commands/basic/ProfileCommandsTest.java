package dev.vmodem.commands.basic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.testing.ModemHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AT&amp;W, ATZ, AT&amp;F: the saved profile, in memory and across restarts of the emulator. */
class ProfileCommandsTest {

    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";
    private static final String BOOT = "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";

    @TempDir
    Path state;

    private ModemHarness modemOn(Path dir) {
        return new ModemHarness(b -> b.stateDir(dir));
    }

    @Test
    void atzRestoresWhatAtwSaved() {
        try (ModemHarness h = new ModemHarness().booted()) {
            // an extended command needs ';' before the next command
            assertThat(h.exchange("ATE0S7=30X2;+CMEE=2&W\r")).isEqualTo("ATE0S7=30X2;+CMEE=2&W\r" + ERROR);
            assertThat(h.exchange("ATE0S7=30X2;+CMEE=2;&W\r")).isEqualTo(OK);
            assertThat(h.exchange("ATE1S7=90X4;+CMEE=0\r")).isEqualTo(OK);
            assertThat(h.exchange("ATZ\r")).isEqualTo("ATZ\r" + OK);
            assertThat(h.exchange("ATS7?;+CMEE?\r")).isEqualTo("\r\n30\r\n\r\n+CMEE: 2\r\n" + OK);
            assertThat(h.modem.engine().settings().resultLevel).isEqualTo(2);
            assertThat(h.exchange("ATZ0\r")).isEqualTo(OK);
            assertThat(h.exchange("ATZ1\r")).isEqualTo(ERROR);
            assertThat(h.exchange("ATZ?\r")).isEqualTo(ERROR);
        }
    }

    @Test
    void atzWithNothingSavedGivesFactoryDefaults() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.exchange("ATE0V0S0=3;+CMEE=1\r");
            assertThat(h.exchange("ATZ\r")).isEqualTo(OK);
            assertThat(h.exchange("ATS0?;+CMEE?\r")).isEqualTo("ATS0?;+CMEE?\r\r\n0\r\n\r\n+CMEE: 0\r\n" + OK);
        }
    }

    @Test
    void theOkOfAtzFollowsTheRestoredSettings() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.exchange("ATE0V0&W\r");
            h.exchange("ATV1\r");
            assertThat(h.exchange("ATZ\r")).isEqualTo("0\r");
        }
    }

    @Test
    void atzAndAtfLeaveTheUartAlone() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.exchange("ATE0\r");
            assertThat(h.exchange("AT+IPR=9600;+IFC=2,2\r")).isEqualTo(OK);
            assertThat(h.exchange("ATZ;+IPR?;+IFC?\r")).isEqualTo(
                "\r\n+IPR: 9600\r\n\r\n+IFC: 2,2\r\n" + OK);
            h.exchange("ATE0\r");
            assertThat(h.exchange("AT&F;+IPR?;+IFC?\r")).isEqualTo(
                "\r\n+IPR: 9600\r\n\r\n+IFC: 2,2\r\n" + OK);
        }
    }

    @Test
    void atfGivesFactoryDefaultsForTheSessionOnly() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.exchange("ATE0S0=5;+CMEE=2;+CIURC=0;&W\r");
            assertThat(h.exchange("AT&F\r")).isEqualTo(OK);
            assertThat(h.exchange("ATS0?;+CMEE?;+CIURC?\r")).isEqualTo(
                "ATS0?;+CMEE?;+CIURC?\r\r\n0\r\n\r\n+CMEE: 0\r\n\r\n+CIURC: 1\r\n" + OK);
            assertThat(h.exchange("AT&F0\r")).isEqualTo("AT&F0\r" + OK);
            assertThat(h.exchange("AT&F1\r")).isEqualTo("AT&F1\r" + ERROR);
            // nothing was saved by AT&F: ATZ brings the saved profile back
            assertThat(h.exchange("ATZ\r")).isEqualTo("ATZ\r" + OK);
            assertThat(h.exchange("ATS0?;+CMEE?;+CIURC?\r")).isEqualTo(
                "\r\n5\r\n\r\n+CMEE: 2\r\n\r\n+CIURC: 0\r\n" + OK);
        }
    }

    @Test
    void atwForms() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.exchange("ATE0\r");
            assertThat(h.exchange("AT&W0\r")).isEqualTo(OK);
            assertThat(h.exchange("AT&W1\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT&W?\r")).isEqualTo(ERROR);
        }
    }

    @Test
    void savedSettingsSurviveARestartOfTheEmulator() throws IOException {
        try (ModemHarness h = modemOn(state).booted()) {
            assertThat(h.exchange("ATE0;+CMEE=2;+IFC=2,2;+IPR=57600;+CIURC=0;S0=3&C0&D2X3V1&W\r"))
                .isEqualTo("ATE0;+CMEE=2;+IFC=2,2;+IPR=57600;+CIURC=0;S0=3&C0&D2X3V1&W\r" + OK);
        }
        assertThat(state.resolve("settings.properties")).isRegularFile();
        try (ModemHarness h = modemOn(state)) {
            h.time.advance(Duration.ofSeconds(5));
            // CIURC=0 was saved: no Call Ready at power-on
            assertThat(h.take()).isEqualTo("\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nSMS Ready\r\n");
            // ATE0 was saved: no echo
            assertThat(h.exchange("AT+CMEE?;+IFC?;+IPR?;+CIURC?;S0?\r")).isEqualTo(
                "\r\n+CMEE: 2\r\n\r\n+IFC: 2,2\r\n\r\n+IPR: 57600\r\n\r\n+CIURC: 0\r\n\r\n3\r\n" + OK);
            assertThat(h.modem.engine().settings().dcd).isZero();
            assertThat(h.modem.engine().settings().dtr).isEqualTo(2);
            assertThat(h.modem.engine().settings().resultLevel).isEqualTo(3);
        }
    }

    @Test
    void unsavedChangesAreLostOnRestart() {
        try (ModemHarness h = modemOn(state).booted()) {
            h.exchange("ATE0&W\r");
            h.exchange("ATE1;+CMEE=2\r");
        }
        try (ModemHarness h = modemOn(state).booted()) {
            assertThat(h.exchange("AT+CMEE?\r")).isEqualTo("\r\n+CMEE: 0\r\n" + OK);
        }
    }

    @Test
    void savedAutobaudSendsNoPowerOnCodes() {
        try (ModemHarness h = modemOn(state).booted()) {
            assertThat(h.exchange("AT+IPR=0;&W\r")).isEqualTo("AT+IPR=0;&W\r" + OK);
            // the rate takes effect at the next power-on, not now
            assertThat(h.exchange("AT+CFUN=0\r")).isEqualTo("AT+CFUN=0\r\r\n+CPIN: NOT READY\r\n" + OK);
        }
        try (ModemHarness h = modemOn(state)) {
            h.time.advance(Duration.ofSeconds(5));
            assertThat(h.take()).isEmpty();
            assertThat(h.exchange("AT\r")).isEqualTo("AT\r" + OK);
            assertThat(h.exchange("AT+CPIN?\r")).isEqualTo("AT+CPIN?\r\r\n+CPIN: READY\r\n" + OK);
        }
    }

    @Test
    void autobaudNotSavedDoesNotSurviveAReset() {
        try (ModemHarness h = new ModemHarness().booted()) {
            assertThat(h.exchange("AT+IPR=0\r")).isEqualTo("AT+IPR=0\r" + OK);
            // autobaud is the live setting, so the manual's rule applies: no OK after the reset
            assertThat(h.exchange("AT+CFUN=1,1\r")).isEqualTo("AT+CFUN=1,1\r");
            h.time.advance(Duration.ofSeconds(5));
            assertThat(h.take()).isEqualTo(BOOT);
            assertThat(h.exchange("AT+IPR?\r")).isEqualTo("AT+IPR?\r\r\n+IPR: 115200\r\n" + OK);
        }
    }

    @Test
    void aSaveThatCannotBeWrittenAnswersError() throws IOException {
        Path blocker = Files.writeString(state.resolve("not-a-dir"), "x");
        try (ModemHarness h = modemOn(blocker).booted()) {
            assertThat(h.exchange("ATE0&W\r")).isEqualTo("ATE0&W\r" + ERROR);
            assertThat(h.exchange("AT\r")).isEqualTo(OK);
        }
    }
}
