package dev.vmodem.commands.basic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.testing.ModemHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AT+CMEE, AT+IPR, AT+IFC, AT+CIURC. */
class LineSettingsCommandsTest {

    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";

    private ModemHarness h;

    @BeforeEach
    void boot() {
        h = new ModemHarness().booted();
        assertThat(at("ATE0")).isEqualTo("ATE0\r" + OK);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private String at(String line) {
        return h.exchange(line + "\r");
    }

    @Test
    void cmee() {
        assertThat(at("AT+CMEE=?")).isEqualTo("\r\n+CMEE: (0-2)\r\n" + OK);
        assertThat(at("AT+CMEE?")).isEqualTo("\r\n+CMEE: 0\r\n" + OK);
        assertThat(at("AT+CMEE=1")).isEqualTo(OK);
        assertThat(at("AT+CPIN=\"123456789\"")).isEqualTo("\r\n+CME ERROR: 24\r\n");
        assertThat(at("AT+CMEE=2")).isEqualTo(OK);
        assertThat(at("AT+CPIN=\"123456789\"")).isEqualTo("\r\n+CME ERROR: text string too long\r\n");
        assertThat(at("AT+CMEE?")).isEqualTo("\r\n+CMEE: 2\r\n" + OK);
        assertThat(at("AT+CMEE=3")).isEqualTo(ERROR);
        assertThat(at("AT+CMEE=1,1")).isEqualTo(ERROR);
        assertThat(at("AT+CMEE")).isEqualTo(OK);
        assertThat(at("AT+CMEE?")).isEqualTo("\r\n+CMEE: 0\r\n" + OK);
    }

    @Test
    void iprTestAndRead() {
        assertThat(at("AT+IPR=?")).isEqualTo(
            "\r\n+IPR: (),(0,1200,2400,4800,9600,19200,38400,57600,115200,230400,460800)\r\n" + OK);
        assertThat(at("AT+IPR?")).isEqualTo("\r\n+IPR: 115200\r\n" + OK);
        assertThat(at("AT+IPR")).isEqualTo(ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800})
    void iprTakesTheListedRates(int rate) {
        assertThat(at("AT+IPR=" + rate)).isEqualTo(OK);
        assertThat(at("AT+IPR?")).isEqualTo("\r\n+IPR: " + rate + "\r\n" + OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"300", "14400", "921600", "-1", "abc", "", "9600,1", "\"9600\"x"})
    void iprRejectsOtherRates(String value) {
        assertThat(at("AT+IPR=" + value)).isEqualTo(ERROR);
        assertThat(at("AT+IPR?")).isEqualTo("\r\n+IPR: 115200\r\n" + OK);
    }

    @Test
    void ifc() {
        assertThat(at("AT+IFC=?")).isEqualTo("\r\n+IFC: (0-2),(0-2)\r\n" + OK);
        assertThat(at("AT+IFC?")).isEqualTo("\r\n+IFC: 0,0\r\n" + OK);
        assertThat(at("AT+IFC=2,2")).isEqualTo(OK);
        assertThat(at("AT+IFC?")).isEqualTo("\r\n+IFC: 2,2\r\n" + OK);
        assertThat(at("AT+IFC=1")).isEqualTo(OK);
        assertThat(at("AT+IFC?")).isEqualTo("\r\n+IFC: 1,2\r\n" + OK);
        assertThat(at("AT+IFC=3,0")).isEqualTo(ERROR);
        assertThat(at("AT+IFC=0,3")).isEqualTo(ERROR);
        assertThat(at("AT+IFC=0,0,0")).isEqualTo(ERROR);
        assertThat(at("AT+IFC=")).isEqualTo(ERROR);
        assertThat(at("AT+IFC")).isEqualTo(ERROR);
        assertThat(at("AT+IFC?")).isEqualTo("\r\n+IFC: 1,2\r\n" + OK);
    }

    @Test
    void ciurc() {
        assertThat(at("AT+CIURC=?")).isEqualTo("\r\n+CIURC: (0,1)\r\n" + OK);
        assertThat(at("AT+CIURC?")).isEqualTo("\r\n+CIURC: 1\r\n" + OK);
        assertThat(at("AT+CIURC=0")).isEqualTo(OK);
        assertThat(at("AT+CIURC?")).isEqualTo("\r\n+CIURC: 0\r\n" + OK);
        assertThat(at("AT+CIURC=2")).isEqualTo(ERROR);
        assertThat(at("AT+CIURC")).isEqualTo(ERROR);
        assertThat(at("AT+CIURC?")).isEqualTo("\r\n+CIURC: 0\r\n" + OK);
    }

    @Test
    void ciurcDecidesWhetherCallReadyIsShownWhenTheSimStarts() {
        assertThat(at("AT+CIURC=0;+CFUN=0")).isEqualTo("\r\n+CPIN: NOT READY\r\n" + OK);
        assertThat(at("AT+CFUN=1")).isEqualTo(OK);
        h.time.advance(java.time.Duration.ofSeconds(5));
        assertThat(h.take()).isEqualTo("\r\n+CPIN: READY\r\n\r\nSMS Ready\r\n");
    }
}
