package dev.vmodem.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmodem.time.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                paced.write(block, 0, block.length);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        int halfway = -1;
        while (!writer.isDone()) {
            if (time.awaitSleepers(1, Duration.ofMillis(50))) {
                time.advanceToNextSleeper();
            }
            if (halfway < 0 && time.elapsed().compareTo(Duration.ofMillis(500)) >= 0) {
                halfway = pipe.takeWritten().length;
            }
        }
        writer.get(5, TimeUnit.SECONDS);
        int rest = pipe.takeWritten().length;
        assertThat(halfway + rest).isEqualTo(960);
        assertThat(halfway).isBetween(478, 482);
        assertThat(time.elapsed()).isBetween(Duration.ofMillis(999), Duration.ofMillis(1001));
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
