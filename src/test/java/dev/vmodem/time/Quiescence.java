package dev.vmodem.time;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whether every thread of this process except the caller is blocked, read from the kernel's view of the threads
 * (Linux {@code /proc/self/task}): for a test that drives a {@link VirtualScheduler} and must advance the clock only
 * when nothing but the clock can move things on.
 *
 * <p>Java's own {@link Thread#getState()} cannot tell this: a thread that was just signalled (a condition, a
 * monitor, an unpark, bytes on a socket) reports WAITING until it gets a CPU, which on a loaded machine may take
 * milliseconds, and a clock advanced meanwhile makes that thread's next step late. The kernel marks such a thread
 * runnable at the moment it is woken. So: two passes over the threads; the process is at rest when every thread is
 * sleeping in both passes and none ran or queued for a CPU in between (its scheduler statistics did not change).
 * Every thread was then blocked for the whole time between the passes, so none could have woken another.
 *
 * <p>The JVM's own threads count too: a Java thread can wait for a lock inside the VM that a compiler or the VM
 * thread holds, and is then woken by that thread, not by another Java thread. While the JIT compiles, the check
 * keeps saying no; that only makes a driver wait. What happens outside the process (a byte still inside the kernel's
 * loopback path) is not seen here; the caller covers it by asking its network whether a socket call is still waiting
 * for a peer.
 */
public final class Quiescence {

    private static final Path TASKS = Path.of("/proc/self/task");

    private Quiescence() {
    }

    /** Whether this platform shows its threads' scheduler state (Linux with /proc). */
    public static boolean supported() {
        return Files.isDirectory(TASKS) && Files.isSymbolicLink(Path.of("/proc/thread-self"))
            && Files.isReadable(Path.of("/proc/thread-self/schedstat"));
    }

    /**
     * True when every thread but the caller was blocked (not running, not waiting for a CPU) throughout a short
     * interval just now.
     */
    public static boolean atRest() {
        String self = self();
        Map<String, String> first = snapshot(self);
        if (first == null) {
            return false;
        }
        Thread.onSpinWait();
        Map<String, String> second = snapshot(self);
        return first.equals(second);
    }

    /**
     * Each thread's scheduler statistics, by thread id; null when one of them is not sleeping now. A thread that
     * ended between listing and reading is left out (the second pass then differs).
     */
    private static Map<String, String> snapshot(String self) {
        Map<String, String> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String tid = task.getFileName().toString();
                if (tid.equals(self)) {
                    continue;
                }
                String stat;
                String sched;
                try {
                    stat = Files.readString(task.resolve("stat"));
                    sched = Files.readString(task.resolve("schedstat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                int close = stat.lastIndexOf(')');
                if (stat.charAt(close + 2) != 'S') {
                    return null; // running, waiting for a CPU, or in uninterruptible I/O that ends by itself
                }
                out.put(tid, sched.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + TASKS + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The caller's thread id: /proc/thread-self links to "&lt;pid&gt;/task/&lt;tid&gt;". */
    private static String self() {
        try {
            return Objects.requireNonNull(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName())
                .toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/thread-self: " + e.getMessage(), e);
        }
    }
}
