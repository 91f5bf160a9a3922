package dev.vmodem.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.net.NetAccess;
import dev.vmodem.testing.TestBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control connection is watched while an upload's data flows: a server that goes away is seen at once, not at
 * the next write or at {@link FtpUpload#finish()}, and what was written before is still delivered.
 */
@Timeout(60)
class FtpUploadControlWatchTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    final FtpEngine engine = new FtpEngine(NetAccess.direct());
    EmbeddedFtpServer server;

    @AfterEach
    void tearDown() {
        engine.close();
        if (server != null) {
            server.close();
        }
    }

    private FtpSession open() throws Exception {
        server = EmbeddedFtpServer.builder(root).port(0).seedSamples(false).tls(false).build().start();
        return engine.open(FtpOptions.builder("127.0.0.1").port(server.port()).user("modem").password("secret")
                .timeouts(Duration.ofSeconds(10)).build());
    }

    @Test
    void aServerThatStopsMidUploadIsSeenWithoutAnotherWriteAndKeepsWhatWasWritten() throws Exception {
        FtpSession s = open();
        FtpUpload u = s.store("/up.bin", PutMode.STOR);
        byte[] data = TestBytes.file(3 * 1360, 7);
        u.write(data, 0, data.length);
        CountDownLatch told = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        u.onServerEnd(() -> {
            calls.incrementAndGet();
            told.countDown();
        });
        u.checkServer(); // nothing has happened yet

        server.stop(); // closes the control connection; MINA lets the data connection drain

        assertThat(told.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("told of the closed control connection")
                .isTrue();
        FtpException e = null;
        try {
            u.checkServer();
        } catch (FtpException x) {
            e = x;
        }
        assertThat(e).as("checkServer fails").isNotNull();
        assertThat(e.error()).isEqualTo(FtpError.SERVER_ERROR);
        assertThat(e.error().code()).isEqualTo(65);
        assertThat(s.state()).isEqualTo(FtpSession.State.CLOSED);
        assertThat(calls.get()).isEqualTo(1);
        u.close();
        s.quit();
        // the bytes written before the server stopped reach its file once the closed session ends the data
        Path file = root.resolve("up.bin");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(Files.exists(file) && Files.size(file) >= data.length) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(Arrays.copyOf(data, data.length));
    }
}
