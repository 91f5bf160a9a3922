package dev.vmodem.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmodem.time.VirtualScheduler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {

    private final VirtualScheduler time = new VirtualScheduler();
    private final Transcript t = new Transcript(time).title("sim800 on test");

    private void host(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        t.hostToModem(b, 0, b.length);
    }

    private void modem(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        t.modemToHost(b, 0, b.length);
    }

    @Test
    void recordsBothDirectionsCommandsUrcsAndNotesWithTimes() {
        t.urc("RDY");
        modem("\r\nRDY\r\n");
        time.advance(Duration.ofMillis(1204));
        host("AT+CGMM\r");
        t.commandLine("+CGMM");
        modem("AT+CGMM\r\r\nSIMCOM_SIM800L\r\n\r\nOK\r\n");
        time.advance(Duration.ofSeconds(1));
        t.note("fault injected: coverage-loss");

        assertThat(t.commands()).containsExactly("AT+CGMM");
        assertThat(t.urcs()).containsExactly("RDY");
        assertThat(t.notes()).containsExactly("fault injected: coverage-loss");
        assertThat(t.modemOutput()).isEqualTo("\r\nRDY\r\nAT+CGMM\r\r\nSIMCOM_SIM800L\r\n\r\nOK\r\n");
        assertThat(t.hostInput()).isEqualTo("AT+CGMM\r");
        List<Transcript.Entry> e = t.entries();
        assertThat(e).extracting(Transcript.Entry::kind).containsExactly(Transcript.Kind.MODEM,
            Transcript.Kind.HOST, Transcript.Kind.COMMAND, Transcript.Kind.MODEM, Transcript.Kind.NOTE);
        assertThat(e).extracting(Transcript.Entry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(e.get(1).time()).isEqualTo(Duration.ofMillis(1204));
        assertThat(e.get(0).urcs()).containsExactly("RDY");
        assertThat(t.text()).isEqualTo("""
            # vmodem transcript: sim800 on test
            # started 2023-11-14T22:13:20Z; times are seconds since then on the modem's clock; passwords masked
                 0.000 modem→host  \\r\\nRDY\\r\\n    [URC RDY]
                 1.204 host→modem  AT+CGMM\\r
                 1.204 command     AT+CGMM
                 1.204 modem→host  AT+CGMM\\r\\r\\nSIMCOM_SIM800L\\r\\n\\r\\nOK\\r\\n
                 2.204 note        fault injected: coverage-loss
            """);
    }

    @Test
    void passwordsAreMaskedInTextButTheBytesStayFaithful() {
        for (char c : "AT+FTPPW=\"s3cret\"\r".toCharArray()) {   // typed one key at a time
            host(String.valueOf(c));
        }
        t.commandLine("+FTPPW=\"s3cret\"");
        modem("AT+FTPPW=\"s3cret\"\r\r\nOK\r\n");
        assertThat(t.text()).doesNotContain("s3cret").contains("AT+FTPPW=\"***\"");
        assertThat(t.commands()).containsExactly("AT+FTPPW=\"***\"");
        assertThat(t.hostInput()).isEqualTo("AT+FTPPW=\"s3cret\"\r");
        assertThat(t.modemOutput()).startsWith("AT+FTPPW=\"s3cret\"");
        assertThat(Recording.of(t).format()).doesNotContain("s3cret");
    }

    @Test
    void longBurstsAreShortenedInTextOnly() {
        byte[] data = new byte[5000];
        t.modemToHost(data, 0, data.length);
        assertThat(t.entries().get(0).bytes()).hasSize(5000);
        assertThat(t.text()).contains("…(4488 more bytes, 5000 in all)…");
    }

    @Test
    void keepsTheNewestEntriesWithinItsBudgetAndSaysWhatWasDropped() {
        Transcript small = new Transcript(time, 8192);
        byte[] block = new byte[1000];
        for (int i = 0; i < 20; i++) {
            small.modemToHost(block, 0, block.length);
        }
        assertThat(small.size()).isLessThanOrEqualTo(8192);
        assertThat(small.entries()).hasSizeLessThan(20).last().extracting(Transcript.Entry::seq).isEqualTo(20L);
        assertThat(small.droppedEntries()).isEqualTo(20 - small.entries().size());
        assertThat(small.droppedBytes()).isEqualTo(1000L * small.droppedEntries());
        assertThat(small.text()).contains("older entries (" + small.droppedBytes() + " serial bytes) were dropped");
        assertThatThrownBy(() -> new Transcript(time, 100)).hasMessageContaining("100 < 4096");
    }

    @Test
    void writesItsTextToAFile(@TempDir Path dir) throws Exception {
        host("AT\r");
        Path f = dir.resolve("a/b/test.txt");
        t.writeTo(f);
        assertThat(Files.readString(f)).isEqualTo(t.text());
    }

    @Test
    void followingGivesThePastThenTheNewWithoutGaps() {
        host("A");
        host("T");
        List<Long> seen = new ArrayList<>();
        Transcript.Subscription s = t.follow(1, e -> seen.add(e.seq()));
        host("\r");
        s.close();
        host("X");
        assertThat(seen).containsExactly(2L, 3L);
        assertThat(t.entriesAfter(3)).hasSize(1);
    }
}
