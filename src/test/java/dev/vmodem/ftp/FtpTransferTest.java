package dev.vmodem.ftp;

import static dev.vmodem.ftp.FtpTestSupport.assertSameBytes;
import static dev.vmodem.testing.TestBytes.file;
import static dev.vmodem.ftp.FtpTestSupport.readAll;
import static dev.vmodem.ftp.FtpTestSupport.writeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmodem.net.NetAccess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine against the embedded server: bytes arrive exactly, and every command does what the AT layer needs. */
@Timeout(60)
class FtpTransferTest {

    @TempDir
    static Path root;

    static EmbeddedFtpServer server;
    static FtpEngine engine;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedFtpServer.builder(root).seedSamples(true).keystore(FtpTestSupport.KEYSTORE).build().start();
        engine = new FtpEngine(NetAccess.direct());
    }

    @AfterAll
    static void stop() {
        engine.close();
        server.stop();
    }

    static FtpOptions.Builder options() {
        return FtpOptions.builder("127.0.0.1").port(server.port()).user("modem").password("secret");
    }

    static FtpSession open(FtpOptions.Builder b) throws FtpException {
        return engine.open(b.build());
    }

    // ------------------------------------------------------------------ byte-exact transfers

    @ParameterizedTest(name = "download {0} bytes")
    @ValueSource(ints = {0, 1, 1459, 1460, 1461, 300 * 1024, 10 * 1024 * 1024})
    void downloadIsByteExact(int size) throws Exception {
        byte[] data = file(size, size);
        Files.write(root.resolve("down-" + size + ".bin"), data);
        try (FtpSession s = open(options())) {
            byte[] got = readAll(s.retrieve("/down-" + size + ".bin", 0));
            assertSameBytes(got, data);
            assertThat(s.state()).isEqualTo(FtpSession.State.READY);
        }
    }

    @ParameterizedTest(name = "upload {0} bytes")
    @ValueSource(ints = {0, 1, 1459, 1460, 1461, 300 * 1024, 10 * 1024 * 1024})
    void uploadIsByteExact(int size) throws Exception {
        byte[] data = file(size, -size);
        try (FtpSession s = open(options())) {
            FtpUpload u = s.store("/up-" + size + ".bin", PutMode.STOR);
            assertThat(writeAll(u, data)).isEqualTo("/up-" + size + ".bin");
            assertThat(u.bytesWritten()).isEqualTo(size);
        }
        assertSameBytes(Files.readAllBytes(root.resolve("up-" + size + ".bin")), data);
    }

    @ParameterizedTest(name = "active mode, {0} bytes")
    @ValueSource(ints = {0, 1461, 300 * 1024})
    void activeModeBothWays(int size) throws Exception {
        byte[] data = file(size, 77);
        try (FtpSession s = open(options().dataMode(DataMode.ACTIVE))) {
            writeAll(s.store("/active-" + size + ".bin", PutMode.STOR), data);
            assertSameBytes(readAll(s.retrieve("/active-" + size + ".bin", 0)), data);
            assertThat(new String(readAll(s.list("/")), StandardCharsets.ISO_8859_1))
                    .contains("active-" + size + ".bin");
        }
    }

    @Test
    void severalTransfersInOneSession() throws Exception {
        try (FtpSession s = open(options())) {
            for (int i = 0; i < 5; i++) {
                byte[] data = file(5000 + i, i);
                writeAll(s.store("/multi.bin", PutMode.STOR), data);
                assertSameBytes(readAll(s.retrieve("/multi.bin", 0)), data);
            }
        }
    }

    @Test
    void byteBufferAndStreamViews() throws Exception {
        byte[] data = file(70_000, 5);
        try (FtpSession s = open(options())) {
            FtpUpload u = s.store("/views.bin", PutMode.STOR);
            u.write(ByteBuffer.wrap(data, 0, 30_000));
            ByteBuffer direct = ByteBuffer.allocateDirect(40_000);
            direct.put(data, 30_000, 40_000).flip();
            u.write(direct);
            u.finish();

            FtpDownload d = s.retrieve("/views.bin", 0);
            ByteBuffer got = ByteBuffer.allocateDirect(70_001); // room left at the end, or read returns 0
            while (d.read(got) >= 0) {
                assertThat(got.position()).isLessThanOrEqualTo(70_000);
            }
            byte[] back = new byte[70_000];
            got.flip().get(back);
            assertSameBytes(back, data);

            try (var in = s.retrieve("/views.bin", 0).inputStream()) {
                assertSameBytes(in.readAllBytes(), data);
            }
            try (var out = s.store("/views2.bin", PutMode.STOR).outputStream()) {
                out.write(data);
            }
        }
        assertSameBytes(Files.readAllBytes(root.resolve("views2.bin")), data);
    }

    // ------------------------------------------------------------------ REST, APPE, STOU, TYPE A

    @Test
    void restResumesAtTheOffset() throws Exception {
        byte[] data = file(300 * 1024, 3);
        Files.write(root.resolve("rest.bin"), data);
        try (FtpSession s = open(options())) {
            FtpDownload d = s.retrieve("/rest.bin", 1000);
            byte[] got = readAll(d);
            assertSameBytes(got, java.util.Arrays.copyOfRange(data, 1000, data.length));
            assertThat(d.bytesRead()).isEqualTo(data.length - 1000);
            assertThat(readAll(s.retrieve("/rest.bin", data.length))).as("offset at the end: nothing").isEmpty();
            assertSameBytes(readAll(s.retrieve("/rest.bin", 0)), data);
        }
    }

    @Test
    void restInActiveMode() throws Exception {
        byte[] data = file(5000, 4);
        Files.write(root.resolve("rest-active.bin"), data);
        try (FtpSession s = open(options().dataMode(DataMode.ACTIVE))) {
            assertSameBytes(readAll(s.retrieve("/rest-active.bin", 20)),
                    java.util.Arrays.copyOfRange(data, 20, data.length));
        }
    }

    @Test
    void appeAppendsAndCreates() throws Exception {
        try (FtpSession s = open(options())) {
            writeAll(s.store("/appe.txt", PutMode.APPE), "first ".getBytes(StandardCharsets.US_ASCII));
            writeAll(s.store("/appe.txt", PutMode.APPE), "second".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(Files.readString(root.resolve("appe.txt"))).isEqualTo("first second");
    }

    @Test
    void stouPicksUniqueNames() throws Exception {
        String first;
        String second;
        try (FtpSession s = open(options())) {
            FtpUpload u1 = s.store("report.txt", PutMode.STOU);
            first = u1.remoteName();
            writeAll(u1, "one".getBytes(StandardCharsets.US_ASCII));
            FtpUpload u2 = s.store("report.txt", PutMode.STOU);
            second = writeAll(u2, "two".getBytes(StandardCharsets.US_ASCII));
            String third = writeAll(s.store(null, PutMode.STOU), "three".getBytes(StandardCharsets.US_ASCII));
            assertThat(third).isNotNull();
            assertThat(Files.readString(root.resolve(third.substring(1)))).isEqualTo("three");
        }
        assertThat(first).isEqualTo("/report.txt");
        assertThat(second).startsWith("/report.txt.").isNotEqualTo(first);
        assertThat(Files.readString(root.resolve(first.substring(1)))).isEqualTo("one");
        assertThat(Files.readString(root.resolve(second.substring(1)))).isEqualTo("two");
    }

    @Test
    void typeAStripsTheEighthBitOnUpload() throws Exception {
        // every byte value whose low 7 bits are not CR or LF (those the server translates, see below)
        java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        for (int v = 0; v < 256; v++) {
            int low = v & 0x7F;
            if (low != '\r' && low != '\n') {
                sent.write(v);
                expected.write(low);
            }
        }
        byte[] data = sent.toByteArray();
        try (FtpSession s = open(options().type(TransferType.ASCII))) {
            writeAll(s.store("/ascii.txt", PutMode.STOR), data);
            // the caller's array is not touched
            assertThat(data[data.length - 1]).isEqualTo((byte) 0xFF);
            // line ends: the server does its half of NVT-ASCII (CRLF in, local LF on disk)
            writeAll(s.store("/lines.txt", PutMode.STOR), "a\r\nb\r\n".getBytes(StandardCharsets.US_ASCII));
            // and on the way down LF becomes CRLF; the engine itself translates nothing
            assertThat(new String(readAll(s.retrieve("/lines.txt", 0)), StandardCharsets.US_ASCII))
                    .isEqualTo("a\r\nb\r\n");
            // downloads in type A keep the 8th bit: the manual only speaks of data sent to the server
            Files.write(root.resolve("high.bin"), new byte[] {(byte) 0xC3, (byte) 0xA9});
            assertThat(readAll(s.retrieve("/high.bin", 0))).containsExactly(0xC3, 0xA9);
        }
        assertThat(Files.readAllBytes(root.resolve("ascii.txt"))).isEqualTo(expected.toByteArray());
        assertThat(Files.readString(root.resolve("lines.txt"))).isEqualTo("a\nb\n");
    }

    // ------------------------------------------------------------------ simple commands

    @Test
    void deleteSizeMkdRmdRenameMdtm() throws Exception {
        byte[] data = file(307200, 9);
        Files.write(root.resolve("cmd.bin"), data);
        try (FtpSession s = open(options())) {
            assertThat(s.size("/cmd.bin")).isEqualTo(307200);

            String mdtm = s.modificationTime("/cmd.bin");
            String expected = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC)
                    .format(Files.getLastModifiedTime(root.resolve("cmd.bin")).toInstant());
            assertThat(mdtm).startsWith(expected);

            s.makeDirectory("/newdir");
            assertThat(root.resolve("newdir")).isDirectory();
            s.rename("/cmd.bin", "/newdir/moved.bin");
            assertThat(root.resolve("cmd.bin")).doesNotExist();
            assertSameBytes(Files.readAllBytes(root.resolve("newdir/moved.bin")), data);

            s.delete("/newdir/moved.bin");
            assertThat(root.resolve("newdir/moved.bin")).doesNotExist();
            s.removeDirectory("/newdir");
            assertThat(root.resolve("newdir")).doesNotExist();
            assertThat(s.state()).isEqualTo(FtpSession.State.READY);
        }
    }

    @Test
    void listOfDirectoryAndOfOneFile() throws Exception {
        Files.createDirectories(root.resolve("listing"));
        Files.write(root.resolve("listing/a.txt"), new byte[123]);
        Files.write(root.resolve("listing/b.txt"), new byte[4567]);
        try (FtpSession s = open(options())) {
            String dir = new String(readAll(s.list("/listing")), StandardCharsets.ISO_8859_1);
            assertThat(dir.split("\r\n")).hasSize(2);
            assertThat(dir).contains("a.txt").contains("b.txt").contains(" 4567 ");
            String one = new String(readAll(s.list("/listing/b.txt")), StandardCharsets.ISO_8859_1);
            assertThat(one.split("\r\n")).hasSize(1);
            assertThat(one).contains("b.txt").contains(" 4567 ").doesNotContain("a.txt");
            String cwd = new String(readAll(s.list(null)), StandardCharsets.ISO_8859_1);
            assertThat(cwd).contains("listing").contains(EmbeddedFtpServer.SAMPLE_TEXT);
        }
    }

    @Test
    void seededSamples() throws Exception {
        try (FtpSession s = open(options())) {
            byte[] text = readAll(s.retrieve("/" + EmbeddedFtpServer.SAMPLE_TEXT, 0));
            assertThat(text).hasSize(1024);
            assertThat(new String(text, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("012345678901");
            byte[] bin = readAll(s.retrieve("/" + EmbeddedFtpServer.SAMPLE_BINARY, 0));
            assertThat(bin).hasSize(256);
            for (int i = 0; i < 256; i++) {
                assertThat(bin[i] & 0xFF).isEqualTo(i);
            }
        }
    }

    // ------------------------------------------------------------------ FTPS

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FtpSecurity.class, names = {"IMPLICIT", "EXPLICIT"})
    void ftpsRoundTrip(FtpSecurity security) throws Exception {
        int port = security == FtpSecurity.IMPLICIT ? server.implicitTlsPort() : server.port();
        byte[] data = file(300 * 1024, security.ordinal());
        for (DataMode mode : DataMode.values()) {
            String name = "/tls-" + security + "-" + mode + ".bin";
            try (FtpSession s = open(options().port(port).security(security).dataMode(mode))) {
                writeAll(s.store(name, PutMode.STOR), data);
                assertSameBytes(readAll(s.retrieve(name, 0)), data);
                assertSameBytes(readAll(s.retrieve(name, 100)), java.util.Arrays.copyOfRange(data, 100, data.length));
                assertThat(s.size(name)).isEqualTo(data.length);
                assertThat(new String(readAll(s.list(name)), StandardCharsets.ISO_8859_1)).contains(name.substring(1));
                writeAll(s.store(name, PutMode.APPE), new byte[] {1, 2, 3});
                assertThat(s.size(name)).isEqualTo(data.length + 3);
                s.delete(name);
            }
        }
    }

    @Test
    void ftps10MegabytesExplicit() throws Exception {
        byte[] data = file(10 * 1024 * 1024, 10);
        try (FtpSession s = open(options().security(FtpSecurity.EXPLICIT))) {
            writeAll(s.store("/tls-big.bin", PutMode.STOR), data);
            assertSameBytes(readAll(s.retrieve("/tls-big.bin", 0)), data);
        }
    }

    // ------------------------------------------------------------------ states

    @Test
    void oneTransferAtATimeAndClosedMeansClosed() throws Exception {
        Files.write(root.resolve("busy.bin"), file(100_000, 1));
        FtpSession s = open(options());
        FtpDownload d = s.retrieve("/busy.bin", 0);
        assertThat(s.state()).isEqualTo(FtpSession.State.TRANSFER);
        assertThatThrownBy(() -> s.retrieve("/busy.bin", 0))
                .isInstanceOfSatisfying(FtpException.class, e -> {
                    assertThat(e.error()).isEqualTo(FtpError.OPERATION_NOT_ALLOWED);
                    assertThat(e).hasMessageContaining("state: TRANSFER");
                });
        assertThatThrownBy(() -> s.delete("/busy.bin")).isInstanceOfSatisfying(FtpException.class,
                e -> assertThat(e.error()).isEqualTo(FtpError.OPERATION_NOT_ALLOWED));
        d.read(new byte[10], 0, 10);
        d.close(); // cancels: the session goes on
        assertThat(s.state()).isEqualTo(FtpSession.State.READY);
        assertThat(s.size("/busy.bin")).isEqualTo(100_000);
        assertThatThrownBy(() -> d.read(new byte[10], 0, 10)).isInstanceOfSatisfying(FtpException.class,
                e -> assertThat(e.error()).isEqualTo(FtpError.OPERATION_NOT_ALLOWED));

        FtpUpload u = s.store("/cancelled.bin", PutMode.STOR);
        u.write(new byte[1000], 0, 1000);
        u.close(); // cancel
        assertThat(s.state()).isEqualTo(FtpSession.State.READY);

        assertThatThrownBy(s::connect).isInstanceOfSatisfying(FtpException.class,
                e -> assertThat(e.error()).isEqualTo(FtpError.OPERATION_NOT_ALLOWED));
        s.quit();
        assertThat(s.state()).isEqualTo(FtpSession.State.CLOSED);
        assertThatThrownBy(() -> s.size("/busy.bin")).isInstanceOfSatisfying(FtpException.class, e -> {
            assertThat(e.error()).isEqualTo(FtpError.OPERATION_NOT_ALLOWED);
            assertThat(e).hasMessageContaining("state: CLOSED");
        });
        s.quit(); // twice is fine
    }

    @Test
    void quitDuringATransferCancelsIt() throws Exception {
        Files.write(root.resolve("quit.bin"), file(2_000_000, 2));
        FtpSession s = open(options());
        FtpDownload d = s.retrieve("/quit.bin", 0);
        d.read(new byte[100], 0, 100);
        s.quit();
        assertThat(s.state()).isEqualTo(FtpSession.State.CLOSED);
    }
}
