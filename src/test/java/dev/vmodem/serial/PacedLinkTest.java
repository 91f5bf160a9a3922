package dev.vmodem.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmodem.time.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacedLinkTest {

    @Test
    void bytesLeaveAtTheLineRate() throws Exception {
        VirtualScheduler time = new VirtualScheduler();
        PipeLink pipe = new PipeLink(8192);
        PacedLink paced = new PacedLink(pipe, 9600, time);
        paced.open((b, o, l) -> { });
        byte[] block = new byte[960];   // 960 bytes × 10 bits at 9600 baud = 1 s of line time
        paced.write(block, 0, block.length);   // queued: the transmitter shifts it out on the clock
        int halfway = -1;
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (paced.pending() > 0 && System.nanoTime() < limit) {
            if (time.awaitSleepers(1, Duration.ofMillis(50))) {
                time.advanceToNextSleeper();
            }
            if (halfway < 0 && time.elapsed().compareTo(Duration.ofMillis(500)) >= 0) {
                halfway = pipe.takeWritten().length;
            }
        }
        assertThat(paced.pending()).isZero();
        int rest = pipe.takeWritten().length;
        assertThat(halfway + rest).isEqualTo(960);
        assertThat(halfway).isBetween(478, 482);
        assertThat(time.elapsed()).isBetween(Duration.ofMillis(999), Duration.ofMillis(1001));
    }

    @Test
    void aWriteFromATaskTheClockRunsReturnsAtOnceAndTheLineStillTakesItsTime() throws Exception {
        VirtualScheduler time = new VirtualScheduler();
        PipeLink pipe = new PipeLink(8192);
        PacedLink paced = new PacedLink(pipe, 9600, time);
        paced.open((b, o, l) -> { });
        byte[] urc = "\r\n+FTPGET: 1,1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII); // 16 bytes
        time.schedule(Duration.ofMillis(100), () -> {
            try {
                paced.write(urc, 0, urc.length);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        time.advance(Duration.ofMillis(100));              // used to sleep inside advance() and never return
        assertThat(pipe.takeWritten()).isEmpty();
        while (paced.pending() > 0) {
            if (time.awaitSleepers(1, Duration.ofMillis(50))) {
                time.advanceToNextSleeper();
            }
        }
        assertThat(pipe.takeWritten()).isEqualTo(urc);
        // 16 bytes × 10 bits at 9600 baud = 16.7 ms after the task wrote them
        assertThat(time.elapsed().toNanos()).isEqualTo(100_000_000L + 16 * UartPacing.timeFor(1, 9600).toNanos());
        paced.close();
    }

    @Test
    void aSleepOnTheAdvancingThreadMovesTheClockItself() {
        VirtualScheduler time = new VirtualScheduler();
        long[] woke = new long[1];
        time.schedule(Duration.ofMillis(10), () -> {
            try {
                time.sleep(Duration.ofMillis(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            woke[0] = time.nanoTime();
        });
        time.advance(Duration.ofMillis(20));
        assertThat(woke[0]).isEqualTo(40_000_000L);
        assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(40)); // never moved backwards to the target
    }

    @Test
    void uartPacingIsTenBitsPerByte() {
        assertThat(UartPacing.timeFor(11_520, 115_200)).isEqualTo(Duration.ofSeconds(1));
        assertThat(UartPacing.timeFor(1, 9600).toNanos()).isEqualTo(1_041_667);
        assertThat(UartPacing.bytesIn(Duration.ofSeconds(1), 9600)).isEqualTo(960);
        assertThatThrownBy(() -> UartPacing.timeFor(1, 0)).hasMessageContaining("baud");
    }

    @Test
    void describesThePacing() {
        PacedLink paced = new PacedLink(new PipeLink(), 115200, new VirtualScheduler());
        assertThat(paced.description()).endsWith("paced at 115200 baud");
    }
}
