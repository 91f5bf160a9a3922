package dev.vmodem.net;

import dev.vmodem.time.VirtualScheduler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Shared test helpers: driving virtual time while a worker does real I/O, and a loopback peer. */
final class TestSupport {

    /** Real-time limit for anything a test waits on, so a bug fails the test instead of hanging the build. */
    static final long REAL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    private TestSupport() {
    }

    /**
     * Runs {@code work} on a worker thread and advances {@code time} in {@code step}s, but only while a task is
     * pending (the socket's wake-up while it waits on the link model). While the worker does real I/O no task is
     * pending and the clock stands still, so virtual elapsed time is the model's time, overshooting each wait by
     * less than one step.
     */
    static <T> T drive(VirtualScheduler time, Duration step, Callable<T> work) throws Exception {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<T> f = ex.submit(work);
            long limit = System.nanoTime() + REAL_LIMIT_NANOS;
            while (!f.isDone()) {
                if (System.nanoTime() > limit) {
                    throw new AssertionError("worker did not finish; virtual time " + time.elapsed());
                }
                if (time.pendingTasks() > 0) {
                    time.advance(step);
                } else {
                    Thread.yield();
                }
            }
            return f.get();
        } finally {
            ex.shutdownNow();
        }
    }

    static <T> T drive(VirtualScheduler time, Callable<T> work) throws Exception {
        return drive(time, Duration.ofMillis(1), work);
    }

    /** Spins (yielding) until {@code condition} holds, failing after the real-time limit. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        long limit = System.nanoTime() + REAL_LIMIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > limit) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.yield();
        }
    }

    /** A thread is parked in a wait (the link model's or a stall's), not running or in socket I/O. */
    static void awaitWaiting(Thread t) {
        awaitTrue(t.getName() + " waiting", () -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING);
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** An unshaped peer on loopback: the "real server" on the far side of the simulated network. */
    static final class Peer implements AutoCloseable {
        final ServerSocket server;
        final ExecutorService pool = Executors.newCachedThreadPool();

        Peer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }

        InetSocketAddress address() {
            return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
        }

        /** Accepts one connection and runs {@code handler} on it, then closes it. */
        <T> Future<T> serve(IoFunction<T> handler) {
            return pool.submit(() -> {
                try (Socket s = server.accept()) {
                    return handler.apply(s);
                }
            });
        }

        /** Accepts one connection, sends {@code data}, closes. */
        Future<Void> send(byte[] data) {
            return serve(s -> {
                s.getOutputStream().write(data);
                s.getOutputStream().flush();
                return null;
            });
        }

        /** Accepts one connection and reads it until EOF (or reset, which ends the count). */
        Future<byte[]> receive() {
            return serve(s -> TestSupport.readAll(s.getInputStream()));
        }

        @Override
        public void close() throws IOException {
            pool.shutdownNow();
            server.close();
        }
    }

    interface IoFunction<T> {
        T apply(Socket s) throws Exception;
    }
}
