package dev.vmodem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark suite with tiny sizes and no JMH, so it cannot rot between benchmark runs. */
class BenchSmokeTest {

    @TempDir
    Path out;

    @Test
    void theSuiteRunsAndWritesItsReport() throws Exception {
        BenchMain b = new BenchMain(true, out, Path.of("target/does-not-exist.jar"));
        b.endToEnd();
        b.write();
        assertThat(b.figures()).extracting(Figure::name).contains("in process, median", "pty, median",
            "TCP, median", "raw pty throughput", "AT+FTPGET=2,1460 loop over a pty, 64 KB",
            "AT+FTPPUT=2,<max> loop over a pty, 64 KB", "AT+FTPETGET stream over a pty, 64 KB",
            "AT#FTPGET stream over a pty, 64 KB", "AT+FTPGET=2,1460 loop over TCP, 64 KB",
            "AT+FTPPUT=2,<max> loop over TCP, 64 KB", "AT+FTPGET=2,1460 loop in process, 64 KB",
            "AT+FTPPUT=2,<max> loop in process, 64 KB", "one more modem in a running JVM", "heap for 1,000 idle modems");
        // every loop over a transport stands beside the loop responder's figure on the same transport
        assertThat(b.figures()).filteredOn(f -> f.name().contains(" loop over "))
            .hasSize(4).allSatisfy(f -> assertThat(f.baseline()).isPositive());
        // the two streams stand beside raw pty throughput measured in the same rounds, with their target
        double raw = b.figures().stream().filter(f -> f.name().equals("raw pty throughput")).findFirst()
            .orElseThrow().value();
        assertThat(b.figures()).filteredOn(f -> f.name().contains(" stream over a pty"))
            .hasSize(2).allSatisfy(f -> {
                assertThat(f.baseline()).isEqualTo(raw);
                assertThat(f.target()).isEqualTo("≥ 50 % of raw pty");
                assertThat(f.met()).isEqualTo(f.value() >= raw / 2);
            });
        assertThat(b.figures()).allSatisfy(f -> assertThat(f.value()).isPositive());
        assertThat(Files.readString(out.resolve("report.md"))).contains("| pty, median |");
        assertThat(Files.readString(out.resolve("report.json"))).contains("\"figures\"");
    }

    @Test
    void everyMicroBenchmarkRuns() throws Exception {
        MicroBenchmarks m = new MicroBenchmarks();
        m.setup();
        assertThat(m.lineCodec()).isEqualTo(MicroBenchmarks.LINE.length);
        assertThat(m.commandParser()).hasSize(5);
        m.dispatch();
        assertThat(m.dleEncode()).isGreaterThan(1460);
        assertThat(m.dleDecode()).isEqualTo(1460);
    }

    /** A missed loop target says what limits it: the transport when the responder misses too, else where to read. */
    @Test
    void aMissedLoopTargetSaysWhatLimitsIt() {
        Figure f = Figure.of("Transfers", "loop", 9.0, "MB/s", "rounds: 9.0");
        Figure met = BenchMain.atLeast(f.baseline(12.0).target("", false), 8);
        assertThat(met.met()).isTrue();
        assertThat(met.target()).isEqualTo("≥ 8 MB/s");
        assertThat(met.note()).isEqualTo("rounds: 9.0");
        Figure vmodemShort = BenchMain.atLeast(f.baseline(12.0), 10);
        assertThat(vmodemShort.met()).isFalse();
        assertThat(vmodemShort.note()).isEqualTo(
            "rounds: 9.0; what takes the rest: docs/performance.md, \"What limits the figures\"");
        Figure transportShort = BenchMain.atLeast(f.baseline(9.5), 10);
        assertThat(transportShort.met()).isFalse();
        assertThat(transportShort.note()).startsWith("rounds: 9.0; the loop responder does not reach 10 MB/s")
            .contains("the transport limits this figure");
    }
}
