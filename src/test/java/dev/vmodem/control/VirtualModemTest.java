package dev.vmodem.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vmodem.client.AtClient;
import dev.vmodem.ftp.EmbeddedFtpServer;
import dev.vmodem.net.BearerStatus;
import dev.vmodem.net.Fault;
import dev.vmodem.net.RegStatus;
import dev.vmodem.serial.PtyLink;
import dev.vmodem.serial.TcpLink;
import dev.vmodem.trace.Transcript;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API: a modem in a few lines over each transport, with its FTP server, network control and transcript. */
class VirtualModemTest {

    @TempDir
    Path dir;

    @Test
    void inMemoryWithItsOwnFtpServer() throws Exception {
        try (VirtualModem m = VirtualModem.builder().ftpRoot(dir.resolve("ftp")).set("modem.boot.interval.ms", "5")
                .start()) {
            m.awaitReady();
            assertThat(m.at().command("AT")).isEqualTo("AT\r\r\nOK\r\n");
            assertThat(m.at().command("AT+CGMM")).isEqualTo("AT+CGMM\r\r\nSIMCOM_SIM800L\r\n\r\nOK\r\n");

            EmbeddedFtpServer ftp = m.ftpServer();
            assertThat(ftp.port()).isPositive();
            assertThat(m.ftpRoot()).isEqualTo(dir.resolve("ftp"));
            assertThat(dir.resolve("ftp").resolve(EmbeddedFtpServer.SAMPLE_TEXT)).exists();
            assertThat(m.state().ftpServer()).isEqualTo("ftp://127.0.0.1:" + ftp.port());

            assertThat(m.transcript().commands()).containsExactly("AT", "AT+CGMM");
            assertThat(m.transcript().urcs()).containsExactly("RDY", "+CFUN: 1", "+CPIN: READY", "Call Ready",
                "SMS Ready");
        }
        assertThat(dir.resolve("ftp")).isDirectory();
    }

    @Test
    void networkAndFaultsAreControlledAndNotedInTheTranscript() throws Exception {
        try (VirtualModem m = VirtualModem.builder().virtualTime().linkPreset("gprs").fault("dns-failure").start()) {
            m.awaitReady();
            m.network().faults().inject(Fault.coverageLoss());
            assertThat(m.state().radio().creg()).isEqualTo(RegStatus.SEARCHING);
            m.network().faults().clear(Fault.Kind.COVERAGE_LOSS);
            m.network().radio().setSignal(7, 0);
            ModemState s = m.state();
            assertThat(s.radio().rssi()).isEqualTo(7);
            assertThat(s.link()).isEqualTo("gprs");
            assertThat(s.faults()).containsExactly("dns-failure");
            assertThat(s.bearers()).extracting(ModemState.Bearer::status).containsOnly("CLOSED");
            assertThat(m.transcript().notes()).contains("fault injected: dns-failure",
                "radio: creg 2 cgreg 2 csq 99,99 detached (no coverage)",
                "radio: creg 1 cgreg 1 csq 7,0 attached");
        }
    }

    @Test
    void virtualTimeRunsOnlyWhenAdvanced() throws Exception {
        try (VirtualModem m = VirtualModem.builder().virtualTime().start()) {
            assertThat(m.transcript().urcs()).isEmpty();
            m.time().advance(Duration.ofMillis(100));
            assertThat(m.transcript().urcs()).containsExactly("RDY", "+CFUN: 1");
            m.awaitReady();
            assertThat(m.at().command("ATI")).isEqualTo("ATI\r\r\nSIM800 R14.18\r\n\r\nOK\r\n");
        }
    }

    @Test
    void overAPtyForFirmwareRunningAsAProcess() throws Exception {
        Path pty = dir.resolve("ttyFW0");
        try (VirtualModem m = VirtualModem.builder().pty(pty).set("modem.boot.interval.ms", "5").start()) {
            assertThat(Files.isSymbolicLink(pty)).isTrue();
            m.awaitReady();
            AtClient at = m.at();           // opens the pty path, as firmware would
            at.awaitLine(Pattern.compile("SMS Ready"));
            assertThat(at.command("AT+GCAP")).isEqualTo("AT+GCAP\r\r\n+GCAP: +CGSM\r\n\r\nOK\r\n");
            assertThat(m.transcript().commands()).containsExactly("AT+GCAP");
        }
        assertThat(Files.exists(pty, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void howLongTheReaderLooksForAQuickHostIsASetting() throws Exception {
        for (String transport : new String[] {"pty", "tcp"}) {
            for (String spin : new String[] {"0", "10000"}) {
                VirtualModem.Builder b = VirtualModem.builder().set("modem.boot.interval.ms", "5")
                    .set("serial.spin.us", spin);
                b = transport.equals("pty") ? b.pty(dir.resolve("ttySPIN" + spin)) : b.tcp("127.0.0.1:0");
                try (VirtualModem m = b.start()) {
                    m.awaitReady();
                    AtClient at = m.at(); // over TCP it has read the held power-on codes already
                    if (transport.equals("pty")) {
                        at.awaitLine(Pattern.compile("SMS Ready"));
                    }
                    at.command("ATE0");
                    // how many commands are found looking depends on how busy the machine is: with a spin time, go
                    // on until 50 have been (a little over 50 commands on an idle machine), for at most 10,000
                    boolean counts = transport.equals("tcp") || System.getProperty("os.name").startsWith("Linux");
                    int commands = spin.equals("0") || !counts ? 200 : 10_000;
                    for (int i = 0; i < commands && (spin.equals("0") || found(m) < 50); i++) {
                        assertThat(at.command("AT")).isEqualTo("\r\nOK\r\n");
                    }
                    if (spin.equals("0")) {
                        assertThat(found(m)).as(transport).isZero();
                    } else if (counts) {
                        assertThat(found(m)).as(transport + ": commands found while the reader looked")
                            .isGreaterThanOrEqualTo(50);
                    }
                }
            }
        }
        assertThatThrownBy(() -> VirtualModem.builder().pty(dir.resolve("ttyBAD"))
                .set("serial.spin.us", "20000").start())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("setting serial.spin.us=20000 is out of range (0 to 10000 microseconds)");
    }

    private static long found(VirtualModem m) {
        return m.link() instanceof PtyLink p ? p.inputsFoundWhileSpinning()
            : ((TcpLink) m.link()).inputsFoundWhileSpinning();
    }

    @Test
    void overTcp() throws Exception {
        try (VirtualModem m = VirtualModem.builder().tcp("127.0.0.1:0").virtualTime().start()) {
            assertThat(((TcpLink) m.link()).port()).isPositive();
            AtClient at = m.at();
            assertThat(at.command("ATE0")).endsWith("ATE0\r\r\nOK\r\n");
            assertThat(at.command("AT+CGMI")).isEqualTo("\r\nSIMCOM_Ltd\r\n\r\nOK\r\n");
        }
    }

    @Test
    void overASerialPortOneEndOfASocatPair() throws Exception {
        Path socat = Path.of("/usr/bin/socat");
        assumeTrue(Files.isExecutable(socat), "socat is not installed; skipping the COM port transport");
        Path modemEnd = dir.resolve("modem");
        Path hostEnd = dir.resolve("host");
        Process pair = new ProcessBuilder(socat.toString(), "-d", "-d", "pty,raw,echo=0,link=" + modemEnd,
            "pty,raw,echo=0,link=" + hostEnd).redirectErrorStream(true).start();
        try {
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                // Reads socat's output to the end, so it never blocks on it; the pair is up at this line.
                BufferedReader out = new BufferedReader(new InputStreamReader(pair.getInputStream(),
                    StandardCharsets.UTF_8));
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.contains("starting data transfer loop")) {
                            ready.complete(null);
                        }
                    }
                    ready.completeExceptionally(new IOException("socat ended"));
                } catch (IOException e) {
                    ready.completeExceptionally(e);
                }
            }, "socat-output");
            reader.setDaemon(true);
            reader.start();
            ready.get(10, TimeUnit.SECONDS);
            try (VirtualModem m = VirtualModem.builder().serial(modemEnd.toString(), 115200).virtualTime().start();
                 FileChannel rd = FileChannel.open(hostEnd, StandardOpenOption.READ);
                 FileChannel wr = FileChannel.open(hostEnd, StandardOpenOption.WRITE);
                 AtClient fw = new AtClient(Channels.newInputStream(rd), Channels.newOutputStream(wr))) {
                assertThat(m.endpoint()).isEqualTo(modemEnd.toString());
                assertThat(fw.command("AT+CGMM")).isEqualTo("AT+CGMM\r\r\nSIMCOM_SIM800L\r\n\r\nOK\r\n");
                assertThat(m.transcript().commands()).containsExactly("AT+CGMM");
            }
        } finally {
            pair.destroy();
            pair.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void resetAndPowerCycle() throws Exception {
        try (VirtualModem m = VirtualModem.builder().virtualTime().start()) {
            m.awaitReady();
            m.at().command("ATE0");
            m.reset();
            m.awaitReady();
            assertThat(m.at().command("AT")).as("echo back on after a reset").isEqualTo("AT\r\r\nOK\r\n");

            m.powerCycle(Duration.ofSeconds(2));
            assertThat(m.state().power()).isEqualTo("off");
            m.at().send("AT\r");                      // nobody listens
            m.time().advance(Duration.ofSeconds(1));
            assertThat(m.at().peek()).isEmpty();
            m.time().advance(Duration.ofSeconds(1));
            assertThat(m.state().power()).isEqualTo("on");
            m.awaitReady();
            assertThat(m.at().command("AT")).isEqualTo("AT\r\r\nOK\r\n");
            assertThat(m.transcript().notes()).contains("power off for 2000 ms",
                "3 bytes from the host were lost while the modem was off", "power on");
        }
    }

    @Test
    void aResetDropsOpenBearers() throws Exception {
        try (VirtualModem m = VirtualModem.builder().virtualTime().start()) {
            m.network().bearers().open(1);
            m.time().runDue();
            assertThat(m.network().bearers().status(1)).isEqualTo(BearerStatus.CONNECTED);
            m.reset();
            assertThat(m.network().bearers().status(1)).isEqualTo(BearerStatus.CLOSED);
            assertThat(m.transcript().notes()).anyMatch(n -> n.startsWith("bearer 1: CONNECTED -> CLOSED"));
        }
    }

    @Test
    void passwordsEchoFaithfullyButAreMaskedInTheTranscript() throws Exception {
        try (VirtualModem m = VirtualModem.builder().virtualTime().start()) {
            m.awaitReady();
            assertThat(m.at().command("AT+FTPPW=\"s3cret\"")).startsWith("AT+FTPPW=\"s3cret\"\r");
            Transcript t = m.transcript();
            assertThat(t.text()).doesNotContain("s3cret").contains("AT+FTPPW=\"***\"");
            assertThat(t.modemOutput()).contains("s3cret");
        }
    }

    @Test
    void urcsAndNotes() throws Exception {
        try (VirtualModem m = VirtualModem.builder().virtualTime().start()) {
            m.awaitReady();
            m.urc("+CMTI: \"SM\",3");
            m.at().awaitLine(Pattern.compile("\\+CMTI: \"SM\",3"));
            m.note("step 2");
            assertThat(m.transcript().urcs()).endsWith("+CMTI: \"SM\",3");
            assertThat(m.transcript().notes()).endsWith("step 2");
        }
    }
}
