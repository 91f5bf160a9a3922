package dev.vmodem.commands.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.config.Config;
import dev.vmodem.net.Fault;
import dev.vmodem.net.Radio;
import dev.vmodem.net.RegStatus;
import dev.vmodem.testing.ModemHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AT+CREG, AT+CGREG, AT+CSQ, AT+COPS, AT+CGATT and the registration URCs, byte for byte. */
class RegistrationCommandsTest {

    static final String OK = "\r\nOK\r\n";
    static final String ERROR = "\r\nERROR\r\n";

    static ModemHarness booted() {
        return booted(Config.defaults());
    }

    static ModemHarness booted(Config config) {
        ModemHarness h = new ModemHarness(b -> b.config(config)).booted();
        assertThat(h.exchange("ATE0\r")).isEqualTo("ATE0\r" + OK);
        return h;
    }

    private static String info(String line) {
        return "\r\n" + line + "\r\n" + OK;
    }

    // ---- AT+CREG / AT+CGREG ----

    @ParameterizedTest
    @ValueSource(strings = {"+CREG", "+CGREG"})
    void registrationForms(String cmd) {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT" + cmd + "=?\r")).isEqualTo(info(cmd + ": (0-2)"));
            assertThat(h.exchange("AT" + cmd + "?\r")).isEqualTo(info(cmd + ": 0,1"));
            assertThat(h.exchange("AT" + cmd + "=1\r")).isEqualTo(OK);
            assertThat(h.exchange("AT" + cmd + "?\r")).isEqualTo(info(cmd + ": 1,1"));
            assertThat(h.exchange("AT" + cmd + "=2\r")).isEqualTo(OK);
            assertThat(h.exchange("AT" + cmd + "?\r")).isEqualTo(info(cmd + ": 2,1,\"1A2B\",\"3C4D\""));
            // 27.007 +CREG=[<n>]: no value is 0
            assertThat(h.exchange("AT" + cmd + "=\r")).isEqualTo(OK);
            assertThat(h.exchange("AT" + cmd + "?\r")).isEqualTo(info(cmd + ": 0,1"));
            for (String bad : new String[] {"=3", "=-1", "=x", "=1,1", ""}) {
                assertThat(h.exchange("AT" + cmd + bad + "\r")).as(cmd + bad).isEqualTo(ERROR);
            }
            assertThat(h.exchange("AT" + cmd + "?\r")).isEqualTo(info(cmd + ": 0,1"));
        }
    }

    @Test
    void theEchoedAnswerMatchesTheFieldCapture() {
        // LilyGo-T-Call-SIM800 #259: AT+CREG=1\r\r\nOK\r\n and AT+CREG?\r\r\n+CREG: 1,5\r\n\r\nOK\r\n
        try (ModemHarness h = new ModemHarness(b -> b.config(Config.defaults().with("network.registration",
                "roaming"))).booted()) {
            assertThat(h.exchange("AT+CREG=1\r")).isEqualTo("AT+CREG=1\r\r\nOK\r\n");
            assertThat(h.exchange("AT+CREG?\r")).isEqualTo("AT+CREG?\r\r\n+CREG: 1,5\r\n\r\nOK\r\n");
        }
    }

    @Test
    void readReflectsTheNetwork() {
        try (ModemHarness h = booted()) {
            Radio radio = h.modem.network().radio();
            h.exchange("AT+CREG=2;+CGREG=2\r");
            radio.setRegistration(RegStatus.SEARCHING);
            h.take();
            assertThat(h.exchange("AT+CREG?\r")).isEqualTo(info("+CREG: 2,2"));
            radio.setRegistration(RegStatus.DENIED);
            h.take();
            assertThat(h.exchange("AT+CGREG?\r")).isEqualTo(info("+CGREG: 2,3"));
            radio.setRegistration(RegStatus.ROAMING);
            h.take();
            radio.setCell(0xBEEF, 0x1234567);
            h.take();
            assertThat(h.exchange("AT+CREG?;+CGREG?\r"))
                .isEqualTo("\r\n+CREG: 2,5,\"BEEF\",\"1234567\"\r\n\r\n+CGREG: 2,5,\"BEEF\",\"1234567\"\r\n" + OK);
            radio.setPsRegistration(RegStatus.NOT_REGISTERED);
            h.take();
            assertThat(h.exchange("AT+CREG?;+CGREG?\r"))
                .isEqualTo("\r\n+CREG: 2,5,\"BEEF\",\"1234567\"\r\n\r\n+CGREG: 2,0\r\n" + OK);
        }
    }

    @Test
    void noUrcsWithModeZero() {
        try (ModemHarness h = booted()) {
            Radio radio = h.modem.network().radio();
            radio.setRegistration(RegStatus.SEARCHING);
            radio.setRegistration(RegStatus.HOME);
            radio.setCell(1, 2);
            h.time.advance(Duration.ofSeconds(1));
            assertThat(h.take()).isEmpty();
        }
    }

    @Test
    void modeOneReportsStatusChangesOnly() {
        try (ModemHarness h = booted()) {
            Radio radio = h.modem.network().radio();
            h.exchange("AT+CREG=1\r");
            radio.setRegistration(RegStatus.SEARCHING);
            assertThat(h.take()).isEqualTo("\r\n+CREG: 2\r\n");
            radio.setRegistration(RegStatus.SEARCHING);
            radio.setSignal(10, 3);
            assertThat(h.take()).isEmpty();
            radio.setRegistration(RegStatus.HOME);
            assertThat(h.take()).isEqualTo("\r\n+CREG: 1\r\n");
            radio.setCell(0x1111, 0x2222);
            assertThat(h.take()).isEmpty();
            h.exchange("AT+CGREG=1\r");
            radio.setRegistration(RegStatus.ROAMING);
            assertThat(h.take()).isEqualTo("\r\n+CREG: 5\r\n\r\n+CGREG: 5\r\n");
            radio.setPsRegistration(RegStatus.DENIED);
            assertThat(h.take()).isEqualTo("\r\n+CGREG: 3\r\n");
            radio.setCsRegistration(RegStatus.NOT_REGISTERED);
            assertThat(h.take()).isEqualTo("\r\n+CREG: 0\r\n");
        }
    }

    @Test
    void theListenerIsInstalledOncePerModem() {
        try (ModemHarness h = booted()) {
            NetworkSession first = NetworkSession.install(h.modem);
            // registering the family again (a second registry for the same modem) adds no second listener
            NetworkCommands.register(new dev.vmodem.at.command.CommandRegistry(), h.modem);
            assertThat(NetworkSession.install(h.modem)).isSameAs(first);
            h.exchange("AT+CREG=1\r");
            h.modem.network().radio().setRegistration(RegStatus.DENIED);
            assertThat(h.take()).isEqualTo("\r\n+CREG: 3\r\n");
        }
    }

    @Test
    void modeTwoAddsTheLocationWhileRegisteredAndReportsCellChanges() {
        try (ModemHarness h = booted()) {
            Radio radio = h.modem.network().radio();
            h.exchange("AT+CREG=2;+CGREG=2\r");
            radio.setRegistration(RegStatus.SEARCHING);
            assertThat(h.take()).isEqualTo("\r\n+CREG: 2\r\n\r\n+CGREG: 2\r\n");
            radio.setCell(0x0042, 0x00AB);
            assertThat(h.take()).isEmpty();
            radio.setRegistration(RegStatus.HOME);
            assertThat(h.take()).isEqualTo("\r\n+CREG: 1,\"0042\",\"00AB\"\r\n\r\n+CGREG: 1,\"0042\",\"00AB\"\r\n");
            radio.setCell(0x1A2B, 0x3C4D);
            assertThat(h.take()).isEqualTo("\r\n+CREG: 1,\"1A2B\",\"3C4D\"\r\n\r\n+CGREG: 1,\"1A2B\",\"3C4D\"\r\n");
        }
    }

    @Test
    void theModesAreSavedByAtW() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CREG=2;+CGREG=1;&W\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CREG=0;+CGREG=0\r")).isEqualTo(OK);
            assertThat(h.exchange("ATZ\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CREG?;+CGREG?\r"))
                .isEqualTo("\r\n+CREG: 2,1,\"1A2B\",\"3C4D\"\r\n\r\n+CGREG: 1,1\r\n" + OK);
            assertThat(h.modem.settingsStore().load().creg).isEqualTo(2);
            assertThat(h.modem.settingsStore().load().cgreg).isEqualTo(1);
            // and they come back after a restart, with echo (saved by the same AT&W: ATE0)
            h.exchange("AT+CFUN=1,1\r");
            h.time.advance(Duration.ofSeconds(5));
            h.take();
            assertThat(h.exchange("AT+CREG?\r")).isEqualTo(info("+CREG: 2,1,\"1A2B\",\"3C4D\""));
            // AT&F: factory modes, not saved
            assertThat(h.exchange("AT&F\r")).isEqualTo("\r\nOK\r\n");
            assertThat(h.exchange("AT+CREG?\r")).isEqualTo("AT+CREG?\r" + info("+CREG: 0,1"));
        }
    }

    @Test
    void savedModesWorkAcrossStateDirectories(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (ModemHarness h = new ModemHarness(b -> b.stateDir(dir)).booted()) {
            assertThat(h.exchange("AT+CGREG=2;&W\r")).isEqualTo("AT+CGREG=2;&W\r" + OK);
        }
        try (ModemHarness h = new ModemHarness(b -> b.stateDir(dir)).booted()) {
            assertThat(h.exchange("AT+CGREG?\r")).isEqualTo("AT+CGREG?\r" + info("+CGREG: 2,1,\"1A2B\",\"3C4D\""));
            h.modem.network().radio().setPsRegistration(RegStatus.SEARCHING);
            assertThat(h.take()).isEqualTo("\r\n+CGREG: 2\r\n");
        }
    }

    @Test
    void coverageLossIsReportedAndRecovered() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CREG=1;+CGREG=1\r");
            var fault = h.modem.network().faults().inject(Fault.coverageLoss());
            assertThat(h.take()).isEqualTo("\r\n+CREG: 2\r\n\r\n+CGREG: 2\r\n");
            assertThat(h.exchange("AT+CSQ;+CGATT?;+COPS?\r"))
                .isEqualTo("\r\n+CSQ: 99,99\r\n\r\n+CGATT: 0\r\n\r\n+COPS: 0\r\n" + OK);
            fault.clear();
            assertThat(h.take()).isEqualTo("\r\n+CREG: 1\r\n\r\n+CGREG: 1\r\n");
            assertThat(h.exchange("AT+CSQ;+CGATT?\r")).isEqualTo("\r\n+CSQ: 20,0\r\n\r\n+CGATT: 1\r\n" + OK);
        }
    }

    @Test
    void aOneShotCoverageLossIsABlip() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CREG=1\r");
            h.modem.network().faults().inject(Fault.coverageLoss().oneShot());
            assertThat(h.take()).isEqualTo("\r\n+CREG: 2\r\n");
            h.time.runDue();
            assertThat(h.take()).isEqualTo("\r\n+CREG: 1\r\n");
        }
    }

    @Test
    void aTimedCoverageLossEndsOnTheModemClock() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CREG=2\r");
            h.modem.network().faults().inject(Fault.coverageLoss().lastingFor(Duration.ofSeconds(30)));
            assertThat(h.take()).isEqualTo("\r\n+CREG: 2\r\n");
            h.time.advance(Duration.ofMillis(29_999));
            assertThat(h.take()).isEmpty();
            h.time.advance(Duration.ofMillis(1));
            assertThat(h.take()).isEqualTo("\r\n+CREG: 1,\"1A2B\",\"3C4D\"\r\n");
        }
    }

    // ---- AT+CSQ ----

    @Test
    void csq() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CSQ=?\r")).isEqualTo(info("+CSQ: (0-31,99),(0-7,99)"));
            assertThat(h.exchange("AT+CSQ\r")).isEqualTo(info("+CSQ: 20,0"));
            assertThat(h.exchange("AT+CSQ?\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CSQ=1\r")).isEqualTo(ERROR);
            h.modem.network().radio().setSignal(31, 7);
            assertThat(h.exchange("AT+CSQ\r")).isEqualTo(info("+CSQ: 31,7"));
            h.modem.network().radio().setSignal(99, 99);
            assertThat(h.exchange("AT+CSQ\r")).isEqualTo(info("+CSQ: 99,99"));
        }
    }

    @Test
    void csqFromConfiguration() {
        try (ModemHarness h = booted(Config.defaults().with("network.rssi", "7").with("network.ber", "2"))) {
            assertThat(h.exchange("AT+CSQ\r")).isEqualTo(info("+CSQ: 7,2"));
        }
    }

    // ---- AT+COPS ----

    @Test
    void copsReadAndList() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 0,0,\"vmodem\""));
            // the numeric id is the home network of the SIM: the IMSI's first five digits
            assertThat(h.exchange("AT+COPS=?\r"))
                .isEqualTo(info("+COPS: (2,\"vmodem\",\"vmodem\",\"46000\"),,(0-4),(0-2)"));
            assertThat(h.exchange("AT+COPS\r")).isEqualTo(ERROR);
            Radio radio = h.modem.network().radio();
            radio.setRegistration(RegStatus.SEARCHING);
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 0"));
            assertThat(h.exchange("AT+COPS=?\r"))
                .isEqualTo(info("+COPS: (1,\"vmodem\",\"vmodem\",\"46000\"),,(0-4),(0-2)"));
            radio.setRegistration(RegStatus.DENIED);
            assertThat(h.exchange("AT+COPS=?\r"))
                .isEqualTo(info("+COPS: (3,\"vmodem\",\"vmodem\",\"46000\"),,(0-4),(0-2)"));
            radio.setRegistration(RegStatus.ROAMING);
            radio.setOperator("Elsewhere");
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 0,0,\"Elsewhere\""));
            h.modem.network().faults().inject(Fault.coverageLoss());
            assertThat(h.exchange("AT+COPS=?\r")).isEqualTo(info("+COPS: ,,(0-4),(0-2)"));
        }
    }

    @Test
    void copsOperatorAndNumericFromConfiguration() {
        try (ModemHarness h = booted(Config.defaults().with("network.operator", "CHINA MOBILE")
                .with("identity.imsi", "262019876543210"))) {
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 0,0,\"CHINA MOBILE\""));
            assertThat(h.exchange("AT+COPS=3,2;+COPS?\r")).isEqualTo(info("+COPS: 0,2,\"26201\""));
        }
    }

    @Test
    void copsFormats() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+COPS=3,2\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 0,2,\"46000\""));
            assertThat(h.exchange("AT+COPS=3,1\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 0,1,\"vmodem\""));
            assertThat(h.exchange("AT+COPS=0,0\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 0,0,\"vmodem\""));
            assertThat(h.exchange("AT+COPS=3\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+COPS=3,3\r")).isEqualTo(ERROR);
        }
    }

    @Test
    void copsManualSelection() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+COPS=1,0,\"VMODEM\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 1,0,\"vmodem\""));
            assertThat(h.exchange("AT+COPS=1,2,\"46000\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 1,2,\"46000\""));
            h.exchange("AT+CMEE=1\r");
            assertThat(h.exchange("AT+COPS=1,0,\"OTHER NET\"\r")).isEqualTo("\r\n+CME ERROR: 30\r\n");
            assertThat(h.exchange("AT+COPS=1,2,\"46001\"\r")).isEqualTo("\r\n+CME ERROR: 30\r\n");
            assertThat(h.exchange("AT+CMEE=2;+COPS=1,0,\"x\"\r")).isEqualTo("\r\n+CME ERROR: no network service\r\n");
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 1,2,\"46000\""));
            // manual/automatic: ours → mode 4; another → back to automatic
            assertThat(h.exchange("AT+COPS=4,0,\"vmodem\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 4,0,\"vmodem\""));
            assertThat(h.exchange("AT+COPS=4,0,\"OTHER\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo(info("+COPS: 0,0,\"vmodem\""));
            h.exchange("AT+CMEE=0\r");
            for (String bad : new String[] {"1", "1,0", "4", "5", "0,3", "x", "1,0,\"vmodem\",1",
                "1,0,\"12345678901234567\""}) {
                assertThat(h.exchange("AT+COPS=" + bad + "\r")).as(bad).isEqualTo(ERROR);
            }
            assertThat(h.exchange("AT+COPS=0,0,\"ignored\"\r")).isEqualTo(OK);
        }
    }

    @Test
    void copsDeregistersAndRegistersAgain() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CREG=1\r");
            assertThat(h.exchange("AT+COPS=2\r")).isEqualTo(OK + "\r\n+CREG: 0\r\n");
            assertThat(h.exchange("AT+COPS?;+CREG?;+CGATT?\r"))
                .isEqualTo("\r\n+COPS: 2\r\n\r\n+CREG: 1,0\r\n\r\n+CGATT: 0\r\n" + OK);
            assertThat(h.exchange("AT+COPS=2\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+COPS=0\r")).isEqualTo(OK + "\r\n+CREG: 1\r\n");
            assertThat(h.exchange("AT+COPS?;+CGATT?\r")).isEqualTo("\r\n+COPS: 0,0,\"vmodem\"\r\n\r\n+CGATT: 1\r\n" + OK);
            // a reset ends a deregistration too
            h.exchange("AT+COPS=2\r");
            h.exchange("AT+CFUN=1,1\r");
            h.time.advance(Duration.ofSeconds(5));
            h.take();
            assertThat(h.exchange("AT+COPS?\r")).isEqualTo("AT+COPS?\r" + info("+COPS: 0,0,\"vmodem\""));
        }
    }

    // ---- AT+CGATT ----

    @Test
    void cgattForms() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CGATT=?\r")).isEqualTo(info("+CGATT: (0,1)"));
            assertThat(h.exchange("AT+CGATT?\r")).isEqualTo(info("+CGATT: 1"));
            assertThat(h.exchange("AT+CGATT=1\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CGATT=0\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CGATT?;+CGREG?\r")).isEqualTo("\r\n+CGATT: 0\r\n\r\n+CGREG: 0,0\r\n" + OK);
            assertThat(h.exchange("AT+CGATT=0\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CGATT=1\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CGATT?;+CGREG?\r")).isEqualTo("\r\n+CGATT: 1\r\n\r\n+CGREG: 0,1\r\n" + OK);
            for (String bad : new String[] {"AT+CGATT=2", "AT+CGATT=", "AT+CGATT", "AT+CGATT=1,1", "AT+CGATT=x"}) {
                assertThat(h.exchange(bad + "\r")).as(bad).isEqualTo(ERROR);
            }
        }
    }

    @Test
    void cgattStartsDetachedWhenConfigured() {
        try (ModemHarness h = booted(Config.defaults().with("network.attached", "false"))) {
            assertThat(h.exchange("AT+CGATT?\r")).isEqualTo(info("+CGATT: 0"));
            assertThat(h.exchange("AT+CGATT=1;+CGATT?\r")).isEqualTo(info("+CGATT: 1"));
        }
    }

    @Test
    void attachFailsWithCme100WithoutService() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CGATT=0\r");
            h.modem.network().radio().setRegistration(RegStatus.SEARCHING);
            assertThat(h.exchange("AT+CGATT=1\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CMEE=1;+CGATT=1\r")).isEqualTo("\r\n+CME ERROR: 100\r\n");
            assertThat(h.exchange("AT+CMEE=2;+CGATT=1\r")).isEqualTo("\r\n+CME ERROR: unknown\r\n");
            h.modem.network().radio().setRegistration(RegStatus.HOME);
            assertThat(h.exchange("AT+CGATT=1\r")).isEqualTo(OK);
            // radio off (flight mode)
            h.exchange("AT+CFUN=4\r");
            assertThat(h.exchange("AT+CGATT=1\r")).isEqualTo("\r\n+CME ERROR: unknown\r\n");
            assertThat(h.exchange("AT+CGATT?\r")).isEqualTo(info("+CGATT: 0"));
            assertThat(h.exchange("AT+CFUN=1\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+CGATT?\r")).isEqualTo(info("+CGATT: 1"));
        }
    }

    @Test
    void flightModeReportsNoService() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CREG=1;+CGREG=1\r");
            assertThat(h.exchange("AT+CFUN=4\r")).isEqualTo(OK + "\r\n+CREG: 0\r\n\r\n+CGREG: 0\r\n");
            assertThat(h.exchange("AT+CREG?;+CSQ;+COPS?\r"))
                .isEqualTo("\r\n+CREG: 1,0\r\n\r\n+CSQ: 99,99\r\n\r\n+COPS: 0\r\n" + OK);
            assertThat(h.exchange("AT+CFUN=1\r")).isEqualTo(OK + "\r\n+CREG: 1\r\n\r\n+CGREG: 1\r\n");
        }
    }
}
