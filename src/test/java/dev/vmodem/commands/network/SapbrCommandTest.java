package dev.vmodem.commands.network;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vmodem.config.Config;
import dev.vmodem.net.BearerProfile;
import dev.vmodem.net.BearerStatus;
import dev.vmodem.net.Fault;
import dev.vmodem.net.RegStatus;
import dev.vmodem.testing.ModemHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** AT+SAPBR byte for byte, its timing on virtual time, the network's answers, and +SAPBR n: DEACT. */
class SapbrCommandTest {

    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";
    private static final String CLOSED_1 = "\r\n+SAPBR: 1,3,\"0.0.0.0\"\r\n" + OK;

    private static ModemHarness booted() {
        return booted(Config.defaults());
    }

    private static ModemHarness booted(Config config) {
        return RegistrationCommandsTest.booted(config);
    }

    private static ModemHarness gprs() {
        return booted(Config.defaults().with("link.preset", "gprs"));
    }

    private static String info(String line) {
        return "\r\n" + line + "\r\n" + OK;
    }

    /** Opens bearer {@code cid} on the instant link: pending until the scheduler runs, then OK. */
    private static void open(ModemHarness h, int cid) {
        assertThat(h.exchange("AT+SAPBR=1," + cid + "\r")).isEmpty();
        h.time.runDue();
        assertThat(h.take()).isEqualTo(OK);
    }

    @Test
    void testForm() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+SAPBR=?\r"))
                .isEqualTo(info("+SAPBR: (0-4),(1-3),\"ConParamTag\",\"ConParamValue\""));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AT+SAPBR", "AT+SAPBR?", "AT+SAPBR=", "AT+SAPBR=1", "AT+SAPBR=5,1", "AT+SAPBR=-1,1",
        "AT+SAPBR=1,0", "AT+SAPBR=1,4", "AT+SAPBR=2,x", "AT+SAPBR=x,1", "AT+SAPBR=,1", "AT+SAPBR=2,1,\"APN\"",
        "AT+SAPBR=2,1,\"APN\",\"x\"", "AT+SAPBR=0,1,1", "AT+SAPBR=4,1,\"APN\"", "AT+SAPBR=3,1",
        "AT+SAPBR=3,1,\"APN\"", "AT+SAPBR=3,1,\"APN\",\"a\",\"b\"", "AT+SAPBR=3,1,\"FOO\",\"x\"",
        "AT+SAPBR=3,1,,\"x\"", "AT+SAPBR=3,1,\"APN\",", "AT+SAPBR=3,1,\"CONTYPE\",\"LTE\"",
        "AT+SAPBR=3,1,\"RATE\",\"4\"", "AT+SAPBR=3,1,\"RATE\",\"x\"", "AT+SAPBR=3,0,\"APN\",\"x\"",
        "AT+SAPBR=99999999999,1"})
    void malformedRequestsAnswerErrorWhateverCmee(String line) {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange(line + "\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CMEE=2;" + line.substring(2) + "\r")).isEqualTo(ERROR);
            // nothing changed
            assertThat(h.exchange("AT+CMEE=0;+SAPBR=2,1\r")).isEqualTo(CLOSED_1);
            assertThat(h.exchange("AT+SAPBR=4,1\r")).contains("APN: CMNET\r\n");
        }
    }

    @Test
    void queryWhileClosed() {
        try (ModemHarness h = booted()) {
            for (int cid = 1; cid <= 3; cid++) {
                assertThat(h.exchange("AT+SAPBR=2," + cid + "\r")).isEqualTo(info("+SAPBR: " + cid + ",3,\"0.0.0.0\""));
            }
        }
    }

    // ---- cmd 3 / cmd 4 ----

    @Test
    void freshParametersListing() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+SAPBR=4,1\r")).isEqualTo(
                "\r\n+SAPBR:\r\nCONTYPE: GPRS\r\nAPN: CMNET\r\nPHONENUM: \r\nUSER: \r\nPWD: \r\nRATE: 2\r\n\r\nOK\r\n");
        }
    }

    @Test
    void listingReproducesTheFieldCaptureByteForByte() {
        // martinhol221/SIM800L_DTMF_control img/AT+SAPBR.ino, as the reference quotes it
        String capture = "\r\n+SAPBR:\r\nCONTYPE: GPRS\r\nAPN: internet.mts.by\r\nPHONENUM: \r\nUSER: mts\r\nPWD: mts\r\n"
            + "RATE: 2\r\n\r\nOK\r\n";
        try (ModemHarness h = new ModemHarness().booted()) {
            assertThat(h.exchange("AT+SAPBR=3,1,\"Contype\",\"GPRS\"\r")).isEqualTo("AT+SAPBR=3,1,\"Contype\",\"GPRS\"\r" + OK);
            assertThat(h.exchange("AT+SAPBR=3,1,\"APN\",\"internet.mts.by\"\r")).endsWith(OK);
            assertThat(h.exchange("AT+SAPBR=3,1,\"USER\",\"mts\"\r")).endsWith(OK);
            assertThat(h.exchange("AT+SAPBR=3,1,\"PWD\",\"mts\"\r")).endsWith(OK);
            assertThat(h.exchange("AT+SAPBR=4,1\r")).isEqualTo("AT+SAPBR=4,1\r" + capture);
            // the other profiles are untouched
            assertThat(h.exchange("AT+SAPBR=4,2\r")).contains("APN: CMNET\r\n").contains("USER: \r\n");
        }
    }

    @Test
    void tagsInAnyCaseQuotedOrNot() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+SAPBR=3,2,apn,internet\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=3,2,\"user\",guest\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=3,2,Pwd,\"a b,c;d\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=3,2,\"PhoneNum\",\"*99#\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=3,2,\"RATE\",3\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=3,2,\"contype\",\"csd\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=4,2\r")).isEqualTo("\r\n+SAPBR:\r\nCONTYPE: CSD\r\nAPN: internet\r\n"
                + "PHONENUM: *99#\r\nUSER: guest\r\nPWD: a b,c;d\r\nRATE: 3\r\n" + OK);
            // empty values are values
            assertThat(h.exchange("AT+SAPBR=3,2,\"APN\",\"\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=4,2\r")).contains("\r\nAPN: \r\n");
        }
    }

    @Test
    void valueLimits() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CMEE=2\r");
            assertThat(h.exchange("AT+SAPBR=3,1,\"APN\",\"" + "a".repeat(64) + "\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=3,1,\"APN\",\"" + "a".repeat(65) + "\"\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+SAPBR=3,1,\"USER\",\"" + "u".repeat(32) + "\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=3,1,\"USER\",\"" + "u".repeat(33) + "\"\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+SAPBR=3,1,\"PWD\",\"" + "p".repeat(32) + "\"\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=3,1,\"PWD\",\"" + "p".repeat(33) + "\"\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+SAPBR=3,1,\"PHONENUM\",\"" + "1".repeat(41) + "\"\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+SAPBR=4,1\r")).isEqualTo("\r\n+SAPBR:\r\nCONTYPE: GPRS\r\nAPN: " + "a".repeat(64)
                + "\r\nPHONENUM: \r\nUSER: " + "u".repeat(32) + "\r\nPWD: " + "p".repeat(32) + "\r\nRATE: 2\r\n" + OK);
        }
    }

    @Test
    void aFailedSetStopsTheRestOfTheLine() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+SAPBR=3,1,\"FOO\",\"x\";+SAPBR=3,1,\"APN\",\"never\"\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+SAPBR=3,1,\"APN\",\"a\";+SAPBR=3,1,\"APN\",\"b\";+SAPBR=4,1\r"))
                .contains("APN: b\r\n");
        }
    }

    // ---- open, query, close ----

    @Test
    void openQueryClose() {
        try (ModemHarness h = booted()) {
            open(h, 1);
            assertThat(h.exchange("AT+SAPBR=2,1\r")).isEqualTo(info("+SAPBR: 1,1,\"10.89.193.1\""));
            open(h, 3);
            assertThat(h.exchange("AT+SAPBR=2,3\r")).isEqualTo(info("+SAPBR: 3,1,\"10.89.193.2\""));
            assertThat(h.exchange("AT+SAPBR=0,1\r")).isEmpty();
            h.time.runDue();
            assertThat(h.take()).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=2,1\r")).isEqualTo(CLOSED_1);
            // the address went back to the pool: the lowest free one is handed out first
            open(h, 2);
            assertThat(h.exchange("AT+SAPBR=2,2\r")).isEqualTo(info("+SAPBR: 2,1,\"10.89.193.1\""));
            assertThat(h.modem.network().bearers().status(2)).isEqualTo(BearerStatus.CONNECTED);
        }
    }

    @Test
    void theEchoedOpenLooksLikeTheModule() {
        try (ModemHarness h = new ModemHarness().booted()) {
            h.send("AT+SAPBR=1,1\r");
            assertThat(h.take()).isEqualTo("AT+SAPBR=1,1\r");
            h.time.runDue();
            assertThat(h.take()).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=2,1\r")).isEqualTo("AT+SAPBR=2,1\r\r\n+SAPBR: 1,1,\"10.89.193.1\"\r\n" + OK);
        }
    }

    @Test
    void openTakesTheGprsActivationTimeAndInputWaits() {
        try (ModemHarness h = gprs()) {
            h.send("AT+SAPBR=1,1\r");
            assertThat(h.take()).isEmpty();
            h.time.advance(Duration.ofMillis(1000));
            h.send("AT+CSQ\r");
            h.send("AT+SAPBR=2,1\r");
            h.time.advance(Duration.ofMillis(499));
            assertThat(h.take()).isEmpty();
            h.time.advance(Duration.ofMillis(1));
            assertThat(h.take()).isEqualTo(OK + "\r\n+CSQ: 20,0\r\n" + OK + "\r\n+SAPBR: 1,1,\"10.89.193.1\"\r\n" + OK);
        }
    }

    @Test
    void closeTakesTheGprsDeactivationTime() {
        try (ModemHarness h = new ModemHarness(b -> b.config(Config.defaults().with("link.preset", "gprs")))
                .booted()) {
            h.send("AT+SAPBR=1,1\r");
            h.time.advance(Duration.ofMillis(1500));
            assertThat(h.take()).isEqualTo("AT+SAPBR=1,1\r" + OK);
            h.send("AT+SAPBR=0,1\r");
            h.send("AT\r");
            assertThat(h.take()).isEqualTo("AT+SAPBR=0,1\r");
            h.time.advance(Duration.ofMillis(499));
            assertThat(h.take()).isEmpty();
            assertThat(h.modem.network().bearers().status(1)).isEqualTo(BearerStatus.CLOSING);
            h.time.advance(Duration.ofMillis(1));
            // the held AT is echoed and answered only now
            assertThat(h.take()).isEqualTo(OK + "AT\r" + OK);
        }
    }

    @Test
    void linkTimesCanBeSetOnTheirOwn() {
        try (ModemHarness h = booted(Config.defaults().with("link.activation.ms", "85000"))) {
            h.send("AT+SAPBR=1,1\r");
            h.time.advance(Duration.ofMillis(84_999));
            assertThat(h.take()).isEmpty();
            h.time.advance(Duration.ofMillis(1));
            assertThat(h.take()).isEqualTo(OK);
        }
    }

    @Test
    void openingAnOpenBearerIsNotAllowed() {
        try (ModemHarness h = booted()) {
            open(h, 1);
            assertThat(h.exchange("AT+SAPBR=1,1\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CMEE=1;+SAPBR=1,1\r")).isEqualTo("\r\n+CME ERROR: 3\r\n");
            assertThat(h.exchange("AT+CMEE=2\r")).isEqualTo(OK);
            // LilyGo-T-Call-SIM800 #259, with echo: AT+SAPBR=1,1\r\r\n+CME ERROR: operation not allowed\r\n
            assertThat(h.exchange("ATE1\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=1,1\r")).isEqualTo("AT+SAPBR=1,1\r\r\n+CME ERROR: operation not allowed\r\n");
            assertThat(h.exchange("AT+SAPBR=2,1\r")).endsWith(info("+SAPBR: 1,1,\"10.89.193.1\""));
        }
    }

    @Test
    void closingAClosedBearerIsPlainError() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+SAPBR=0,1\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CMEE=2;+SAPBR=0,1\r")).isEqualTo(ERROR);
            open(h, 1);
            assertThat(h.exchange("AT+SAPBR=0,1\r")).isEmpty();
            h.time.runDue();
            assertThat(h.take()).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=0,1\r")).isEqualTo(ERROR);
        }
    }

    @Test
    void aClosedBearerIsNotReportedAsDeactivated() {
        try (ModemHarness h = booted()) {
            open(h, 1);
            h.send("AT+SAPBR=0,1\r");
            h.time.advance(Duration.ofSeconds(10));
            assertThat(h.take()).isEqualTo(OK);
        }
    }

    // ---- what the network says ----

    @Test
    void theApnAllowListIsCheckedWhenActivationEnds() {
        try (ModemHarness h = booted(Config.defaults().with("link.preset", "gprs").with("network.apn.allow",
                "internet, iot.example"))) {
            h.send("AT+CMEE=2;+SAPBR=1,1\r");
            h.time.advance(Duration.ofMillis(1499));
            assertThat(h.take()).isEmpty();
            h.time.advance(Duration.ofMillis(1));
            assertThat(h.take()).isEqualTo(ERROR);
            assertThat(h.exchange("AT+SAPBR=2,1\r")).isEqualTo(CLOSED_1);
            h.exchange("AT+SAPBR=3,1,\"APN\",\"INTERNET\"\r");
            h.send("AT+SAPBR=1,1\r");
            h.time.advance(Duration.ofMillis(1500));
            assertThat(h.take()).isEqualTo(OK);
            h.exchange("AT+SAPBR=3,2,\"APN\",\"iot.example\"\r");
            h.send("AT+SAPBR=1,2\r");
            h.time.advance(Duration.ofMillis(1500));
            assertThat(h.take()).isEqualTo(OK);
        }
    }

    @Test
    void credentialsMustMatchWhenConfigured() {
        try (ModemHarness h = booted(Config.defaults().with("network.auth.user", "mts")
                .with("network.auth.password", "secret"))) {
            h.send("AT+SAPBR=1,1\r");
            h.time.runDue();
            assertThat(h.take()).isEqualTo(ERROR);
            h.exchange("AT+SAPBR=3,1,\"USER\",\"mts\";+SAPBR=3,1,\"PWD\",\"wrong\"\r");
            h.send("AT+SAPBR=1,1\r");
            h.time.runDue();
            assertThat(h.take()).isEqualTo(ERROR);
            h.exchange("AT+SAPBR=3,1,\"PWD\",\"secret\"\r");
            open(h, 1);
        }
    }

    @Test
    void theShippedConfigurationChecksNoCredentials() {
        // config/vmodem.properties lists network.auth.user= and network.auth.password= with no value
        assertThat(Config.defaults().get("network.auth.user")).isNull();
        assertThat(Config.defaults().values()).containsKey("network.auth.user");
        try (ModemHarness h = booted()) {
            h.exchange("AT+SAPBR=3,1,\"USER\",\"anyone\";+SAPBR=3,1,\"PWD\",\"anything\"\r");
            open(h, 1);
        }
    }

    @Test
    void openingWithoutServiceFailsAtOnce() {
        try (ModemHarness h = gprs()) {
            assertThat(h.exchange("AT+CGATT=0\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=1,1\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CMEE=2;+SAPBR=1,1\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CGATT=1\r")).isEqualTo(OK);
            h.modem.network().radio().setRegistration(RegStatus.SEARCHING);
            assertThat(h.exchange("AT+SAPBR=1,1\r")).isEqualTo(ERROR);
            h.modem.network().radio().setRegistration(RegStatus.HOME);
            assertThat(h.exchange("AT+CFUN=4\r")).isEqualTo(OK);
            assertThat(h.exchange("AT+SAPBR=1,1\r")).isEqualTo(ERROR);
            assertThat(h.exchange("AT+CFUN=1\r")).isEqualTo(OK);
            h.send("AT+SAPBR=1,1\r");
            h.time.advance(Duration.ofMillis(1500));
            assertThat(h.take()).isEqualTo(OK);
        }
    }

    @Test
    void csdIsNotSupported() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+SAPBR=3,1,\"CONTYPE\",\"CSD\"\r");
            assertThat(h.exchange("AT+SAPBR=1,1\r")).isEqualTo(ERROR);
        }
    }

    @Test
    void addressesComeFromThePoolUntilItRunsOut() {
        try (ModemHarness h = booted(Config.defaults().with("network.ip.pool", "100.85.232.229-100.85.232.230"))) {
            open(h, 1);
            open(h, 2);
            h.send("AT+SAPBR=1,3\r");
            h.time.runDue();
            assertThat(h.take()).isEqualTo(ERROR);
            assertThat(h.exchange("AT+SAPBR=2,1;+SAPBR=2,2;+SAPBR=2,3\r")).isEqualTo(
                "\r\n+SAPBR: 1,1,\"100.85.232.229\"\r\n\r\n+SAPBR: 2,1,\"100.85.232.230\"\r\n"
                    + "\r\n+SAPBR: 3,3,\"0.0.0.0\"\r\n" + OK);
            h.send("AT+SAPBR=0,1\r");
            h.time.runDue();
            assertThat(h.take()).isEqualTo(OK);
            open(h, 3);
            assertThat(h.exchange("AT+SAPBR=2,3\r")).isEqualTo(info("+SAPBR: 3,1,\"100.85.232.229\""));
        }
    }

    @Test
    void aRejectingFaultFailsActivation() {
        try (ModemHarness h = booted()) {
            var f = h.modem.network().faults().inject(Fault.bearerDrop());
            h.send("AT+SAPBR=1,1\r");
            h.time.runDue();
            assertThat(h.take()).isEqualTo(ERROR);
            f.clear();
            open(h, 1);
        }
    }

    // ---- the network drops the bearer ----

    @Test
    void coverageLossDropsTheBearerWithItsUrcs() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CREG=1\r");
            open(h, 1);
            var loss = h.modem.network().faults().inject(Fault.coverageLoss());
            assertThat(h.take()).isEqualTo("\r\n+CREG: 2\r\n\r\n+SAPBR 1: DEACT\r\n");
            assertThat(h.exchange("AT+SAPBR=2,1\r")).isEqualTo(CLOSED_1);
            assertThat(h.exchange("AT+SAPBR=1,1\r")).isEqualTo(ERROR);
            loss.clear();
            assertThat(h.take()).isEqualTo("\r\n+CREG: 1\r\n");
            // the host has to open it again
            assertThat(h.exchange("AT+SAPBR=2,1\r")).isEqualTo(CLOSED_1);
            open(h, 1);
        }
    }

    @Test
    void aOneShotCoverageLossStillDropsEveryBearer() {
        try (ModemHarness h = booted()) {
            open(h, 1);
            open(h, 2);
            h.modem.network().faults().inject(Fault.coverageLoss().oneShot());
            h.time.runDue();
            assertThat(h.take()).isEqualTo("\r\n+SAPBR 1: DEACT\r\n\r\n+SAPBR 2: DEACT\r\n");
        }
    }

    @Test
    void aBearerDropFaultReportsDeactOnly() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CREG=1;+CGREG=1\r");
            open(h, 2);
            h.modem.network().faults().inject(Fault.bearerDrop().oneShot());
            assertThat(h.take()).isEqualTo("\r\n+SAPBR 2: DEACT\r\n");
            open(h, 2);
            h.modem.network().bearers().drop(2);
            assertThat(h.take()).isEqualTo("\r\n+SAPBR 2: DEACT\r\n");
        }
    }

    @Test
    void detachDropsTheBearerAfterTheOk() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CGREG=1\r");
            open(h, 1);
            assertThat(h.exchange("AT+CGATT=0\r")).isEqualTo(OK + "\r\n+CGREG: 0\r\n\r\n+SAPBR 1: DEACT\r\n");
            assertThat(h.exchange("AT+SAPBR=2,1\r")).isEqualTo(CLOSED_1);
        }
    }

    @Test
    void urcsWaitWhileAnOpenIsPending() {
        try (ModemHarness h = gprs()) {
            h.exchange("AT+CREG=2\r");
            h.send("AT+SAPBR=1,2\r");
            h.time.advance(Duration.ofMillis(1500));
            assertThat(h.take()).isEqualTo(OK);
            h.send("AT+SAPBR=1,1\r");
            h.time.advance(Duration.ofMillis(700));
            h.modem.network().radio().setCell(1, 0xAB);
            assertThat(h.take()).isEmpty();
            // the open of bearer 1 is still pending when coverage goes: it fails at once, and the URCs (the one held
            // back while it ran included) follow its answer
            var loss = h.modem.network().faults().inject(Fault.coverageLoss());
            assertThat(h.take()).isEqualTo(ERROR + "\r\n+CREG: 1,\"0001\",\"00AB\"\r\n\r\n+CREG: 2\r\n"
                + "\r\n+SAPBR 2: DEACT\r\n");
            loss.clear();
            assertThat(h.take()).isEqualTo("\r\n+CREG: 1,\"0001\",\"00AB\"\r\n");
        }
    }

    // ---- AT+CFUN ----

    @Test
    void cfunZeroReportsTheBearerBeforeItsOk() {
        // TinyGSM #466: +SAPBR 1: DEACT ... +CPIN: NOT READY before OK
        try (ModemHarness h = booted()) {
            open(h, 1);
            assertThat(h.exchange("AT+CFUN=0\r"))
                .isEqualTo("\r\n+SAPBR 1: DEACT\r\n\r\n+CPIN: NOT READY\r\n" + OK);
            h.time.advance(Duration.ofSeconds(10));
            assertThat(h.take()).isEmpty();
            assertThat(h.exchange("AT+SAPBR=2,1;+CGATT?;+CSQ\r"))
                .isEqualTo("\r\n+SAPBR: 1,3,\"0.0.0.0\"\r\n\r\n+CGATT: 0\r\n\r\n+CSQ: 99,99\r\n" + OK);
            assertThat(h.exchange("AT+CFUN=1\r")).isEqualTo(OK);
            h.time.advance(Duration.ofSeconds(5));
            assertThat(h.take()).isEqualTo("\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n");
            assertThat(h.exchange("AT+CGATT?\r")).isEqualTo(info("+CGATT: 1"));
            open(h, 1);
        }
    }

    @Test
    void cfunZeroWithoutABearerIsUnchanged() {
        try (ModemHarness h = booted()) {
            assertThat(h.exchange("AT+CFUN=0\r")).isEqualTo("\r\n+CPIN: NOT READY\r\n" + OK);
        }
    }

    @Test
    void cfunFourReportsEveryOpenBearerAndRegistrationFollows() {
        try (ModemHarness h = booted()) {
            h.exchange("AT+CREG=1\r");
            open(h, 1);
            open(h, 3);
            assertThat(h.exchange("AT+CFUN=4\r"))
                .isEqualTo("\r\n+SAPBR 1: DEACT\r\n\r\n+SAPBR 3: DEACT\r\n" + OK + "\r\n+CREG: 0\r\n");
            assertThat(h.exchange("AT+CFUN=1\r")).isEqualTo(OK + "\r\n+CREG: 1\r\n");
        }
    }

    @Test
    void cfunZeroUnderAtv0() {
        try (ModemHarness h = booted()) {
            open(h, 1);
            assertThat(h.exchange("ATV0\r")).isEqualTo("0\r");
            assertThat(h.exchange("AT+CFUN=0\r")).isEqualTo("+SAPBR 1: DEACT\r\n+CPIN: NOT READY\r\n0\r");
        }
    }

    @Test
    void cfunInAConcatenatedLine() {
        try (ModemHarness h = booted()) {
            open(h, 1);
            assertThat(h.exchange("AT+CSQ;+CFUN=0;+CFUN?\r")).isEqualTo("\r\n+CSQ: 20,0\r\n"
                + "\r\n+SAPBR 1: DEACT\r\n\r\n+CPIN: NOT READY\r\n\r\n+CFUN: 0\r\n" + OK);
        }
    }

    @Test
    void aResetClosesBearersWithoutAReport() {
        String boot = "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";
        try (ModemHarness h = booted()) {
            h.exchange("AT+CREG=1;+CGREG=1;&W\r");
            open(h, 1);
            assertThat(h.exchange("AT+CFUN=1,1\r")).isEqualTo(OK);
            h.time.advance(Duration.ofSeconds(5));
            assertThat(h.take()).isEqualTo(boot);
            assertThat(h.modem.network().bearers().status(1)).isEqualTo(BearerStatus.CLOSED);
            assertThat(h.exchange("AT+SAPBR=2,1\r")).isEqualTo(CLOSED_1);
            // registered again, and the saved URC modes are live
            h.modem.network().radio().setRegistration(RegStatus.ROAMING);
            assertThat(h.take()).isEqualTo("\r\n+CREG: 5\r\n\r\n+CGREG: 5\r\n");
            open(h, 1);
        }
    }

    // ---- passwords stay out of the logs ----

    @Test
    void passwordsAreNotLogged() {
        Logger root = (Logger) LoggerFactory.getLogger("dev.vmodem");
        Level level = root.getLevel();
        boolean additive = root.isAdditive();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.TRACE);
        root.setAdditive(false); // everything, but only to the list: keep the build output quiet
        String secret = "s3cr3t-Pw";
        try (ModemHarness h = booted(Config.defaults().with("network.auth.password", "right-one"))) {
            h.exchange("AT+SAPBR=3,1,\"PWD\",\"" + secret + "\"\r");
            h.exchange("AT+SAPBR=3,1,pwd," + secret + "\r");
            // failures of every kind, with the secret on the line
            h.exchange("AT+SAPBR=3,9,\"PWD\",\"" + secret + "\"\r");
            h.exchange("AT+SAPBR=3,1,\"PWD\",\"" + secret + "\",\"" + secret + "\"\r");
            h.exchange("AT+SAPBR=3,1,\"PASSWORD\",\"" + secret + "\"\r");
            h.exchange("AT+SAPBR=3,1,\"PWD\",\"" + secret.repeat(5) + "\"\r");
            h.exchange("AT+SAPBR=x,1,\"PWD\",\"" + secret + "\"\r");
            h.exchange("AT+SAPBR=3,1,\"PWD\",\"" + secret + "\";+CFOO\r");
            // the wire stays faithful
            assertThat(h.exchange("AT+SAPBR=4,1\r")).contains("PWD: " + secret + "\r\n");
            h.send("AT+SAPBR=1,1\r");
            h.time.runDue();
            assertThat(h.take()).isEqualTo(ERROR);
            assertThat(h.modem.network().bearers().profile(1).toString()).doesNotContain(secret).contains("pwd=****");
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
            root.setAdditive(additive);
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
            .noneMatch(m -> m.contains(secret))
            .anyMatch(m -> m.contains("+SAPBR=3,9,\"PWD\",\"****\" failed"));
    }

    @Test
    void maskedFormOfARequest() throws Exception {
        var req = dev.vmodem.at.parser.CommandParser.parse("+SAPBR=3,1,\"PWD\",\"x\"").get(0);
        assertThat(SapbrCommand.masked(req)).isEqualTo("+SAPBR=3,1,\"PWD\",\"****\"");
        req = dev.vmodem.at.parser.CommandParser.parse("+SAPBR=3,1,Pwd,abc,def").get(0);
        assertThat(SapbrCommand.masked(req)).isEqualTo("+SAPBR=3,1,Pwd,****,****");
        req = dev.vmodem.at.parser.CommandParser.parse("+SAPBR=3,1,\"APN\",\"internet\"").get(0);
        assertThat(SapbrCommand.masked(req)).isEqualTo("+SAPBR=3,1,\"APN\",\"internet\"");
        assertThat(BearerProfile.defaults("x").toString()).contains("pwd=,");
    }
}
