package dev.vmodem.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.net.NetAccess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * AT+FTPQUIT: {@link FtpSession#abort()} from another thread unblocks whatever the session's thread is blocked in.
 * No sleeping: the test waits until the owner thread is really parked in a socket call (its stack says so), then
 * aborts, then expects the owner to fail with manual quit at once, long before any timeout.
 */
@Timeout(30)
class FtpAbortTest {

    static final Duration LONG = Duration.ofSeconds(60); // far longer than the test may take

    final FtpEngine engine = new FtpEngine(NetAccess.direct());
    ScriptedFtpServer scripted;

    @AfterEach
    void tearDown() {
        engine.close();
        if (scripted != null) {
            scripted.close();
        }
    }

    FtpOptions.Builder scripted() throws Exception {
        scripted = new ScriptedFtpServer();
        return FtpOptions.builder("127.0.0.1").port(scripted.port()).timeouts(LONG);
    }

    @Test
    void abortUnblocksABlockedRead() throws Exception {
        FtpOptions o = scripted().build();
        scripted.retrAction = ScriptedFtpServer.DataAction.HOLD;
        FtpSession s = engine.open(o);
        FtpDownload d = s.retrieve("/x", 0);
        FtpException e = abortWhileBlocked(s, () -> d.read(new byte[1460], 0, 1460));
        assertThat(e.error()).isEqualTo(FtpError.MANUAL_QUIT);
        assertThat(e.error().code(FtpError.MANUAL_QUIT_SIM800)).isEqualTo(86);
        assertThat(s.state()).isEqualTo(FtpSession.State.CLOSED);
        assertThat(s.isAborted()).isTrue();
        // and from now on everything says manual quit
        assertThat(catchFtp(() -> d.read(new byte[1], 0, 1)).error()).isEqualTo(FtpError.MANUAL_QUIT);
        assertThat(catchFtp(() -> s.size("/x")).error()).isEqualTo(FtpError.MANUAL_QUIT);
        s.quit();
    }

    @Test
    void abortUnblocksABlockedWrite() throws Exception {
        FtpOptions o = scripted().build();
        scripted.storRead = false;
        FtpSession s = engine.open(o);
        FtpUpload u = s.store("/x", PutMode.STOR);
        byte[] block = new byte[1460];
        FtpException e = abortWhileBlocked(s, () -> {
            for (long sent = 0; sent < 1L << 30; sent += block.length) {
                u.write(block, 0, block.length);
            }
        }, u::bytesWritten);
        assertThat(e.error()).isEqualTo(FtpError.MANUAL_QUIT);
        assertThat(u.bytesWritten()).isPositive();
    }

    @Test
    void abortUnblocksAConnectWaitingForTheGreeting() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            FtpSession s = engine.newSession(FtpOptions.builder("127.0.0.1").port(silent.getLocalPort())
                    .timeouts(LONG).build());
            FtpException e = abortWhileBlocked(s, s::connect);
            assertThat(e.error()).isEqualTo(FtpError.MANUAL_QUIT);
        }
    }

    @Test
    void abortUnblocksAWaitForAReply() throws Exception {
        FtpOptions o = scripted().build();
        scripted.replies.put("DELE", "SILENT");
        FtpSession s = engine.open(o);
        FtpException e = abortWhileBlocked(s, () -> s.delete("/x"));
        assertThat(e.error()).isEqualTo(FtpError.MANUAL_QUIT);
    }

    @Test
    void abortBeforeConnectAndWhenIdle() throws Exception {
        FtpOptions o = scripted().build();
        FtpSession early = engine.newSession(o);
        early.abort();
        assertThat(catchFtp(early::connect).error()).isEqualTo(FtpError.MANUAL_QUIT);

        FtpSession idle = engine.open(o);
        idle.abort();
        idle.abort(); // twice is fine
        assertThat(catchFtp(() -> idle.retrieve("/x", 0)).error()).isEqualTo(FtpError.MANUAL_QUIT);
        assertThat(idle.state()).isEqualTo(FtpSession.State.CLOSED);
    }

    interface Blocking {
        void run() throws Exception;
    }

    static FtpException abortWhileBlocked(FtpSession session, Blocking call) throws Exception {
        return abortWhileBlocked(session, call, () -> 0L);
    }

    /**
     * Runs {@code call} on its own thread, waits until that thread is blocked in a socket (seen there on many
     * consecutive looks, with {@code progress} standing still), aborts, and returns the error the call ended with.
     */
    static FtpException abortWhileBlocked(FtpSession session, Blocking call, java.util.function.LongSupplier progress)
            throws Exception {
        AtomicReference<Thread> owner = new AtomicReference<>();
        CompletableFuture<FtpException> result = CompletableFuture.supplyAsync(() -> {
            owner.set(Thread.currentThread());
            try {
                call.run();
                return null;
            } catch (FtpException e) {
                return e;
            } catch (Exception e) {
                throw new AssertionError("not an FtpException", e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int stable = 0;
        long last = -1;
        while (stable < 200) {
            assertThat(result.isDone()).as("the call returned before blocking: " + result.getNow(null)).isFalse();
            if (System.nanoTime() > deadline) {
                Thread t = owner.get();
                throw new AssertionError("the owner thread never blocked in a socket: "
                        + (t == null ? "not started" : java.util.Arrays.toString(t.getStackTrace())));
            }
            long now = progress.getAsLong();
            boolean blocked = owner.get() != null && blockedInSocket(owner.get());
            stable = blocked && now == last ? stable + 1 : 0;
            last = now;
            Thread.onSpinWait();
        }
        long t0 = System.nanoTime();
        session.abort();
        FtpException e;
        try {
            e = result.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            throw new AssertionError(ex.getCause());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(e).as("the blocked call must fail").isNotNull();
        return e;
    }

    /**
     * Where JDK 13+ sockets block: NioSocketImpl.park for reads, accepts and connects with a timeout; a native
     * read0/write0 (FileDispatcherImpl) for sockets in blocking mode, such as a write on a socket that never had
     * a timed read.
     */
    static boolean blockedInSocket(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            String m = f.getMethodName();
            if (c.equals("sun.nio.ch.NioSocketImpl") && m.equals("park")
                    || c.startsWith("sun.nio.ch.") && (m.equals("read0") || m.equals("write0"))) {
                return true;
            }
        }
        return false;
    }

    static FtpException catchFtp(Blocking call) {
        try {
            call.run();
        } catch (FtpException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("not an FtpException", e);
        }
        throw new AssertionError("no exception");
    }
}
