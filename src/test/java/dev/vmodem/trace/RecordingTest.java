package dev.vmodem.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmodem.client.AtClient;
import dev.vmodem.config.Config;
import dev.vmodem.control.VirtualModem;
import dev.vmodem.emulator.Emulator;
import dev.vmodem.serial.TcpLink;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record a session, and check that a new run of the same firmware says the same things. */
class RecordingTest {

    @TempDir
    Path dir;

    /** A tiny "firmware": the same exchange, sent in chunks of {@code chunk} bytes, with pauses of {@code pause}. */
    private static void firmware(VirtualModem m, int chunk, Duration pause, String model) {
        firmware(m, chunk, pause, model, true);
    }

    private static void firmware(VirtualModem m, int chunk, Duration pause, String model, boolean urc) {
        AtClient at = m.at();
        for (String cmd : List.of("ATE1", "AT+CGMM", "AT+CMEE=2", model, "AT+FTPPW=\"s3cret\"")) {
            byte[] b = (cmd + "\r").getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < b.length; i += chunk) {
                at.send(java.util.Arrays.copyOfRange(b, i, Math.min(b.length, i + chunk)));
            }
            at.awaitFinal();
            m.time().advance(pause);
        }
        if (urc) {
            m.urc("+CMTI: \"SM\",1");
            at.awaitLine(Pattern.compile("\\+CMTI: .*"));
        }
    }

    private VirtualModem modem(Path record) throws Exception {
        VirtualModem.Builder b = VirtualModem.builder().virtualTime();
        if (record != null) {
            b.record(record);
        }
        return b.start().awaitReady();
    }

    @Test
    void aNewRunOfTheSameFirmwareGivesTheSameExchangeWhateverTheTimingAndChunking() throws Exception {
        Path rec = dir.resolve("session.rec");
        try (VirtualModem m = modem(rec)) {
            firmware(m, 100, Duration.ofMillis(10), "AT+CGMI");
        }
        Recording recorded = Recording.read(rec);
        assertThat(recorded.items()).isNotEmpty();
        assertThat(Files.readString(rec)).startsWith(Recording.MAGIC + "\n# sim800 on pipe")
            .contains("> AT+CGMM\\r", "< AT+CGMM\\r\\r\\nSIMCOM_SIM800L\\r\\n\\r\\nOK\\r\\n")
            .doesNotContain("s3cret");

        try (VirtualModem m = modem(null)) {
            firmware(m, 1, Duration.ofSeconds(3), "AT+CGMI");
            Exchange now = Exchange.of(m.transcript());
            Exchange.assertSame(recorded.exchange(), now);
            assertThat(now.lines()).contains(new Exchange.Line('>', "AT+CGMM"), new Exchange.Line('<', "OK"),
                new Exchange.Line('<', "+CMTI: \"SM\",1"), new Exchange.Line('>', "AT+FTPPW=\"***\""));
        }
    }

    @Test
    void aChangedExchangeFailsShowingTheFirstDifference() throws Exception {
        Path rec = dir.resolve("session.rec");
        try (VirtualModem m = modem(rec)) {
            firmware(m, 100, Duration.ZERO, "AT+CGMI");
        }
        try (VirtualModem m = modem(null)) {
            firmware(m, 100, Duration.ZERO, "AT+GMI");
            Exchange expected = Recording.read(rec).exchange();
            Exchange actual = Exchange.of(m.transcript());
            assertThatThrownBy(() -> Exchange.assertSame(expected, actual))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("exchanges differ at line 16 (expected 23 lines, got 23)")
                .hasMessageContaining("  ! > AT+CGMI")
                .hasMessageContaining("  ! > AT+GMI");
            assertThat(actual.modemSide()).as("the modem said the same").isEqualTo(expected.modemSide()
                .replacing("^AT\\+CGMI$", "AT+GMI"));
        }
    }

    @Test
    void theRecordingCanBeReplayedAgainstANewModem() throws Exception {
        Path rec = dir.resolve("session.rec");
        try (VirtualModem m = modem(rec)) {
            firmware(m, 3, Duration.ofMillis(5), "AT+CGMI", false);
        }
        Recording r = Recording.read(rec);
        try (VirtualModem m = modem(null)) {
            m.replay(r, Duration.ofSeconds(5));
            Exchange.assertSame(r.exchange(), Exchange.of(m.transcript()));
        }
    }

    @Test
    void theFileFormatKeepsEveryByteAndNote() {
        Recording r = Recording.parse("""
            # vmodem recording 1
            # a title
            +0.000 < \\r\\nRDY\\r\\n
            +1.500 > AT\\x00\\xff\\\\ \\x20

            +2.000 ! fault injected: dns-failure
            """);
        assertThat(r.title()).isEqualTo("a title");
        assertThat(r.items()).hasSize(3);
        assertThat(r.items().get(1).time()).isEqualTo(Duration.ofMillis(1500));
        assertThat(r.items().get(1).bytes()).containsExactly('A', 'T', 0, 0xff, '\\', ' ', ' ');
        assertThat(r.items().get(2).note()).isEqualTo("fault injected: dns-failure");
        assertThat(Recording.parse(r.format()).format()).isEqualTo(r.format());
        assertThat(r.format()).contains("+1.500 > AT\\x00\\xff\\\\ \\x20\n");
        assertThatThrownBy(() -> Recording.parse("+1 ? x")).hasMessageContaining("line 1: unknown direction '?'");
        assertThatThrownBy(() -> Recording.parse("+1 > \\q")).hasMessageContaining("bad escape \\q");
        assertThatThrownBy(() -> Recording.parse("hello")).hasMessageContaining("line 1");
    }

    @Test
    void exchangesCutLinesAtCrAndLfAndCanBeNormalized() {
        Exchange e = Exchange.parse("> AT+CCLK?", "< AT+CCLK?", "< +CCLK: \"23/11/14,22:13:20+00\"", "< OK");
        Exchange f = Exchange.parse("> AT+CCLK?", "< AT+CCLK?", "< +CCLK: \"24/01/01,00:00:00+00\"", "< OK");
        assertThat(e).isNotEqualTo(f);
        assertThat(e.replacing("\\+CCLK: \".*\"", "+CCLK: <time>")).isEqualTo(f.replacing("\\+CCLK: \".*\"",
            "+CCLK: <time>"));
        assertThat(e.ignoring("\\+CCLK: .*")).isEqualTo(f.ignoring("\\+CCLK: .*"));
        assertThat(e.toString()).startsWith("> AT+CCLK?\n< AT+CCLK?\n");
        assertThat(e.differenceFrom(e)).isNull();
    }

    @Test
    void theCommandLineRecordsThroughTheEmulator() throws Exception {
        Path rec = dir.resolve("cli.rec");
        Config c = Config.defaults().with("modem.state.dir", dir.resolve("state").toString())
            .with("ftp.server.enabled", "false").with("record.file", rec.toString())
            .with("modem.boot.interval.ms", "1");
        Emulator e = new Emulator(c, Emulator.Transport.tcp("127.0.0.1:0"), false, true);
        try {
            e.start();
            assertThat(e.banner()).contains("record  " + rec.toAbsolutePath());
            try (Socket s = new Socket("127.0.0.1", ((TcpLink) e.link()).port());
                 AtClient at = new AtClient(s.getInputStream(), s.getOutputStream())) {
                at.command("AT+CGMM");
            }
        } finally {
            e.close();
        }
        Exchange x = Recording.read(rec).exchange();
        assertThat(x.lines()).contains(new Exchange.Line('>', "AT+CGMM"), new Exchange.Line('<', "SIMCOM_SIM800L"));
    }
}
