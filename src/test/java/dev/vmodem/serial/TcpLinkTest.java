package dev.vmodem.serial;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vmodem.testing.TestBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static dev.vmodem.serial.RecordingReceiver.ATTACHED;
import static dev.vmodem.serial.RecordingReceiver.DETACHED;
import static dev.vmodem.serial.TestIo.TIMEOUT;
import static dev.vmodem.serial.TestIo.readExactly;
import static dev.vmodem.testing.TestBytes.allByteValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpLinkTest {

    private final RecordingReceiver modem = new RecordingReceiver();
    private TcpLink link = new TcpLink(0);

    @AfterEach
    void tearDown() {
        link.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), link.port());
        socket.setSoTimeout((int) TIMEOUT.toMillis()); // a read that hangs fails the test instead
        return socket;
    }

    @Test
    void theSpinTimeIsBounded() {
        TcpLink l = new TcpLink(0);
        assertThatThrownBy(() -> l.spin(java.time.Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("tcp spin time out of range");
        assertThatThrownBy(() -> l.spin(java.time.Duration.ofMillis(11)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(l.spin(java.time.Duration.ZERO)).isSameAs(l);
        assertThat(l.spin(java.time.Duration.ofMillis(10))).isSameAs(l);
        assertThat(l.inputsFoundWhileSpinning()).isZero();
    }

    @Test
    void everyByteValueCrossesUnchangedBothWays() throws Exception {
        link.open(modem);
        try (Socket host = connect()) {
            assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(ATTACHED);
            host.getOutputStream().write(allByteValues());
            assertThat(modem.take(256, TIMEOUT)).isEqualTo(allByteValues());

            link.write(allByteValues(), 0, 256);
            assertThat(readExactly(host.getInputStream(), 256)).isEqualTo(allByteValues());
        }
        assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(DETACHED);
    }

    @Test
    void aSecondClientIsToldWeAreBusyAndClosedWhileTheFirstCarriesOn() throws Exception {
        link.open(modem.echoingTo(link));
        try (Socket first = connect()) {
            assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(ATTACHED);
            try (Socket second = connect()) {
                InputStream in = second.getInputStream();
                byte[] busy = TcpLink.BUSY_MESSAGE.getBytes(StandardCharsets.US_ASCII);
                assertThat(new String(readExactly(in, busy.length), StandardCharsets.US_ASCII))
                        .isEqualTo("vmodem: busy, another client is connected\r\n");
                assertThat(in.read()).as("end of stream after the busy line").isEqualTo(-1);
            }
            roundTrip(first, "AT\r");
            assertThat(modem.pendingEvents()).isEqualTo("[]");
        }
        assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(DETACHED);
    }

    @Test
    void aClientMayDisconnectAndTheNextOneIsServed() throws Exception {
        link.open(modem.echoingTo(link));
        for (int round = 0; round < 3; round++) {
            try (Socket host = connect()) {
                assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(ATTACHED);
                roundTrip(host, "AT+ROUND=" + round + "\r");
            }
            assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(DETACHED);
        }
    }

    @Test
    void anImmediateReconnectIsNotRefused() throws Exception {
        link.open(modem.echoingTo(link));
        for (int round = 0; round < 20; round++) {
            // no waiting for hostDetached between connections, as QEMU's reconnect would not wait
            try (Socket host = connect()) {
                roundTrip(host, "AT" + round + "\r");
            }
        }
    }

    @Test
    void bytesWrittenWithNoClientAreHeldForTheNextClient() throws Exception {
        link.open(modem);
        link.write("RDY\r\n".getBytes(StandardCharsets.US_ASCII), 0, 5);
        try (Socket host = connect()) {
            assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(ATTACHED);
            link.write(new byte[] {'x'}, 0, 1);
            assertThat(new String(readExactly(host.getInputStream(), 6), StandardCharsets.US_ASCII))
                    .isEqualTo("RDY\r\nx");
        }
        assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(DETACHED);
        // between two clients, as when a host restarts: the next one reads what it missed first, in order
        link.write("\r\n+FTPGET: 1,".getBytes(StandardCharsets.US_ASCII), 0, 13);
        link.write("0\r\n".getBytes(StandardCharsets.US_ASCII), 0, 3);
        try (Socket host = connect()) {
            assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(ATTACHED);
            assertThat(new String(readExactly(host.getInputStream(), 16), StandardCharsets.US_ASCII))
                    .isEqualTo("\r\n+FTPGET: 1,0\r\n");
            link.write(new byte[] {'y'}, 0, 1);
            assertThat(readExactly(host.getInputStream(), 1)).containsExactly('y');
        }
    }

    @Test
    void heldOutputIsBoundedAndWhatDidNotFitIsDiscardedAndLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(TcpLink.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            link.open(modem);
            byte[] data = TestBytes.random(TcpLink.HOLD_LIMIT + 1000, 5);
            link.write(data, 0, 600);
            link.write(data, 600, data.length - 600);
            try (Socket host = connect()) {
                assertThat(readExactly(host.getInputStream(), TcpLink.HOLD_LIMIT))
                        .isEqualTo(java.util.Arrays.copyOf(data, TcpLink.HOLD_LIMIT));
                link.write(new byte[] {'x'}, 0, 1);
                assertThat(readExactly(host.getInputStream(), 1)).as("the 1000 bytes beyond the limit are gone")
                        .containsExactly('x');
            }
            java.util.List<ILoggingEvent> events;
            synchronized (appender) { // the I/O thread may be logging the disconnect right now
                events = new java.util.ArrayList<>(appender.list);
            }
            assertThat(events).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("1000 bytes of output were discarded");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void largeTransfersArriveIntactWhenWritesMustWaitForTheClient() throws Exception {
        link.open(modem.echoingTo(link)); // echoing from the I/O thread itself
        byte[] data = TestBytes.random(4 << 20, 3);
        try (Socket host = connect()) {
            OutputStream out = host.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(data);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            assertThat(readExactly(host.getInputStream(), data.length, java.time.Duration.ofSeconds(20)))
                    .isEqualTo(data);
            writer.join();
        }
    }

    @Test
    void aClientThatGoesAwayInTheMiddleOfAWriteReleasesTheWriter() throws Exception {
        link.open(modem);
        Socket host = connect();
        assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(ATTACHED);
        // 64 MiB cannot fit in the socket buffers: with a client that does not read, the write blocks
        byte[] data = new byte[64 << 20];
        java.util.concurrent.CompletableFuture<Void> written = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                link.write(data, 0, data.length);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        readExactly(host.getInputStream(), 1); // the write has started
        host.close();
        written.get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(DETACHED);
    }

    @Test
    void closeStopsListeningAndDisconnectsTheClient() throws Exception {
        link.open(modem);
        int port = link.port();
        Socket host = connect();
        assertThat(modem.awaitEvent(TIMEOUT)).isEqualTo(ATTACHED);

        link.close();

        assertThat(host.getInputStream().read()).isEqualTo(-1);
        host.close();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> link.write(new byte[1], 0, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("not open");
        link.close();
    }

    @Test
    void bindingANonLoopbackAddressWarns() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(TcpLink.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            link = TcpLink.parse("0.0.0.0:0");
            link.open(modem);
            assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("0.0.0.0:" + link.port()).contains("not a loopback");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void theDefaultHostIsLoopback() throws Exception {
        link.open(modem);
        assertThat(link.bindAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(link.description()).isEqualTo("tcp 127.0.0.1:" + link.port());
    }

    @Test
    void addressesParse() {
        assertThat(TcpLink.parseAddress("5555")).isEqualTo(new InetSocketAddress("127.0.0.1", 5555));
        assertThat(TcpLink.parseAddress("0")).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
        assertThat(TcpLink.parseAddress("0.0.0.0:23")).isEqualTo(new InetSocketAddress("0.0.0.0", 23));
        assertThat(TcpLink.parseAddress("[::1]:7000").getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(TcpLink.parseAddress("localhost:65535").getPort()).isEqualTo(65535);
    }

    @Test
    void badAddressesAreRejectedWithTheInput() {
        for (String bad : new String[] {"", "abc", "70000", "-1", "1.2.3.4:", ":5000", "::1:5000", "[::1]5000",
                "[::1", "no-such-host.invalid:5000"}) {
            assertThatThrownBy(() -> TcpLink.parseAddress(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void thePortIsUnknownBeforeOpen() {
        assertThatThrownBy(() -> link.port()).isInstanceOf(IllegalStateException.class).hasMessageContaining("NEW");
    }

    private void roundTrip(Socket host, String line) throws Exception {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        host.getOutputStream().write(bytes);
        assertThat(new String(readExactly(host.getInputStream(), bytes.length), StandardCharsets.US_ASCII))
                .isEqualTo(line);
    }
}
