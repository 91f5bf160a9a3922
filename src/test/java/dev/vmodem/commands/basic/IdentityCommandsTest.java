package dev.vmodem.commands.basic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.config.Config;
import dev.vmodem.testing.ModemHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AT+CGMI/GMI, +CGMM/GMM, +CGMR/GMR, +CGSN/GSN, +GSV, +GCAP, +CIMI, +CCID. */
class IdentityCommandsTest {

    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";

    private static ModemHarness booted() {
        ModemHarness h = new ModemHarness().booted();
        assertThat(h.exchange("ATE0\r")).isEqualTo("ATE0\r" + OK);
        return h;
    }

    @ParameterizedTest
    @CsvSource({
        "AT+CGMI, SIMCOM_Ltd", "AT+GMI, SIMCOM_Ltd",
        "AT+CGMM, SIMCOM_SIM800L", "AT+GMM, SIMCOM_SIM800L",
        "AT+CGMR, Revision:1418B04SIM800L24", "AT+GMR, Revision:1418B04SIM800L24",
        "AT+CGSN, 864369032292264", "AT+GSN, 864369032292264",
        "AT+CIMI, 460008184101641", "AT+CCID, 898600810906F8048812",
        "AT+GCAP, +GCAP: +CGSM"})
    void executePrintsTheValue(String command, String value) {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange(command + "\r")).isEqualTo("\r\n" + value + "\r\n" + OK);
            assertThat(h.exchange(command + "=?\r")).isEqualTo(OK);
            assertThat(h.exchange(command + "?\r")).isEqualTo(ERROR);
            assertThat(h.exchange(command + "=1\r")).isEqualTo(ERROR);
        }
    }

    @Test
    void gsvPrintsThreeLinesInOneBlock() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+GSV\r")).isEqualTo(
                "\r\nSIMCOM_Ltd\r\nSIMCOM_SIM800L\r\nRevision:1418B04SIM800L24\r\n" + OK);
            assertThat(h.exchange("AT+GSV=?\r")).isEqualTo(OK);
        }
    }

    @Test
    void concatenatedIdentityCommandsFrameEachBlock() {
        try (ModemHarness h = new ModemHarness().booted()) {
            // the shape of a SIM800L capture of the same line
            assertThat(h.exchange("AT+GSV;+GSN\r")).isEqualTo("AT+GSV;+GSN\r"
                + "\r\nSIMCOM_Ltd\r\nSIMCOM_SIM800L\r\nRevision:1418B04SIM800L24\r\n\r\n864369032292264\r\n" + OK);
        }
    }

    @Test
    void numericResultCodesWithIdentity() {
        try (ModemHarness h = booted()) {
            h.exchange("ATV0\r");
            assertThat(h.exchange("AT+GSV\r")).isEqualTo(
                "SIMCOM_Ltd\r\nSIMCOM_SIM800L\r\nRevision:1418B04SIM800L24\r\n0\r");
        }
    }

    @Test
    void configurationOverridesTheProfile() {
        try (ModemHarness h = new ModemHarness(b -> b.config(Config.defaults()
                .with("identity.imei", "490154203237518").with("identity.model", "SIMCOM_SIM808")))
            .booted()) {
            assertThat(h.exchange("AT+GSN\r")).isEqualTo("AT+GSN\r\r\n490154203237518\r\n" + OK);
            assertThat(h.exchange("AT+CGMM\r")).isEqualTo("AT+CGMM\r\r\nSIMCOM_SIM808\r\n" + OK);
        }
    }

    @Test
    void profileChangesTheIdentity() {
        try (ModemHarness h = new ModemHarness(b -> b.profile("multitech")).booted()) {
            assertThat(h.exchange("ATI\r")).isEqualTo("ATI\r\r\nMulti-Tech MTSMC-G2\r\n" + OK);
            assertThat(h.exchange("AT+CGMI\r")).isEqualTo("AT+CGMI\r\r\nMulti-Tech Systems\r\n" + OK);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AT+CIMI", "AT+CCID"})
    void simValuesNeedAStartedSim(String command) {
        try (ModemHarness h = new ModemHarness()) {
            // power-on has not run yet: the SIM is still busy
            assertThat(h.exchange("ATE0;+CMEE=2\r")).isEqualTo("ATE0;+CMEE=2\r" + OK);
            assertThat(h.exchange(command + "\r")).isEqualTo("\r\n+CME ERROR: SIM busy\r\n");
            h.time.advance(java.time.Duration.ofSeconds(5));
            h.take();
            assertThat(h.exchange(command + "\r")).startsWith("\r\n").endsWith("\r\n" + OK);
            assertThat(h.exchange("AT+CFUN=0\r")).isEqualTo("\r\n+CPIN: NOT READY\r\n" + OK);
            assertThat(h.exchange(command + "\r")).isEqualTo("\r\n+CME ERROR: SIM powered down\r\n");
            assertThat(h.exchange("AT+CMEE=0;" + command.substring(2) + "\r")).isEqualTo(ERROR);
        }
    }
}
