package dev.vmodem.serial;

import com.fazecast.jSerialComm.SerialPort;
import dev.vmodem.testing.TestBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static dev.vmodem.serial.TestIo.TIMEOUT;
import static dev.vmodem.serial.TestIo.readExactly;
import static dev.vmodem.serial.TestIo.readThrough;
import static dev.vmodem.testing.TestBytes.allByteValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EnabledOnOs({OS.LINUX, OS.MAC})
class PtyLinkTest {

    @TempDir
    Path dir;

    private Path path;
    private PtyLink link;
    private final RecordingReceiver modem = new RecordingReceiver();

    @BeforeEach
    void setUp() {
        path = dir.resolve("ttyVMODEM0");
        link = new PtyLink(path);
    }

    @AfterEach
    void tearDown() {
        link.close();
    }

    @Test
    void everyByteValueCrossesUnchangedBothWays() throws Exception {
        link.open(modem);
        try (FileInputStream in = new FileInputStream(path.toFile());
             FileOutputStream out = new FileOutputStream(path.toFile())) {
            // host to modem: no CR/LF translation, no XON/XOFF, no ^C/^Z/^D handling, no parity stripping
            out.write(allByteValues());
            assertThat(modem.take(256, TIMEOUT)).isEqualTo(allByteValues());

            // modem to host: no output processing (ONLCR) on the way back either
            link.write(allByteValues(), 0, 256);
            assertThat(readExactly(in, 256)).isEqualTo(allByteValues());

            // had the tty echoed the host's 256 bytes, they would arrive before this marker
            link.write(new byte[] {'Z'}, 0, 1);
            assertThat(readExactly(in, 1)).containsExactly('Z');
            assertThat(modem.takeAll()).isEmpty();
        }
    }

    @Test
    void aRoundTripThroughAnEchoingModem() throws Exception {
        link.open(modem.echoingTo(link));
        try (FileInputStream in = new FileInputStream(path.toFile());
             FileOutputStream out = new FileOutputStream(path.toFile())) {
            out.write("AT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(readExactly(in, 4), StandardCharsets.US_ASCII)).isEqualTo("AT\r\n");
        }
    }

    /**
     * A host in a tight command loop: with a spin time the reader finds its next bytes without sleeping (on Linux,
     * where it can count them); with none it never does. Either way every exchange is byte-exact. How many are found
     * depends on how busy the machine is, so the loop goes on until 100 have been found (it takes a little over 100
     * exchanges on an idle machine) or 20,000 exchanges have been made.
     */
    @Test
    void aQuickHostIsLookedForOnlyWithASpinTime() throws Exception {
        boolean counts = System.getProperty("os.name").startsWith("Linux");
        for (Duration spin : new Duration[] {Duration.ZERO, Duration.ofMillis(10)}) {
            Path p = dir.resolve("tty-spin-" + spin.toMillis());
            PtyLink l = new PtyLink(p).spin(spin);
            RecordingReceiver echo = new RecordingReceiver();
            l.open(echo.echoingTo(l));
            int exchanges = spin.isZero() || !counts ? 500 : 20_000;
            try (FileInputStream in = new FileInputStream(p.toFile());
                 FileOutputStream out = new FileOutputStream(p.toFile())) {
                for (int i = 0; i < exchanges && (spin.isZero() || l.inputsFoundWhileSpinning() < 100); i++) {
                    byte[] line = ("AT+N=" + i + "\r").getBytes(StandardCharsets.US_ASCII);
                    out.write(line);
                    assertThat(readExactly(in, line.length)).isEqualTo(line);
                }
            } finally {
                l.close();
            }
            if (spin.isZero()) {
                assertThat(l.inputsFoundWhileSpinning()).isZero();
            } else if (counts) {
                assertThat(l.inputsFoundWhileSpinning()).isGreaterThanOrEqualTo(100);
            }
        }
    }

    @Test
    void theSpinTimeIsBounded() {
        assertThatThrownBy(() -> link.spin(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> link.spin(Duration.ofMillis(11))).isInstanceOf(IllegalArgumentException.class);
        assertThat(link.spin(Duration.ZERO)).isSameAs(link);
        assertThat(link.spin(Duration.ofMillis(10))).isSameAs(link);
        assertThat(PtyLink.DEFAULT_SPIN).isEqualTo(Duration.ofNanos(200_000));
    }

    @Test
    void clientsMayCloseAndReopenThePathRepeatedly() throws Exception {
        link.open(modem.echoingTo(link));
        for (int round = 0; round < 10; round++) {
            byte[] line = ("AT+ROUND=" + round + "\r").getBytes(StandardCharsets.US_ASCII);
            try (FileInputStream in = new FileInputStream(path.toFile());
                 FileOutputStream out = new FileOutputStream(path.toFile())) {
                out.write(line);
                assertThat(readExactly(in, line.length)).as("round %d", round).isEqualTo(line);
            }
        }
        assertThat(modem.take(0, TIMEOUT)).isEmpty();
    }

    @Test
    void largeTransfersArriveIntactWhileBothSidesAreBusy() throws Exception {
        link.open(modem.echoingTo(link));
        byte[] data = TestBytes.random(1 << 20, 42);
        try (FileInputStream in = new FileInputStream(path.toFile());
             FileOutputStream out = new FileOutputStream(path.toFile())) {
            Thread writer = new Thread(() -> {
                try {
                    out.write(data);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            assertThat(readExactly(in, data.length, Duration.ofSeconds(20))).isEqualTo(data);
            writer.join();
        }
        assertThat(modem.take(data.length, TIMEOUT)).isEqualTo(data);
    }

    @Test
    void jSerialCommCanOpenTheSymlink() throws Exception {
        link.open(modem.echoingTo(link));
        SerialPort port = SerialPort.getCommPort(path.toString());
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING, (int) TIMEOUT.toMillis(), 0);
        assertThat(port.openPort()).as("jSerialComm opens %s, error %d", path, port.getLastErrorCode()).isTrue();
        try {
            byte[] sent = allByteValues();
            assertThat(port.writeBytes(sent, sent.length)).isEqualTo(sent.length);
            byte[] back = new byte[256];
            assertThat(port.readBytes(back, back.length)).isEqualTo(256);
            assertThat(back).isEqualTo(sent);
        } finally {
            port.closePort();
        }
    }

    @Test
    void closeRemovesTheSymlinkAndStopsTheReader() throws Exception {
        link.open(modem);
        Path slave = link.slavePath();
        String readerName = "vmodem-pty " + slave;
        assertThat(threadNamed(readerName)).isNotNull();

        link.close();

        assertThat(Files.exists(path, LinkOption.NOFOLLOW_LINKS)).isFalse();
        Thread reader = threadNamed(readerName);
        if (reader != null) {
            reader.join(TIMEOUT.toMillis());
            assertThat(reader.isAlive()).as("reader thread ended").isFalse();
        }
        assertThatThrownBy(() -> link.write(new byte[1], 0, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining(path.toString());
        link.close(); // idempotent
    }

    @Test
    void closeLeavesASymlinkThatNoLongerPointsAtUs() throws Exception {
        link.open(modem);
        Files.delete(path);
        Files.createSymbolicLink(path, Path.of("/dev/null"));
        link.close();
        assertThat(Files.readSymbolicLink(path)).isEqualTo(Path.of("/dev/null"));
    }

    @Test
    void aStaleSymlinkIsReplaced() throws Exception {
        Files.createSymbolicLink(path, dir.resolve("gone"));
        link.open(modem);
        assertThat(Files.readSymbolicLink(path)).isEqualTo(link.slavePath());
        assertThat(link.slavePath().toString()).startsWith("/dev/");
    }

    @Test
    void aRegularFileAtThePathIsNotReplaced() throws Exception {
        Files.writeString(path, "keep me");
        assertThatThrownBy(() -> link.open(modem)).isInstanceOf(IOException.class)
                .hasMessageContaining(path.toString()).hasMessageContaining("regular file");
        assertThat(Files.readString(path)).isEqualTo("keep me");
    }

    @Test
    void aDirectoryAtThePathIsNotReplaced() throws Exception {
        Files.createDirectory(path);
        assertThatThrownBy(() -> link.open(modem)).isInstanceOf(IOException.class)
                .hasMessageContaining(path.toString()).hasMessageContaining("directory");
        assertThat(Files.isDirectory(path)).isTrue();
    }

    @Test
    void descriptionNamesTheSymlinkAndTheDevice() throws Exception {
        assertThat(link.description()).isEqualTo("pty " + path + " (not open)");
        link.open(modem);
        assertThat(link.description()).isEqualTo("pty " + path + " (" + link.slavePath() + ")");
    }

    @Test
    void writesDoNotBlockForeverWhenNobodyReads() throws Exception {
        link = new PtyLink(path, Duration.ofMillis(50));
        link.open(modem);
        // far more than the kernel buffers, ending with a marker; one write, so that the output the link keeps when it
        // stops waiting is the newest part of it, whatever the buffers' sizes (a marker written on its own could
        // find them full and be kept alone)
        byte[] marker = "<END>".getBytes(StandardCharsets.US_ASCII);
        byte[] data = TestBytes.random(256 * 1024, 7);
        byte[] all = Arrays.copyOf(data, data.length + marker.length);
        System.arraycopy(marker, 0, all, data.length, marker.length);
        link.write(all, 0, all.length);

        // What is left in the pty is the newest output, contiguous, and it reaches the next client intact.
        try (FileInputStream in = new FileInputStream(path.toFile())) {
            byte[] left = readThrough(in, marker, TIMEOUT);
            assertThat(left.length).as("bytes left of %d", all.length).isGreaterThan(marker.length)
                .isLessThan(data.length);
            assertThat(left).isEqualTo(Arrays.copyOfRange(all, all.length - left.length, all.length));
        }
    }

    @Test
    void aFailingReceiverDoesNotStopTheReader() throws Exception {
        modem.failNextWith(new IllegalStateException("boom"));
        link.open(modem);
        try (FileOutputStream out = new FileOutputStream(path.toFile())) {
            out.write('a');
            assertThat(modem.take(1, TIMEOUT)).containsExactly('a');
            out.write('b');
            assertThat(modem.take(1, TIMEOUT)).containsExactly('b');
        }
    }

    @Test
    void openTwiceIsRefused() throws Exception {
        link.open(modem);
        assertThatThrownBy(() -> link.open(modem)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OPEN");
    }

    private static Thread threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElse(null);
    }
}
