package dev.vmodem.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.time.VirtualScheduler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void aLongTransferRedrawsOneLineAndEndsWithASummary() {
        VirtualScheduler clock = new VirtualScheduler();
        TransferTracker tracker = new TransferTracker(clock);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        tracker.subscribe(new ConsoleProgress(out, () -> clock.nanoTime() / 1_000_000));
        TransferTracker.Transfer t = tracker.start("download", "RETR /fw.bin", 0, 102_400);
        for (int i = 0; i < 100; i++) {          // 10 s, 1 KB every 100 ms: 10 KB/s
            clock.advance(Duration.ofMillis(100));
            t.progress(1024);
        }
        t.end("done", "ok");
        String s = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = s.split("\n");
        assertThat(lines).hasSize(1);                                  // redrawn in place, then one summary
        long redraws = s.chars().filter(c -> c == '\r').count();
        assertThat(redraws).isBetween(20L, 41L);                       // at most 4 a second over 10 s, plus the end
        assertThat(s).contains("\r↓ RETR /fw.bin  50.0 KB of 100.0 KB (50%), 10.0 KB/s, 5.0 s left");
        assertThat(s).contains("\r↓ RETR /fw.bin: 100.0 KB in 10.0 s (10.0 KB/s), ok").endsWith(" \n");
    }

    @Test
    void aShortTransferPrintsNothingUnlessItFails() {
        VirtualScheduler clock = new VirtualScheduler();
        TransferTracker tracker = new TransferTracker(clock);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tracker.subscribe(new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> 0));
        TransferTracker.Transfer ok = tracker.start("download", "RETR /a", 0, 10);
        ok.progress(10);
        ok.end("done", "ok");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
        TransferTracker.Transfer bad = tracker.start("upload", "STOR /b", 0, -1);
        bad.progress(5);
        bad.end("failed", "upload error (79)");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\r↑ STOR /b: 5 B in 0 ms (0 B/s), upload error (79)\n");
    }
}
