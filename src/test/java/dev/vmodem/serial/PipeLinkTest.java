package dev.vmodem.serial;

import dev.vmodem.testing.TestBytes;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.vmodem.serial.TestIo.TIMEOUT;
import static dev.vmodem.serial.TestIo.readExactly;
import static dev.vmodem.testing.TestBytes.allByteValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipeLinkTest {

    private final RecordingReceiver modem = new RecordingReceiver();

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void everyByteValueCrossesUnchangedBothWays() throws Exception {
        PipeLink pipe = new PipeLink();
        pipe.open(modem);

        pipe.hostOutput().write(allByteValues());
        assertThat(modem.takeAll()).as("delivered before write returned").isEqualTo(allByteValues());

        pipe.write(allByteValues(), 0, 256);
        assertThat(pipe.takeWritten()).isEqualTo(allByteValues());
        assertThat(pipe.takeWritten()).isEmpty();
    }

    @Test
    void anAnswerGivenDuringDeliveryIsThereWhenTheHostWriteReturns() throws Exception {
        PipeLink pipe = new PipeLink();
        pipe.open(modem.echoingTo(pipe));
        pipe.hostOutput().write(ascii("AT\r"));
        pipe.hostOutput().write('\n');
        assertThat(pipe.takeWritten()).isEqualTo(ascii("AT\r\n"));
    }

    @Test
    void theHostInputBlocksUntilTheModemWritesAndEndsAfterClose() throws Exception {
        PipeLink pipe = new PipeLink();
        pipe.open(modem);
        InputStream in = pipe.hostInput();
        CompletableFuture<Void> modemSide = CompletableFuture.runAsync(() -> {
            try {
                pipe.write(ascii("RING\r\n"), 0, 6);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(readExactly(in, 6)).isEqualTo(ascii("RING\r\n"));
        modemSide.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        pipe.write(ascii("OK"), 0, 2);
        pipe.close();
        assertThat(in.available()).isEqualTo(2);
        assertThat(in.readAllBytes()).as("what was written before close, then end of stream").isEqualTo(ascii("OK"));
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aFullBufferBlocksTheModemUntilTheHostReads() throws Exception {
        PipeLink pipe = new PipeLink(16);
        pipe.open(modem);
        byte[] data = TestBytes.random(40, 5); // wraps around the 16-byte ring twice
        CompletableFuture<Void> modemSide = CompletableFuture.runAsync(() -> {
            try {
                pipe.write(data, 0, data.length);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] first = pipe.awaitWritten(16, TIMEOUT);
        assertThat(modemSide).as("40 bytes cannot fit in 16").isNotDone();
        byte[] rest = readExactly(pipe.hostInput(), 24);
        modemSide.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        byte[] all = new byte[40];
        System.arraycopy(first, 0, all, 0, 16);
        System.arraycopy(rest, 0, all, 16, 24);
        assertThat(all).isEqualTo(data);
    }

    @Test
    void anOverflowDuringDeliveryFailsInsteadOfDeadlocking() throws Exception {
        PipeLink pipe = new PipeLink(8);
        pipe.open(modem.echoingTo(pipe));
        assertThatThrownBy(() -> pipe.hostOutput().write(ascii("AT+CGDCONT=1\r")))
                .hasRootCauseInstanceOf(IOException.class)
                .rootCause().hasMessageContaining("full (8 bytes)").hasMessageContaining("5 of 13 bytes not written");
        assertThat(pipe.takeWritten()).as("what fitted").isEqualTo(ascii("AT+CGDCO"));
    }

    @Test
    void closeFailsABlockedModemWriter() throws Exception {
        PipeLink pipe = new PipeLink(4);
        pipe.open(modem);
        CompletableFuture<Void> modemSide = CompletableFuture.runAsync(() -> {
            try {
                pipe.write(new byte[8], 0, 8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        // 8 bytes never fit in 4 while nobody reads: the writer is blocked, or not yet started, when this closes
        pipe.close();
        assertThatThrownBy(() -> modemSide.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(IOException.class)
                .rootCause().hasMessageContaining("not open");
    }

    @Test
    void awaitWrittenTimesOutOrSeesTheEnd() throws Exception {
        PipeLink pipe = new PipeLink();
        pipe.open(modem);
        pipe.write(ascii("AB"), 0, 2);
        assertThatThrownBy(() -> pipe.awaitWritten(3, Duration.ofMillis(20)))
                .isInstanceOf(InterruptedIOException.class).hasMessageContaining("2 of 3");
        pipe.close();
        assertThatThrownBy(() -> pipe.awaitWritten(3, TIMEOUT))
                .isInstanceOf(EOFException.class).hasMessageContaining("2 of 3");
        assertThat(pipe.awaitWritten(2, TIMEOUT)).isEqualTo(ascii("AB"));
        assertThatThrownBy(() -> pipe.awaitWritten(70_000, TIMEOUT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
    }

    @Test
    void theHostCannotWriteBeforeOpenOrAfterClose() throws Exception {
        PipeLink pipe = new PipeLink();
        assertThatThrownBy(() -> pipe.hostOutput().write(1)).isInstanceOf(IOException.class)
                .hasMessageContaining("NEW");
        pipe.open(modem);
        pipe.close();
        assertThatThrownBy(() -> pipe.hostOutput().write(1)).isInstanceOf(IOException.class)
                .hasMessageContaining("CLOSED");
        assertThatThrownBy(() -> pipe.write(new byte[1], 0, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("CLOSED");
        assertThat(pipe.description()).isEqualTo("pipe (in memory, 65536-byte buffer)");
    }

    @Test
    void aReceiverFailureReachesTheHostWriter() throws Exception {
        PipeLink pipe = new PipeLink();
        pipe.open(modem);
        modem.failNextWith(new IllegalStateException("parser bug"));
        assertThatThrownBy(() -> pipe.hostOutput().write(ascii("AT"))).hasMessage("parser bug");
        pipe.hostOutput().write(ascii("Z"));
        assertThat(modem.takeAll()).isEqualTo(ascii("ATZ"));
    }
}
