package dev.vmodem.commands.multitech;

import static dev.vmodem.commands.multitech.MultitechSupport.text;
import static dev.vmodem.commands.multitech.MultitechSupport.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.config.Config;
import dev.vmodem.ftp.EmbeddedFtpServer;
import dev.vmodem.net.BearerProfile;
import dev.vmodem.net.BearerStatus;
import dev.vmodem.testing.ModemHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AT+WOPEN, the GPRS connection commands, the parameters and the dialect's unknown-command answer, byte-exact. */
class ConnectionCommandsTest {

    @TempDir
    Path dir;

    private EmbeddedFtpServer server;
    private ModemHarness h;

    @BeforeEach
    void setUp() throws Exception {
        server = MultitechSupport.server(dir.resolve("ftp"));
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
        server.close();
    }

    private ModemHarness modem(Config c) {
        h = MultitechSupport.harness(server, c);
        return h;
    }

    private ModemHarness modem() {
        return modem(Config.defaults());
    }

    /** Sends a command line and waits for the answer to end with {@code ending}. */
    private String exchange(String line, String ending) {
        h.send(line + "\r");
        return text(until(h, ending));
    }

    @Test
    void theSequenceAHostSendsFirst() {
        modem(Config.defaults().with("network.auth.user", "web").with("network.auth.password", "s3cret"));
        assertThat(h.exchange("AT+CMEE=1\r")).isEqualTo("AT+CMEE=1\r\r\nOK\r\n");
        assertThat(h.exchange("AT#GPRSMODE=1\r")).isEqualTo("AT#GPRSMODE=1\r\r\nERROR\r\n");
        assertThat(h.exchange("AT+WOPEN?\r")).isEqualTo("AT+WOPEN?\r\r\n+WOPEN: 0\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT+WOPEN=?\r")).isEqualTo("AT+WOPEN=?\r\r\n+WOPEN: (0-1)\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT+WOPEN=1\r")).isEqualTo("AT+WOPEN=1\r\r\nOK\r\n");
        assertThat(h.exchange("AT+WOPEN?\r")).isEqualTo("AT+WOPEN?\r\r\n+WOPEN: 1\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#GPRSMODE=1\r")).isEqualTo("AT#GPRSMODE=1\r\r\nOK\r\n");
        assertThat(h.exchange("AT#APNSERV=\"internet\"\r")).isEqualTo("AT#APNSERV=\"internet\"\r\r\nOK\r\n");
        assertThat(h.exchange("AT#APNUN=\"web\"\r")).isEqualTo("AT#APNUN=\"web\"\r\r\nOK\r\n");
        assertThat(h.exchange("AT#APNPW=\"s3cret\"\r")).isEqualTo("AT#APNPW=\"s3cret\"\r\r\nOK\r\n");
        assertThat(h.exchange("AT#DNSSERV1=\"8.8.8.8\"\r")).isEqualTo("AT#DNSSERV1=\"8.8.8.8\"\r\r\nOK\r\n");
        assertThat(h.exchange("AT#DISPLAYIP\r")).isEqualTo("AT#DISPLAYIP\r\r\n#CME ERROR: 35867\r\n");

        assertThat(exchange("AT#CONNECTIONSTART", "Ok_Info_GprsActivation\r\n"))
                .isEqualTo("AT#CONNECTIONSTART\r\r\n10.89.193.1\r\n\r\nOk_Info_GprsActivation\r\n");
        assertThat(h.modem.network().bearers().profile(1))
                .isEqualTo(new BearerProfile("GPRS", "internet", "web", "s3cret", "", 2));
        assertThat(h.exchange("AT#DISPLAYIP\r")).isEqualTo("AT#DISPLAYIP\r\r\n#MY IP: \"10.89.193.1\"\r\n"
                + "#PEER IP: \"0.0.0.0\"\r\n#GATEWAY IP: \"0.0.0.0\"\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#VDNS\r"))
                .isEqualTo("AT#VDNS\r\r\n#DNSSERV1: \"8.8.8.8\"\r\n#DNSSERV2: \"0.0.0.0\"\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#CONNECTIONSTART\r")).isEqualTo("AT#CONNECTIONSTART\r\r\n#CME ERROR: 35840\r\n");
        assertThat(h.exchange("AT#APNSERV=\"other\"\r")).isEqualTo("AT#APNSERV=\"other\"\r\r\n#CME ERROR: 37123\r\n");
        assertThat(h.exchange("AT#DNSSERV2=\"1.1.1.1\"\r"))
                .isEqualTo("AT#DNSSERV2=\"1.1.1.1\"\r\r\n#CME ERROR: 37123\r\n");
        assertThat(h.exchange("AT#FTPSERV=\"ftp.example.com\"\r"))
                .isEqualTo("AT#FTPSERV=\"ftp.example.com\"\r\r\nOK\r\n");

        assertThat(exchange("AT#CONNECTIONSTOP", "OK\r\n")).isEqualTo("AT#CONNECTIONSTOP\r\r\nOK\r\n");
        assertThat(h.modem.network().bearers().status(1)).isEqualTo(BearerStatus.CLOSED);
        assertThat(h.exchange("AT#CONNECTIONSTOP\r")).isEqualTo("AT#CONNECTIONSTOP\r\r\n#CME ERROR: 35866\r\n");
        assertThat(h.exchange("AT#DISPLAYIP\r")).isEqualTo("AT#DISPLAYIP\r\r\n#CME ERROR: 35867\r\n");
    }

    @Test
    void numericFormsUnderAtv0() {
        modem();
        assertThat(h.exchange("ATV0\r")).isEqualTo("ATV0\r0\r");
        assertThat(h.exchange("AT+CMEE=1\r")).isEqualTo("AT+CMEE=1\r0\r");
        assertThat(h.exchange("AT+WOPEN=1\r")).isEqualTo("AT+WOPEN=1\r0\r");
        assertThat(exchange("AT#CONNECTIONSTART", "3086\r")).isEqualTo("AT#CONNECTIONSTART\r10.89.193.1\r\n3086\r");
        assertThat(h.exchange("AT#FOO\r")).isEqualTo("AT#FOO\r#CME ERROR: 34817\r\n");
        assertThat(h.exchange("AT+CMEE=0\r")).isEqualTo("AT+CMEE=0\r0\r");
        assertThat(h.exchange("AT#FOO\r")).isEqualTo("AT#FOO\r4\r");
    }

    @Test
    void stackStoppedAnswersErrorToEveryHashCommand() {
        modem();
        assertThat(h.exchange("AT+CMEE=1\r")).isEqualTo("AT+CMEE=1\r\r\nOK\r\n");
        for (String c : new String[] {"AT#FTPSERV?", "AT#FTPGET", "AT#CONNECTIONSTART", "AT#VALL", "AT#NOSUCH"}) {
            assertThat(h.exchange(c + "\r")).as(c).isEqualTo(c + "\r\r\nERROR\r\n");
        }
    }

    @Test
    void configCanStartWithTheStackRunning() {
        modem(Config.defaults().with("multitech.wopen", "1"));
        assertThat(h.exchange("AT+WOPEN?\r")).isEqualTo("AT+WOPEN?\r\r\n+WOPEN: 1\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPPORT?\r")).isEqualTo("AT#FTPPORT?\r\r\n#FTPPORT: 21\r\n\r\nOK\r\n");
    }

    @Test
    void wopenZeroEndsTheConnection() {
        modem();
        h.exchange("AT+WOPEN=1\r");
        exchange("AT#CONNECTIONSTART", "Ok_Info_GprsActivation\r\n");
        assertThat(exchange("AT+WOPEN=0", "OK\r\n")).isEqualTo("AT+WOPEN=0\r\r\nOK\r\n");
        assertThat(h.modem.network().bearers().status(1)).isEqualTo(BearerStatus.CLOSED);
        assertThat(h.exchange("AT#DISPLAYIP\r")).isEqualTo("AT#DISPLAYIP\r\r\nERROR\r\n");
    }

    @Test
    void unknownHashCommandsAnswer34817AndOthersStayPlainError() {
        modem();
        h.exchange("AT+CMEE=1\r");
        h.exchange("AT+WOPEN=1\r");
        assertThat(h.exchange("AT#VSTATE\r")).isEqualTo("AT#VSTATE\r\r\n#CME ERROR: 34817\r\n");
        assertThat(h.exchange("AT#FOO=1,2\r")).isEqualTo("AT#FOO=1,2\r\r\n#CME ERROR: 34817\r\n");
        assertThat(h.exchange("AT+FOO\r")).isEqualTo("AT+FOO\r\r\nERROR\r\n");
        // a failing command stops the rest of the line
        assertThat(h.exchange("AT#FOO;+CGMI\r")).isEqualTo("AT#FOO;+CGMI\r\r\n#CME ERROR: 34817\r\n");
        assertThat(h.exchange("AT+CMEE=2\r")).isEqualTo("AT+CMEE=2\r\r\nOK\r\n");
        assertThat(h.exchange("AT#FOO\r")).isEqualTo("AT#FOO\r\r\n#CME ERROR: 34817\r\n");
        assertThat(h.exchange("AT+CMEE=0\r")).isEqualTo("AT+CMEE=0\r\r\nOK\r\n");
        assertThat(h.exchange("AT#FOO\r")).isEqualTo("AT#FOO\r\r\nERROR\r\n");
    }

    @Test
    void parametersReadWriteAndTest() {
        modem();
        h.exchange("AT+CMEE=1\r");
        h.exchange("AT+WOPEN=1\r");
        assertThat(h.exchange("AT#FTPSERV?\r")).isEqualTo("AT#FTPSERV?\r\r\n#FTPSERV: \"\"\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPSERV=\"ftp.example.com\"\r")).endsWith("\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPSERV?\r"))
                .isEqualTo("AT#FTPSERV?\r\r\n#FTPSERV: \"ftp.example.com\"\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPSERV\r")).isEqualTo("AT#FTPSERV\r\r\n#FTPSERV: \"ftp.example.com\"\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPSERV=?\r")).isEqualTo("AT#FTPSERV=?\r\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPSERV=\"\"\r")).endsWith("\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPSERV?\r")).isEqualTo("AT#FTPSERV?\r\r\n#FTPSERV: \"\"\r\n\r\nOK\r\n");

        assertThat(h.exchange("AT#FTPPORT?\r")).isEqualTo("AT#FTPPORT?\r\r\n#FTPPORT: 21\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPPORT=?\r")).isEqualTo("AT#FTPPORT=?\r\r\n#FTPPORT: (1-65535)\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPPORT=2121\r")).isEqualTo("AT#FTPPORT=2121\r\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPPORT?\r")).isEqualTo("AT#FTPPORT?\r\r\n#FTPPORT: 2121\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPPORT=0\r")).isEqualTo("AT#FTPPORT=0\r\r\n#CME ERROR: 34882\r\n");
        assertThat(h.exchange("AT#FTPPORT=x\r")).isEqualTo("AT#FTPPORT=x\r\r\n#CME ERROR: 34882\r\n");
        assertThat(h.exchange("AT#FTPPORT=1,2\r")).isEqualTo("AT#FTPPORT=1,2\r\r\n#CME ERROR: 34819\r\n");

        assertThat(h.exchange("AT#FTPTYPE?\r")).isEqualTo("AT#FTPTYPE?\r\r\n#FTPTYPE: I\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPTYPE=?\r")).isEqualTo("AT#FTPTYPE=?\r\r\n#FTPTYPE: (A,I)\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPTYPE=\"a\"\r")).isEqualTo("AT#FTPTYPE=\"a\"\r\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPTYPE?\r")).isEqualTo("AT#FTPTYPE?\r\r\n#FTPTYPE: A\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPTYPE=X\r")).isEqualTo("AT#FTPTYPE=X\r\r\n#CME ERROR: 34882\r\n");
        assertThat(h.exchange("AT#FTPMODE?\r")).isEqualTo("AT#FTPMODE?\r\r\n#FTPMODE: 1\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPMODE=2\r")).isEqualTo("AT#FTPMODE=2\r\r\n#CME ERROR: 34882\r\n");
        assertThat(h.exchange("AT#GPRSMODE=?\r")).isEqualTo("AT#GPRSMODE=?\r\r\n#GPRSMODE: (0-1)\r\n\r\nOK\r\n");

        String longName = "x".repeat(121);
        assertThat(h.exchange("AT#FTPGETFILENAME=\"" + longName + "\"\r")).endsWith("\r\n#CME ERROR: 34882\r\n");
        assertThat(h.exchange("AT#DNSSERV1=\"1.2.3\"\r")).endsWith("\r\n#CME ERROR: 34882\r\n");
        assertThat(h.exchange("AT#APNPW=\"" + "p".repeat(33) + "\"\r")).endsWith("\r\n#CME ERROR: 34882\r\n");
        assertThat(h.exchange("AT#APNPW?\r")).isEqualTo("AT#APNPW?\r\r\n#APNPW: \"\"\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPGETPATH=\"/in\";#FTPGETFILENAME=\"a.bin\";#FTPUN=\"u\";#FTPPW=\"p\"\r"))
                .endsWith("\r\nOK\r\n");
        assertThat(h.exchange("AT#FTPPUTPATH=\"/out\";#FTPPUTFILENAME=\"b.bin\"\r")).endsWith("\r\nOK\r\n");

        assertThat(h.exchange("AT#VALL\r")).isEqualTo("AT#VALL\r\r\n"
                + "#GPRSMODE: 1\r\n#GPRSCID: 1\r\n#APNSERV: \"\"\r\n#APNUN: \"\"\r\n#APNPW: \"\"\r\n"
                + "#DNSSERV1: \"0.0.0.0\"\r\n#DNSSERV2: \"0.0.0.0\"\r\n"
                + "#FTPSERV: \"\"\r\n#FTPPORT: 2121\r\n#FTPUN: \"u\"\r\n#FTPPW: \"p\"\r\n#FTPTYPE: A\r\n"
                + "#FTPMODE: 1\r\n#FTPGETFILENAME: \"a.bin\"\r\n#FTPGETPATH: \"/in\"\r\n"
                + "#FTPPUTFILENAME: \"b.bin\"\r\n#FTPPUTPATH: \"/out\"\r\n\r\nOK\r\n");
        assertThat(h.exchange("AT#VALL?\r")).isEqualTo("AT#VALL?\r\r\n#CME ERROR: 34819\r\n");
    }

    @Test
    void connectionFailuresFromTheNetwork() {
        modem(Config.defaults().with("network.apn.allow", "internet").with("network.auth.user", "web")
                .with("network.auth.password", "s3cret"));
        h.exchange("AT+CMEE=1\r");
        h.exchange("AT+WOPEN=1\r");
        h.exchange("AT#APNSERV=\"wrong\";#APNUN=\"web\";#APNPW=\"s3cret\"\r");
        assertThat(exchange("AT#CONNECTIONSTART", "\r\n")).isEqualTo("AT#CONNECTIONSTART\r\r\n#CME ERROR: 35868\r\n");
        h.exchange("AT#APNSERV=\"internet\";#APNPW=\"wrong\"\r");
        assertThat(exchange("AT#CONNECTIONSTART", "\r\n")).isEqualTo("AT#CONNECTIONSTART\r\r\n#CME ERROR: 35868\r\n");
        h.exchange("AT#APNPW=\"s3cret\"\r");
        h.modem.network().radio().detach();
        h.time.runDue();
        assertThat(exchange("AT#CONNECTIONSTART", "\r\n")).isEqualTo("AT#CONNECTIONSTART\r\r\n#CME ERROR: 35865\r\n");
        h.exchange("AT#GPRSMODE=0\r");
        assertThat(h.exchange("AT#CONNECTIONSTART\r")).isEqualTo("AT#CONNECTIONSTART\r\r\nNO CARRIER\r\n");
    }
}
