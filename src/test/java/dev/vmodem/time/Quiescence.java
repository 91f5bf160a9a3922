package dev.vmodem.time;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether every Java thread of this process except the caller is blocked, read from the kernel's view of the
 * threads (Linux {@code /proc/self/task}): for a test that drives a {@link VirtualScheduler} and must advance the
 * clock only when nothing but the clock can move things on.
 *
 * <p>Java's own {@link Thread#getState()} cannot tell this: a thread that was just signalled (a condition, a
 * monitor, an unpark, bytes on a socket) reports WAITING until it gets a CPU, which on a loaded machine may take
 * milliseconds, and a clock advanced meanwhile makes that thread's next step late. The kernel marks such a thread
 * runnable at the moment it is woken. So: two passes over the threads; the process is at rest when no thread is
 * runnable in either pass and none ran or queued for a CPU in between (its scheduler statistics did not change).
 * Every thread was then blocked for the whole time between the passes, so none could have woken another.
 *
 * <p>Every thread of the process counts (a thread that renamed itself too) except the JVM's own compiler, garbage
 * collector and housekeeping threads, known by the names HotSpot gives them: they do not change what the program
 * does. What happens outside the process (a byte still inside the kernel's
 * loopback path) is not seen here; the caller covers it by asking its network whether a socket call is still
 * waiting for a peer.
 */
public final class Quiescence {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final int COMM = 15;

    private Quiescence() {
    }

    /** Whether this platform shows its threads' scheduler state (Linux with /proc). */
    public static boolean supported() {
        return Files.isDirectory(TASKS) && Files.isSymbolicLink(Path.of("/proc/thread-self"));
    }

    /**
     * True when every Java thread but the caller was blocked (not running, not waiting for a CPU) throughout a
     * short interval just now.
     */
    public static boolean atRest() {
        Set<String> names = javaThreadNames();
        Map<String, String> first = snapshot(names);
        if (first == null) {
            return false;
        }
        Thread.onSpinWait();
        Map<String, String> second = snapshot(names);
        return first.equals(second);
    }

    /** The kernel names (first 15 bytes) of the live Java threads other than the caller. */
    private static Set<String> javaThreadNames() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        Thread[] all = new Thread[g.activeCount() + 16];
        int n = g.enumerate(all, true);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (all[i] != Thread.currentThread()) {
                String name = all[i].getName();
                names.add(name.length() > COMM ? name.substring(0, COMM) : name);
            }
        }
        return names;
    }

    /**
     * The JVM's own threads (compilers, garbage collector, VM housekeeping), which run no program code: by the
     * names HotSpot gives them, unless a Java thread has the same name.
     */
    private static boolean jvmInternal(String comm, Set<String> javaNames) {
        if (javaNames.contains(comm)) {
            return false;
        }
        for (String p : JVM_THREADS) {
            if (comm.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> JVM_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre", "VM Thread",
        "VM Periodic Tas", "GC Thread#", "G1 ", "Sweeper thread", "Monitor Deflati", "Service Thread",
        "Notification Th", "ParGC Thread", "ZWorker", "Shenandoah", "JVMCI");

    /**
     * Each counted thread's scheduler statistics, by thread id; null when one of them is not sleeping now. A thread
     * that ended between listing and reading is left out (the second pass then differs).
     */
    private static Map<String, String> snapshot(Set<String> names) {
        String self = self();
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
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(open + 1, close);
                if (jvmInternal(comm, names)) {
                    continue;
                }
                if (stat.charAt(close + 2) != 'S') {
                    return null; // running, waiting for a CPU, or in uninterruptible I/O that ends by itself
                }
                out.put(tid, comm + ' ' + sched.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + TASKS + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String self() {
        try {
            // "<pid>/task/<tid>"
            return Objects.requireNonNull(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName())
                .toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/thread-self: " + e.getMessage(), e);
        }
    }
}
