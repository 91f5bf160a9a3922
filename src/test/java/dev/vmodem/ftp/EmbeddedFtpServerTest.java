package dev.vmodem.ftp;

import static dev.vmodem.ftp.FtpTestSupport.readAll;
import static dev.vmodem.ftp.FtpTestSupport.writeAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.net.NetAccess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class EmbeddedFtpServerTest {

    @TempDir
    Path tmp;

    final FtpEngine engine = new FtpEngine(NetAccess.direct());

    FtpOptions.Builder to(EmbeddedFtpServer server) {
        return FtpOptions.builder(server.host()).port(server.port()).user("u").password("p");
    }

    // ------------------------------------------------------------------ life cycle

    @Test
    void portZeroIsReportedAfterStartAndStopFreesThePorts() throws Exception {
        EmbeddedFtpServer server = EmbeddedFtpServer.builder(tmp.resolve("new/root")).keystore(FtpTestSupport.KEYSTORE)
                .build();
        assertThat(server.port()).isZero();
        assertThat(server.isRunning()).isFalse();

        long t0 = System.nanoTime();
        server.start();
        Duration startTime = Duration.ofNanos(System.nanoTime() - t0);
        int port = server.port();
        int implicitPort = server.implicitTlsPort();
        assertThat(port).isPositive();
        assertThat(implicitPort).isPositive().isNotEqualTo(port);
        assertThat(tmp.resolve("new/root")).as("root created").isDirectory();
        assertThat(startTime).isLessThan(Duration.ofSeconds(3));

        t0 = System.nanoTime();
        server.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(server.isRunning()).isFalse();
        assertThat(server.port()).as("back to the configured port").isZero();
        for (int p : new int[] {port, implicitPort}) {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).as("port %d is free again", p).isEqualTo(p);
            }
        }
        server.stop(); // twice is fine

        server.start(); // and it starts again
        try (FtpSession s = engine.open(to(server).build())) {
            assertThat(readAll(s.list("/"))).isEmpty();
        } finally {
            server.stop();
        }
    }

    @Test
    void fixedPortsAndPlainOnly() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        try (EmbeddedFtpServer server = EmbeddedFtpServer.builder(tmp).port(free).tls(false).build().start()) {
            assertThat(server.port()).isEqualTo(free);
            assertThat(server.implicitTlsPort()).isEqualTo(-1);
            try (FtpSession s = engine.open(to(server).build())) {
                writeAll(s.store("/a.txt", PutMode.STOR), "x".getBytes(StandardCharsets.US_ASCII));
            }
            // a second server on the same port: a clear error, nothing left running
            EmbeddedFtpServer clash = EmbeddedFtpServer.builder(tmp).port(free).tls(false).build();
            try {
                clash.start();
                throw new AssertionError("two servers on port " + free);
            } catch (IOException expected) {
                assertThat(expected).hasMessageContaining(String.valueOf(free));
                assertThat(clash.isRunning()).isFalse();
            }
        }
    }

    @Test
    void keystoreIsMadeOnceAndReused() throws Exception {
        Path keystore = tmp.resolve("tls/ks.p12");
        EmbeddedFtpServer server = EmbeddedFtpServer.builder(tmp.resolve("root")).keystore(keystore).build();
        server.start();
        server.stop();
        assertThat(keystore).isRegularFile();
        byte[] first = Files.readAllBytes(keystore);
        server.start();
        try (FtpSession s = engine.open(to(server).security(FtpSecurity.EXPLICIT).build())) {
            assertThat(readAll(s.list("/"))).isEmpty();
        } finally {
            server.stop();
        }
        assertThat(Files.readAllBytes(keystore)).as("not made again").isEqualTo(first);
        try (var files = Files.list(keystore.getParent())) {
            assertThat(files).as("no temporary files left").containsExactly(keystore);
        }
    }

    @Test
    void samplesDoNotOverwriteExistingFiles() throws Exception {
        Files.writeString(tmp.resolve(EmbeddedFtpServer.SAMPLE_TEXT), "mine");
        try (EmbeddedFtpServer server = EmbeddedFtpServer.builder(tmp).seedSamples(true).tls(false).build().start()) {
            assertThat(Files.readString(tmp.resolve(EmbeddedFtpServer.SAMPLE_TEXT))).isEqualTo("mine");
            assertThat(Files.size(tmp.resolve(EmbeddedFtpServer.SAMPLE_BINARY))).isEqualTo(256);
            assertThat(server.acceptsAnyUser()).isTrue();
        }
    }

    @Test
    void harmlessMinaWarningsAreQuietedUnlessConfigured() throws Exception {
        try (EmbeddedFtpServer server = EmbeddedFtpServer.builder(tmp).tls(false).build().start()) {
            for (String name : new String[] {"org.apache.ftpserver.impl.PassivePorts",
                "org.apache.ftpserver.impl.DefaultFtpHandler"}) {
                ch.qos.logback.classic.Logger l =
                        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name);
                assertThat(l.getLevel()).as(name).isEqualTo(ch.qos.logback.classic.Level.ERROR);
            }
        }
    }

    // ------------------------------------------------------------------ users

    /** What the server says on the wire: 530 after USER for an unknown name, 530 after PASS for a wrong password. */
    @Test
    void accountsAnswerAsARealServer() throws Exception {
        try (EmbeddedFtpServer server = EmbeddedFtpServer.builder(tmp).tls(false)
                .account("sim.cs1", "right").build().start()) {
            assertThat(server.acceptsAnyUser()).isFalse();
            try (Dialogue d = new Dialogue(server.port())) {
                assertThat(d.reply()).startsWith("220 ");
                assertThat(d.send("USER nobody")).isEqualTo("530 Unknown user nobody.");
                assertThat(d.send("PASS right")).startsWith("503 ");
                assertThat(d.send("USER anonymous")).startsWith("530 ");
                assertThat(d.send("USER sim.cs1")).startsWith("331 ");
                assertThat(d.send("PASS wrong")).startsWith("530 ");
                assertThat(d.send("USER sim.cs1")).startsWith("331 ");
                assertThat(d.send("PASS right")).startsWith("230 ");
                assertThat(d.send("USER nobody")).as("once logged in, MINA's own USER answers").startsWith("530 ");
            }
        }
    }

    @Test
    void anyUserByDefaultOnTheWire() throws Exception {
        try (EmbeddedFtpServer server = EmbeddedFtpServer.builder(tmp).tls(false).build().start();
             Dialogue d = new Dialogue(server.port())) {
            d.reply();
            assertThat(d.send("USER anonymous")).startsWith("331 ");
            assertThat(d.send("PASS guest@example.com")).startsWith("230 ");
        }
    }

    // ------------------------------------------------------------------ confinement

    @Test
    void nothingOutsideTheRootIsServedOrWritten() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("inside.txt"), "inside");
        Files.createSymbolicLink(root.resolve("link-file"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("link-dir"), outside);
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("not-yet.txt"));
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("inside.txt"));

        try (EmbeddedFtpServer server = EmbeddedFtpServer.builder(root).tls(false).build().start();
             FtpSession s = engine.open(to(server).build())) {
            // reading
            for (String path : new String[] {"../outside/secret.txt", "/../outside/secret.txt",
                "../../outside/secret.txt", outside.resolve("secret.txt").toString(), "/link-file",
                "link-dir/secret.txt", "/link-dir/../link-dir/secret.txt", "~/../outside/secret.txt"}) {
                FtpException e = FtpErrorMappingTest.failure(() -> readAll(s.retrieve(path, 0)));
                assertThat(e.error()).as(path).isEqualTo(FtpError.DOWNLOAD_ERROR);
            }
            assertThat(FtpErrorMappingTest.failure(() -> s.size("/link-file")).error())
                    .isEqualTo(FtpError.OPERATE_ERROR);
            assertThat(FtpErrorMappingTest.failure(() -> s.modificationTime("/link-file")).error())
                    .isEqualTo(FtpError.OPERATE_ERROR);
            assertThat(FtpErrorMappingTest.failure(() -> readAll(s.list("/link-dir"))).error())
                    .isEqualTo(FtpError.DOWNLOAD_ERROR);
            String listing = new String(readAll(s.list("/")), StandardCharsets.ISO_8859_1);
            assertThat(listing).contains("inside.txt").contains("alias")
                    .doesNotContain("link-file").doesNotContain("link-dir").doesNotContain("dangling");

            // writing
            for (String path : new String[] {"/link-dir/new.txt", "/dangling", "/link-file"}) {
                FtpException e = FtpErrorMappingTest.failure(() -> writeAll(s.store(path, PutMode.STOR),
                        "evil".getBytes(StandardCharsets.US_ASCII)));
                assertThat(e.error()).as(path).isEqualTo(FtpError.UPLOAD_ERROR);
            }
            assertThat(FtpErrorMappingTest.failure(() -> s.makeDirectory("/link-dir/sub")).error())
                    .isEqualTo(FtpError.OPERATE_ERROR);
            assertThat(FtpErrorMappingTest.failure(() -> s.delete("/link-file")).error())
                    .isEqualTo(FtpError.OPERATE_ERROR);
            assertThat(FtpErrorMappingTest.failure(() -> s.rename("/inside.txt", "/link-dir/moved.txt")).error())
                    .isEqualTo(FtpError.OPERATE_ERROR);
            assertThat(FtpErrorMappingTest.failure(() -> s.rename("/link-file", "/stolen.txt")).error())
                    .isEqualTo(FtpError.OPERATE_ERROR);

            // ".." and absolute paths are resolved under the root by MINA: they land inside, or nowhere
            writeAll(s.store("../../escape.txt", PutMode.STOR), "x".getBytes(StandardCharsets.US_ASCII));
            FtpException abs = FtpErrorMappingTest.failure(() -> writeAll(
                    s.store(tmp.resolve("abs.txt").toString(), PutMode.STOR), "y".getBytes(StandardCharsets.US_ASCII)));
            assertThat(abs.error()).as("<root>/tmp/junit.../abs.txt has no parent directory")
                    .isEqualTo(FtpError.UPLOAD_ERROR);

            // a link that stays inside works
            assertThat(new String(readAll(s.retrieve("/alias", 0)), StandardCharsets.US_ASCII)).isEqualTo("inside");
            assertThat(s.state()).isEqualTo(FtpSession.State.READY);
        }

        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
        try (var files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("secret.txt"));
        }
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
        assertThat(root.resolve("escape.txt")).hasContent("x");
        assertThat(tmp.resolve("abs.txt")).doesNotExist();
        assertThat(root.resolve(tmp.toString().substring(1)).resolve("abs.txt")).doesNotExist();
        assertThat(root.resolve("inside.txt")).hasContent("inside");
        assertThat(Files.isSymbolicLink(root.resolve("link-file"))).isTrue();
    }

    @Test
    void cannotChangeIntoALinkThatLeadsOut() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("link-dir"), outside);
        ConfinedFileSystemFactory factory = new ConfinedFileSystemFactory(root.toRealPath());
        BaseUser user = new BaseUser();
        user.setName("u");
        user.setHomeDirectory(root.toRealPath().toString());
        FileSystemView view = factory.createFileSystemView(user);

        assertThat(view.changeWorkingDirectory("/link-dir")).isFalse();
        assertThat(view.changeWorkingDirectory("link-dir")).isFalse();
        assertThat(view.getFile("/link-dir").doesExist()).isFalse();
        assertThat(view.getFile("/link-dir").isWritable()).isFalse();
        assertThat(view.changeWorkingDirectory("/real")).isTrue();
        assertThat(view.getWorkingDirectory().getAbsolutePath()).isEqualTo("/real");
        assertThat(view.changeWorkingDirectory("../..")).as("clamped at the root").isTrue();
        assertThat(view.getWorkingDirectory().getAbsolutePath()).isEqualTo("/");
        assertThat(factory.isInside(outside)).isFalse();
        assertThat(factory.isInside(root.resolve("real/not/yet/there.txt"))).isTrue();
    }

    /** A raw control connection, to see the server's exact replies. */
    static final class Dialogue implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Dialogue(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String reply() throws IOException {
            String line = in.readLine();
            while (line != null && line.length() > 3 && line.charAt(3) == '-') {
                line = in.readLine(); // multi-line: the last line counts
            }
            return line;
        }

        String send(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
