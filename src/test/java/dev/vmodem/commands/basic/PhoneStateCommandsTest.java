package dev.vmodem.commands.basic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.config.Config;
import dev.vmodem.modem.Modem;
import dev.vmodem.testing.ModemHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AT+CFUN, AT+CPIN, AT+CBC, AT+CCLK. */
class PhoneStateCommandsTest {

    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";
    private static final String BOOT = "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";

    private static ModemHarness booted() {
        ModemHarness h = new ModemHarness().booted();
        assertThat(h.exchange("ATE0\r")).isEqualTo("ATE0\r" + OK);
        return h;
    }

    // ---- AT+CFUN ----

    @Test
    void cfunTestReadAndForms() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CFUN=?\r")).isEqualTo("\r\n+CFUN: (0,1,4),(0-1)\r\n" + OK);
            assertThat(h.exchange("AT+CFUN?\r")).isEqualTo("\r\n+CFUN: 1\r\n" + OK);
            assertThat(h.exchange("AT+CFUN\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CFUN=\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CFUN=1,1,1\r")).isEqualTo(ERROR);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3", "5", "-1", "x", "1,2"})
    void cfunRejectsOtherLevels(String value) {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CFUN=" + value + "\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CFUN?\r")).isEqualTo("\r\n+CFUN: 1\r\n" + OK);
        }
    }

    @Test
    void minimumFunctionalityPowersTheSimDownAndBack() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CFUN=0\r")).isEqualTo("\r\n+CPIN: NOT READY\r\n" + OK);
            assertThat(h.exchange("AT+CFUN?\r")).isEqualTo("\r\n+CFUN: 0\r\n" + OK);
            assertThat(h.exchange("AT+CPIN?\r")).isEqualTo("\r\n+CPIN: NOT READY\r\n" + OK);
            assertThat(h.exchange("AT+CFUN=0\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CFUN=1\r")).isEqualTo(OK);
            assertThat(h.modem.simReady()).isFalse();
            h.time.advance(Duration.ofSeconds(5));
            assertThat(h.take()).isEqualTo("\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n");
            assertThat(h.modem.simReady()).isTrue();
            assertThat(h.exchange("AT+CPIN?\r")).isEqualTo("\r\n+CPIN: READY\r\n" + OK);
        }
    }

    @Test
    void theSimCodesAfterCfun1ArePacedAndCanBeInterrupted() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CFUN=0\r");
            assertThat(h.exchange("AT+CFUN=1\r")).isEqualTo(OK);
            h.time.advance(Duration.ofMillis(150));
            assertThat(h.take()).isEqualTo("\r\n+CPIN: READY\r\n\r\nCall Ready\r\n");
            assertThat(h.exchange("AT+CFUN=0\r")).isEqualTo("\r\n+CPIN: NOT READY\r\n" + OK);
            h.time.advance(Duration.ofSeconds(5));
            assertThat(h.take()).isEmpty();
        }
    }

    @Test
    void flightModeKeepsTheSim() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CFUN=4\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CFUN?\r")).isEqualTo("\r\n+CFUN: 4\r\n" + OK);
            assertThat(h.exchange("AT+CPIN?\r")).isEqualTo("\r\n+CPIN: READY\r\n" + OK);
            assertThat(h.exchange("AT+CFUN=1\r")).isEqualTo(OK);
            h.time.advance(Duration.ofSeconds(5));
            assertThat(h.take()).isEmpty();
            assertThat(h.exchange("AT+CFUN?\r")).isEqualTo("\r\n+CFUN: 1\r\n" + OK);
        }
    }

    @Test
    void zeroAndFourCannotSwitchDirectly() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CMEE=2\r");
            h.exchange("AT+CFUN=0\r");
            assertThat(h.exchange("AT+CFUN=4\r")).isEqualTo("\r\n+CME ERROR: operation not allowed\r\n");
            assertThat(h.exchange("AT+CFUN?\r")).isEqualTo("\r\n+CFUN: 0\r\n" + OK);
            assertThat(h.exchange("AT+CFUN=1;+CFUN=4\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CMEE=1;+CFUN=0\r")).isEqualTo("\r\n+CME ERROR: 3\r\n");
            assertThat(h.exchange("AT+CMEE=0;+CFUN=0\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CFUN?\r")).isEqualTo("\r\n+CFUN: 4\r\n" + OK);
        }
    }

    @Test
    void cfun11RestartsWithThePowerOnCodes() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CMEE=2;+CFUN=4\r");
            assertThat(h.exchange("AT+CFUN=1,1\r")).isEqualTo(OK);
            h.time.advance(Duration.ofSeconds(5));
            assertThat(h.take()).isEqualTo(BOOT);
            // the restart reloaded the saved (here: factory) settings: echo is back, CMEE is 0
            assertThat(h.exchange("AT+CMEE?\r")).isEqualTo("AT+CMEE?\r\r\n+CMEE: 0\r\n" + OK);
            assertThat(h.exchange("AT+CFUN?\r")).isEqualTo("AT+CFUN?\r\r\n+CFUN: 1\r\n" + OK);
        }
    }

    @Test
    void cfun11WithEchoShowsTheLineThenOkThenTheCodes() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.send("AT+CFUN=1,1\r");
            h.time.advance(Duration.ofSeconds(5));
            assertThat(h.take()).isEqualTo("AT+CFUN=1,1\r" + OK + BOOT);
        }
    }

    @Test
    void aResetToOtherLevelsIsNotAllowed() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CMEE=1\r");
            assertThat(h.exchange("AT+CFUN=0,1\r")).isEqualTo("\r\n+CME ERROR: 3\r\n");
            assertThat(h.exchange("AT+CFUN=4,1\r")).isEqualTo("\r\n+CME ERROR: 3\r\n");
            assertThat(h.exchange("AT+CFUN=1,0\r")).isEqualTo(OK);
            h.time.advance(Duration.ofSeconds(5));
            assertThat(h.take()).isEmpty();
        }
    }

    @Test
    void cfun11WithAutobaudSavedAnswersNothingAndSendsNoCodes() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+IPR=0;&W\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CFUN=1,1\r")).isEmpty();
            h.time.advance(Duration.ofSeconds(5));
            assertThat(h.take()).isEmpty();
            assertThat(h.modem.simReady()).isTrue();
            // the saved profile came back with the restart: ATE0 was saved with the IPR
            assertThat(h.exchange("AT+IPR?\r")).isEqualTo("\r\n+IPR: 0\r\n" + OK);
        }
    }

    // ---- AT+CPIN ----

    @Test
    void cpin() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CPIN=?\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CPIN?\r")).isEqualTo("\r\n+CPIN: READY\r\n" + OK);
            assertThat(h.exchange("AT+CPIN=\"1234\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CPIN=1234\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CPIN=\"1234\",\"4321\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CPIN\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CPIN=\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CPIN=\"\"\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CPIN=1,2,3\r")).isEqualTo(ERROR);
        }
    }

    @Test
    void cpinIsBusyUntilTheSimIsReadyAtPowerOn() {
        try (ModemHarness h = new ModemHarness()) {
            assertThat(h.exchange("AT+CPIN?\r")).isEqualTo("AT+CPIN?\r" + ERROR);
            assertThat(h.exchange("AT+CMEE=2;+CPIN?\r")).isEqualTo("AT+CMEE=2;+CPIN?\r\r\n+CME ERROR: SIM busy\r\n");
            assertThat(h.exchange("AT+CMEE=1;+CPIN=\"1234\"\r")).endsWith("\r\n+CME ERROR: 14\r\n");
            h.time.advance(Duration.ofMillis(100));
            assertThat(h.take()).isEqualTo("\r\nRDY\r\n\r\n+CFUN: 1\r\n");
            assertThat(h.exchange("AT+CPIN?\r")).isEqualTo("AT+CPIN?\r\r\n+CME ERROR: 14\r\n");
            h.time.advance(Duration.ofMillis(100));
            assertThat(h.take()).isEqualTo("\r\n+CPIN: READY\r\n");
            assertThat(h.exchange("AT+CPIN?\r")).isEqualTo("AT+CPIN?\r\r\n+CPIN: READY\r\n" + OK);
        }
    }

    @Test
    void cpinWriteNeedsAPoweredSim() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CMEE=1;+CFUN=0\r");
            assertThat(h.exchange("AT+CPIN=\"1234\"\r")).isEqualTo("\r\n+CME ERROR: 772\r\n");
        }
    }

    // ---- AT+CBC ----

    @Test
    void cbc() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CBC=?\r")).isEqualTo("\r\n+CBC: (0-2),(1-100),(voltage)\r\n" + OK);
            assertThat(h.exchange("AT+CBC\r")).isEqualTo("\r\n+CBC: 0,95,4100\r\n" + OK);
            assertThat(h.exchange("AT+CBC?\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CBC=1\r")).isEqualTo(ERROR);
        }
    }

    @Test
    void cbcComesFromConfiguration() {
        try (ModemHarness h = new ModemHarness(b -> b.config(Config.defaults().with("modem.battery.status", "1")
                .with("modem.battery.level", "42").with("modem.battery.voltage.mv", "3712"))).booted()) {
            assertThat(h.exchange("AT+CBC\r")).isEqualTo("AT+CBC\r\r\n+CBC: 1,42,3712\r\n" + OK);
        }
    }

    // ---- AT+CCLK ----

    @Test
    void cclkRunsOnTheModemClock() {
        try (ModemHarness h = booted()) {
            // VirtualScheduler starts at 2023-11-14T22:13:20Z; booted() advanced 10 s
            assertThat(h.exchange("AT+CCLK=?\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CCLK?\r")).isEqualTo("\r\n+CCLK: \"23/11/14,22:13:30+00\"\r\n" + OK);
            h.time.advance(Duration.ofSeconds(90));
            assertThat(h.exchange("AT+CCLK?\r")).isEqualTo("\r\n+CCLK: \"23/11/14,22:15:00+00\"\r\n" + OK);
            assertThat(h.exchange("AT+CCLK\r")).isEqualTo(ERROR);
        }
    }

    @Test
    void cclkWriteSetsTheClockAndZone() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CCLK=\"10/05/06,00:01:52+08\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CCLK?\r")).isEqualTo("\r\n+CCLK: \"10/05/06,00:01:52+08\"\r\n" + OK);
            h.time.advance(Duration.ofSeconds(10));
            assertThat(h.exchange("AT+CCLK?\r")).isEqualTo("\r\n+CCLK: \"10/05/06,00:02:02+08\"\r\n" + OK);
            assertThat(h.exchange("AT+CCLK=\"24/02/29,23:59:59-20\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CCLK?\r")).isEqualTo("\r\n+CCLK: \"24/02/29,23:59:59-20\"\r\n" + OK);
            h.time.advance(Duration.ofSeconds(1));
            assertThat(h.exchange("AT+CCLK?\r")).isEqualTo("\r\n+CCLK: \"24/03/01,00:00:00-20\"\r\n" + OK);
            // same instant, reported in the zone last set
            assertThat(h.modem.clockZoneQuarters()).isEqualTo(-20);
        }
    }

    @Test
    void cclkKeepsRunningThroughARestart() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CCLK=\"20/01/01,12:00:00+00\"\r");
            h.exchange("AT+CFUN=1,1\r");
            h.time.advance(Duration.ofSeconds(5));
            h.take();
            assertThat(h.exchange("AT+CCLK?\r")).isEqualTo("AT+CCLK?\r\r\n+CCLK: \"20/01/01,12:00:05+00\"\r\n" + OK);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"24/13/06,22:10:00+08\"", "\"23/02/29,22:10:00+08\"", "\"24/05/06,24:00:00+08\"",
        "\"24/05/06,22:60:00+08\"", "\"24/05/06,22:10:60+08\"", "\"24/05/06,22:10:00+49\"",
        "\"24/05/06,22:10:00-48\"", "\"24/05/06,22:10:00\"", "\"24/5/6,22:10:00+08\"", "24/05/06",
        "\"24/05/06 22:10:00+08\"", "\"\"", "", "\"24/05/06,22:10:00+08\",1", "\"24/00/06,22:10:00+08\""})
    void cclkRejectsBadTimes(String value) {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CCLK=" + value + "\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CCLK?\r")).isEqualTo("\r\n+CCLK: \"23/11/14,22:13:30+00\"\r\n" + OK);
        }
    }

    @Test
    void cclkZoneLimits() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CCLK=\"24/05/06,22:10:00+48\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CCLK=\"24/05/06,22:10:00-47\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CCLK?\r")).isEqualTo("\r\n+CCLK: \"24/05/06,22:10:00-47\"\r\n" + OK);
        }
    }

    @Test
    void cclkFormatsInQuarterHours() {
        assertThat(CclkCommand.format(0, 0)).isEqualTo("70/01/01,00:00:00+00");
        assertThat(CclkCommand.format(0, 8)).isEqualTo("70/01/01,02:00:00+08");
        assertThat(CclkCommand.format(0, -5)).isEqualTo("69/12/31,22:45:00-05");
        assertThat(Modem.CFUN_FLIGHT).isEqualTo(4);
    }
}
