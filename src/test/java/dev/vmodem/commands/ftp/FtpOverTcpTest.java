package dev.vmodem.commands.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.client.AtClient;
import dev.vmodem.config.Config;
import dev.vmodem.emulator.Emulator;
import dev.vmodem.serial.TcpLink;
import dev.vmodem.testing.TestBytes;
import dev.vmodem.trace.Transcript;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial client goes away in the middle of an FTP transfer and a new one connects: the whole emulator on a real
 * TCP port ({@link TcpLink}, as QEMU's {@code -serial tcp:} uses it), real time, the embedded FTP server.
 *
 * <p>What the modem writes while no client is connected waits for the next one ({@link TcpLink#HOLD_LIMIT}); what
 * the socket had accepted before the client left is gone with the connection. A host that left with a read
 * outstanding therefore cannot know whether its answer will come, and resynchronises: it sends a command whose
 * answer it can recognise, takes the outstanding answer if it arrives whole before that, and otherwise fetches the
 * rest of the file again from the byte count it has (AT+FTPREST). Either way it gets every byte once, in order.
 */
class FtpOverTcpTest {

    static final String OK = "\r\nOK\r\n";

    @TempDir
    Path dir;
    Emulator emulator;
    TcpLink link;
    Socket socket;
    AtClient at;
    Path root;

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(dir.resolve("ftp"));
        // data waiting unread is announced again every 300 ms: the modem writes while nobody is connected
        emulator = new Emulator(Config.defaults().with("modem.state.dir", dir.resolve("state").toString())
            .with("ftp.server.root", root.toString()).with("ftp.server.samples", "false")
            .with("modem.boot.interval.ms", "0").with("ftp.urc.repeat.ms", "300"),
            Emulator.Transport.tcp("127.0.0.1:0"), false, true);
        emulator.start();
        link = (TcpLink) emulator.link();
        emulator.virtualModem().awaitReady();
        connect();
        // the power-on codes, written before anyone connected, were held for the first client
        assertThat(at.command("ATE0")).startsWith("\r\nRDY\r\n").endsWith("ATE0\r\r\nOK\r\n");
        for (String c : new String[] {"AT+SAPBR=1,1", "AT+FTPCID=1", "AT+FTPSERV=\"ftp.example.com\"",
            "AT+FTPUN=\"anyone\"", "AT+FTPPW=\"secret\"", "AT+FTPGETPATH=\"/\"", "AT+FTPPUTPATH=\"/\"",
            "AT+FTPMODE=1"}) {
            assertThat(at.command(c)).isEqualTo(OK);
        }
    }

    @AfterEach
    void stop() throws Exception {
        at.close();
        socket.close();
        emulator.close();
    }

    private void connect() throws Exception {
        socket = new Socket(InetAddress.getLoopbackAddress(), link.port());
        at = new AtClient(socket.getInputStream(), socket.getOutputStream()).timeout(Duration.ofSeconds(30));
    }

    /** The host goes away (its program ends) and the modem notices. */
    private void disconnect() throws Exception {
        at.close();
        socket.close();
        await(() -> !link.hasClient(), "the link to notice the client left");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static byte[] fileWithEveryByteValue(int size) {
        byte[] file = TestBytes.file(size);
        boolean[] seen = new boolean[256];
        for (byte b : file) {
            seen[b & 0xFF] = true;
        }
        for (int v = 0; v < 256; v++) {
            assertThat(seen[v]).as("the test file holds byte value %d", v).isTrue();
        }
        return file;
    }

    private void startGet(String name) {
        assertThat(at.command("AT+FTPGETNAME=\"" + name + "\"")).isEqualTo(OK);
        assertThat(at.command("AT+FTPGET=1")).isEqualTo(OK);
        at.awaitLine(Pattern.compile("\\+FTPGET: 1,1"));
    }

    /** Reads on with AT+FTPGET=2,1460 (URCs in between are skipped) to the session's end; state 0 after. */
    private void readToTheEnd(ByteArrayOutputStream got, int size) {
        while (got.size() < size) {
            got.writeBytes(at.readBlock("AT+FTPGET=2,1460", "\r\n+FTPGET: 2,"));
        }
        at.awaitLine(Pattern.compile("\\+FTPGET: 1,0"));
        assertThat(at.command("AT+FTPSTATE")).endsWith("\r\n+FTPSTATE: 0\r\n" + OK);
    }

    /** The next transfer works: a PUT of every byte value, compared on the server. */
    private void nextTransferWorks() throws Exception {
        byte[] data = new byte[256];
        for (int i = 0; i < 256; i++) {
            data[i] = (byte) i;
        }
        startPut("after.bin");
        at.send("AT+FTPPUT=2,256\r");
        at.awaitLine(Pattern.compile("\\+FTPPUT: 2,256"));
        at.send(data);
        at.awaitFinal();
        at.awaitLine(Pattern.compile("\\+FTPPUT: 1,1,1360"));
        assertThat(at.command("AT+FTPPUT=2,0")).endsWith(OK);
        putEnded("after.bin", data);
    }

    /** AT+FTPPUT=1 for {@code name}, until the modem is ready for the first block. */
    private void startPut(String name) {
        assertThat(at.command("AT+FTPPUTNAME=\"" + name + "\"")).isEqualTo(OK);
        assertThat(at.command("AT+FTPPUT=1")).isEqualTo(OK);
        at.awaitLine(Pattern.compile("\\+FTPPUT: 1,1,1360"));
    }

    /** After AT+FTPPUT=2,0: the upload ends, the server holds exactly {@code expected}, the session is idle. */
    private void putEnded(String name, byte[] expected) throws Exception {
        at.awaitLine(Pattern.compile("\\+FTPPUT: 1,0"));
        assertThat(Files.readAllBytes(root.resolve(name))).isEqualTo(expected);
        assertThat(at.command("AT+FTPSTATE")).endsWith("\r\n+FTPSTATE: 0\r\n" + OK);
    }

    @Test
    void aHostThatDisconnectsBetweenReadsAndComesBackLosesNothing() throws Exception {
        int size = 1024 * 1024;
        byte[] file = fileWithEveryByteValue(size);
        Files.write(root.resolve("mid.bin"), file);
        startGet("mid.bin");
        ByteArrayOutputStream got = new ByteArrayOutputStream(size);
        for (int i = 0; i < 100; i++) {
            got.writeBytes(at.readBlock("AT+FTPGET=2,1460", "\r\n+FTPGET: 2,"));
        }

        disconnect();
        // the modem announces the unread data again while nobody is connected
        Transcript transcript = emulator.virtualModem().transcript();
        long since = transcript.entries().get(transcript.entries().size() - 1).seq();
        await(() -> transcript.entriesAfter(since).stream().anyMatch(e -> e.urcs().contains("+FTPGET: 1,1")),
            "+FTPGET: 1,1 written with no client connected");

        connect();
        // what the modem wrote meanwhile is the first thing the new host reads
        at.expect("\r\n+FTPGET: 1,1\r\n");
        readToTheEnd(got, size);
        assertThat(got.toByteArray()).isEqualTo(file);
        nextTransferWorks();
    }

    @Test
    void aHostThatDiesWithAReadOutstandingResynchronisesAndLosesNothing() throws Exception {
        int size = 512 * 1024;
        byte[] file = fileWithEveryByteValue(size);
        Files.write(root.resolve("out.bin"), file);
        startGet("out.bin");
        ByteArrayOutputStream got = new ByteArrayOutputStream(size);
        for (int i = 0; i < 50; i++) {
            got.writeBytes(at.readBlock("AT+FTPGET=2,1460", "\r\n+FTPGET: 2,"));
        }

        // the host asks for a block and dies before it has read the answer
        at.send("AT+FTPGET=2,1460\r");
        disconnect();
        connect();

        // resynchronise: everything before the answer to AT+FTPSTATE was written before this host connected
        String marker = "\r\n+FTPSTATE: 1\r\n" + OK;
        assertThat(indexOf(file, marker.getBytes(StandardCharsets.ISO_8859_1))).as("marker not in the data")
            .isNegative();
        at.send("AT+FTPSTATE\r");
        byte[] before = at.awaitMatch(Pattern.compile(Pattern.quote(marker)));
        byte[] held = Arrays.copyOf(before, before.length - marker.length());
        byte[] answer = wholeReadAnswer(held);
        if (answer != null) {
            // the answer waited for this host: take it and read on
            got.writeBytes(answer);
            readToTheEnd(got, size);
        } else {
            // the answer went down with the old connection: fetch the rest again from what is confirmed
            assertThat(at.command("AT+FTPQUIT")).isEqualTo(OK);
            at.awaitLine(Pattern.compile("\\+FTPGET: 1,\\d+"));
            assertThat(at.command("AT+FTPREST=" + got.size())).isEqualTo(OK);
            startGet("out.bin");
            readToTheEnd(got, size);
            assertThat(at.command("AT+FTPREST=0")).isEqualTo(OK);
        }
        assertThat(got.toByteArray()).isEqualTo(file);
        nextTransferWorks();
    }

    @Test
    void aHostThatDiesInTheMiddleOfAnUploadBlockResendsItAndTheServerGetsEveryByteOnce() throws Exception {
        byte[] file = fileWithEveryByteValue(20 * 1360);
        startPut("up.bin");
        int block = 0;
        for (; block < 5; block++) {
            putBlock(file, block);
        }

        // half of the next block, then the host is gone: the modem drops the partial block and answers ERROR,
        // which waits for the next host
        at.send("AT+FTPPUT=2,1360\r");
        at.awaitLine(Pattern.compile("\\+FTPPUT: 2,1360"));
        at.send(Arrays.copyOfRange(file, block * 1360, block * 1360 + 500));
        disconnect();
        connect();
        at.expect("\r\nERROR\r\n");

        // the block was not confirmed: send it again, whole, and the rest
        for (; block < 20; block++) {
            putBlock(file, block);
        }
        assertThat(at.command("AT+FTPPUT=2,0")).isEqualTo(OK);
        putEnded("up.bin", file);
    }

    @Test
    void aSecondClientInTheMiddleOfADownloadIsToldBusyAndTheTransferCarriesOn() throws Exception {
        int size = 256 * 1024;
        byte[] file = fileWithEveryByteValue(size);
        Files.write(root.resolve("busy.bin"), file);
        startGet("busy.bin");
        ByteArrayOutputStream got = new ByteArrayOutputStream(size);
        for (int i = 0; i < 20; i++) {
            got.writeBytes(at.readBlock("AT+FTPGET=2,1460", "\r\n+FTPGET: 2,"));
        }
        try (Socket second = new Socket(InetAddress.getLoopbackAddress(), link.port())) {
            second.setSoTimeout(20_000);
            assertThat(new String(second.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo(TcpLink.BUSY_MESSAGE);
        }
        readToTheEnd(got, size);
        assertThat(got.toByteArray()).isEqualTo(file);
    }

    /** One confirmed 1360-byte block of {@code file}: AT+FTPPUT=2,1360, the bytes, OK, +FTPPUT: 1,1,1360. */
    private void putBlock(byte[] file, int block) {
        at.send("AT+FTPPUT=2,1360\r");
        at.awaitLine(Pattern.compile("\\+FTPPUT: 2,1360"));
        at.send(Arrays.copyOfRange(file, block * 1360, block * 1360 + 1360));
        at.expect(OK);
        at.awaitLine(Pattern.compile("\\+FTPPUT: 1,1,1360"));
    }

    /**
     * The data of a whole {@code +FTPGET: 2,n} answer in what the new host received before its own command's
     * answer ({@code +FTPGET: 1,1} lines may come first), or null if no whole answer is there.
     */
    private static byte[] wholeReadAnswer(byte[] held) {
        String text = new String(held, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("^(?:\r\n\\+FTPGET: 1,1\r\n)*\r\n\\+FTPGET: 2,(\\d+)\r\n").matcher(text);
        if (!m.find()) {
            return null;
        }
        int n = Integer.parseInt(m.group(1));
        int end = m.end() + n;
        if (held.length < end + OK.length() || !text.startsWith(OK, end)) {
            return null;
        }
        return Arrays.copyOfRange(held, m.end(), end);
    }

    private static int indexOf(byte[] data, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= data.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
