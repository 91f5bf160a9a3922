package dev.vmodem.commands.ftp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that do blocking FTP I/O for every modem in the JVM: daemon threads, made when needed and dropped
 * after a minute idle. Never the engine's lock, never the scheduler's thread: those only post results back through
 * the command context.
 */
public final class FtpWorkers {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ftp-worker-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private FtpWorkers() {
    }

    static void run(Runnable task) {
        RUNNING.incrementAndGet();
        POOL.execute(() -> {
            try {
                task.run();
            } finally {
                RUNNING.decrementAndGet();
            }
        });
    }

    /** How many FTP operations are doing I/O now, in every modem of the JVM (tests wait for it to drop to 0). */
    public static int running() {
        return RUNNING.get();
    }
}
