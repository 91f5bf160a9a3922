package dev.vmodem.serial;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The POSIX calls {@link PtyLink} needs, and every number that differs between Linux and macOS: open flags, errno
 * values, the layout of {@code struct termios}, and how to wait on a descriptor. Nothing outside this class knows
 * which operating system it runs on.
 *
 * <p>Hot-path calls ({@code read}, {@code write}, {@code poll}) use JNA direct mapping, which costs one JNI
 * transition per call; buffers are {@link Memory} blocks that callers allocate once and reuse. {@code size_t} is
 * mapped to Java {@code long}, so a 64-bit JVM is required (checked in {@link #current()}).
 *
 * <p>Linux is the reference platform and is tested. The macOS numbers come from the macOS SDK headers
 * ({@code sys/fcntl.h}, {@code sys/errno.h}, {@code sys/termios.h}) and are not exercised by the test suite.
 */
final class PosixTty {

    static final int EINTR = 4;
    static final int EIO = 5;
    static final int O_RDWR = 2;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;
    private static final int TCSANOW = 0;
    private static final short POLLIN = 0x1;
    private static final short POLLOUT = 0x4;
    private static final short POLLERR = 0x8;
    private static final short POLLHUP = 0x10;
    private static final short POLLNVAL = 0x20;
    private static final long FIONREAD_LINUX = 0x541B;
    /** select() cannot look at descriptors at or above this; fd_set is a fixed 1024-bit array on both systems. */
    private static final int FD_SETSIZE = 1024;

    /** What {@link Waiter#await} saw. */
    enum Wait { READY, WOKEN, TIMEOUT }

    final String osName;
    final int oNoctty;
    final int oNonblock;
    final int eagain;
    final int tciflush;
    private final Termios termios;
    /** macOS poll() does not support devices (its man page says so under BUGS), so there we wait with select(). */
    private final boolean pollWorksOnTtys;

    private PosixTty(String osName, int oNoctty, int oNonblock, int eagain, int tciflush, Termios termios,
                     boolean pollWorksOnTtys) {
        this.osName = osName;
        this.oNoctty = oNoctty;
        this.oNonblock = oNonblock;
        this.eagain = eagain;
        this.tciflush = tciflush;
        this.termios = termios;
        this.pollWorksOnTtys = pollWorksOnTtys;
    }

    private static final PosixTty LINUX = new PosixTty("Linux", 0400, 04000, 11, 0, Termios.LINUX, true);
    private static final PosixTty MAC = new PosixTty("macOS", 0x20000, 0x4, 35, 1, Termios.MAC, false);

    /** The platform this JVM runs on, or an IOException that says why pseudo-terminals are not available here. */
    static PosixTty current() throws IOException {
        if (Native.SIZE_T_SIZE != 8) {
            throw new IOException("pseudo-terminals need a 64-bit JVM: size_t is " + Native.SIZE_T_SIZE
                    + " bytes here, on " + System.getProperty("os.arch"));
        }
        if (Platform.isLinux()) {
            return LINUX;
        }
        if (Platform.isMac()) {
            return MAC;
        }
        throw new IOException("pseudo-terminals are supported on Linux and macOS, not on " + System.getProperty("os.name"));
    }

    // ---- descriptors ------------------------------------------------------------------------------------------

    /** A new pty master, granted and unlocked, non-blocking and close-on-exec. */
    int openMaster() throws IOException {
        int fd = LibC.posix_openpt(O_RDWR | oNoctty);
        if (fd < 0) {
            throw failure("posix_openpt(O_RDWR|O_NOCTTY)");
        }
        try {
            if (LibC.grantpt(fd) != 0) {
                throw failure("grantpt(" + fd + ")");
            }
            if (LibC.unlockpt(fd) != 0) {
                throw failure("unlockpt(" + fd + ")");
            }
            setNonBlockingAndCloseOnExec(fd);
            return fd;
        } catch (IOException e) {
            close(fd);
            throw e;
        }
    }

    /** The slave device path of a master, e.g. "/dev/pts/4". */
    String ptsname(int masterFd) throws IOException {
        if (Platform.isLinux()) {
            byte[] name = new byte[128];
            int rc = LinuxLibC.ptsname_r(masterFd, name, name.length);
            if (rc != 0) {
                // glibc returns the error number; older versions return -1 and set errno.
                throw new IOException("ptsname_r(" + masterFd + ") failed: " + describe(rc > 0 ? rc : Native.getLastError()));
            }
            int length = 0;
            while (length < name.length && name[length] != 0) {
                length++;
            }
            return new String(name, 0, length, StandardCharsets.UTF_8);
        }
        // ptsname_r only exists on macOS 10.13.4+; ptsname's static buffer is safe under this lock since only
        // this class calls it.
        synchronized (PosixTty.class) {
            String name = LibC.ptsname(masterFd);
            if (name == null) {
                throw failure("ptsname(" + masterFd + ")");
            }
            return name;
        }
    }

    /** Opens a tty device without making it our controlling terminal; non-blocking and close-on-exec. */
    int openTty(String path) throws IOException {
        int fd = LibC.open(path, O_RDWR | oNoctty | oNonblock);
        if (fd < 0) {
            throw failure("open(" + path + ", O_RDWR|O_NOCTTY|O_NONBLOCK)");
        }
        try {
            setNonBlockingAndCloseOnExec(fd);
            return fd;
        } catch (IOException e) {
            close(fd);
            throw e;
        }
    }

    /** A pipe whose read end becomes readable when anything is written to the write end: {read, write}. */
    int[] pipe() throws IOException {
        int[] fds = new int[2];
        if (LibC.pipe(fds) != 0) {
            throw failure("pipe()");
        }
        try {
            setNonBlockingAndCloseOnExec(fds[0]);
            setNonBlockingAndCloseOnExec(fds[1]);
            return fds;
        } catch (IOException e) {
            close(fds[0]);
            close(fds[1]);
            throw e;
        }
    }

    private void setNonBlockingAndCloseOnExec(int fd) throws IOException {
        int flags = Fcntl.INSTANCE.fcntl(fd, F_GETFL);
        if (flags < 0 || Fcntl.INSTANCE.fcntl(fd, F_SETFL, flags | oNonblock) != 0) {
            throw failure("fcntl(" + fd + ", F_SETFL, O_NONBLOCK)");
        }
        // Without this every child process (socat in tests, a shell-out) would inherit the pty and keep it alive.
        if (Fcntl.INSTANCE.fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
            throw failure("fcntl(" + fd + ", F_SETFD, FD_CLOEXEC)");
        }
    }

    /** Closes a descriptor, ignoring errors: there is nothing useful to do about a failed close. */
    void close(int fd) {
        if (fd >= 0) {
            LibC.close(fd);
        }
    }

    /** read(2); returns the count, 0 at end of file, or -errno. */
    long read(int fd, Pointer buffer, long length) {
        long n = LibC.read(fd, buffer, length);
        return n >= 0 ? n : -Native.getLastError();
    }

    /** write(2); returns the count or -errno. */
    long write(int fd, Pointer buffer, long length) {
        long n = LibC.write(fd, buffer, length);
        return n >= 0 ? n : -Native.getLastError();
    }

    /** Whether {@link #queued} works here (Linux only; on macOS it is not wired). */
    boolean countsInput() {
        return this == LINUX;
    }

    /**
     * Bytes waiting to be read on the tty {@code fd} (FIONREAD), or -errno; {@code scratch} holds at least 4 bytes.
     * Unlike read() and poll(), it never waits for the tty's input worker to run, so a caller can look often.
     */
    int queued(int fd, Pointer scratch) {
        int r = LinuxLibC.ioctl(fd, FIONREAD_LINUX, scratch);
        return r < 0 ? -Native.getLastError() : scratch.getInt(0);
    }

    /** Discards what was written to the master and not yet read by anyone from the slave. */
    void flushInput(int slaveFd) {
        LibC.tcflush(slaveFd, tciflush);
    }

    // ---- termios ----------------------------------------------------------------------------------------------

    /**
     * Raw mode, 8N1, 115200 baud, no flow control: cfmakeraw() plus what it leaves alone (stop bits, hardware and
     * XON/XOFF flow control, modem-control lines, VMIN/VTIME). The speed only matters to clients that ask for it.
     */
    void makeRaw(int fd, String path) throws IOException {
        Termios t = termios;
        Memory m = new Memory(256); // larger than any struct termios; the layout decides what is used
        m.clear();
        if (LibC.tcgetattr(fd, m) != 0) {
            throw failure("tcgetattr(" + path + ")");
        }
        LibC.cfmakeraw(m);
        t.set(m, t.iflagOffset, t.get(m, t.iflagOffset) & ~(t.ixoff | t.ixany | t.inpck));
        long cflag = t.get(m, t.cflagOffset) & ~(t.csize | t.parenb | t.cstopb | t.crtscts | t.hupcl);
        t.set(m, t.cflagOffset, cflag | t.cs8 | t.cread | t.clocal);
        m.setByte(t.ccOffset + t.vmin, (byte) 1);
        m.setByte(t.ccOffset + t.vtime, (byte) 0);
        if (LibC.cfsetispeed(m, t.b115200) != 0 || LibC.cfsetospeed(m, t.b115200) != 0) {
            throw failure("cfsetspeed(115200) for " + path);
        }
        if (LibC.tcsetattr(fd, TCSANOW, m) != 0) {
            throw failure("tcsetattr(" + path + ", TCSANOW)");
        }
    }

    /** Field offsets and flag values of struct termios; tcflag_t is 4 bytes on Linux and 8 on macOS. */
    private static final class Termios {
        static final Termios LINUX = new Termios(4, 0, 8, 17, 6, 5,
                010000, 04000, 020, 060, 060, 0100, 0200, 0400, 02000, 04000, 020000000000L, 0010002);
        static final Termios MAC = new Termios(8, 0, 16, 32, 16, 17,
                0x400, 0x800, 0x10, 0x300, 0x300, 0x400, 0x800, 0x1000, 0x4000, 0x8000, 0x30000, 115200);

        final int flagSize;
        final int iflagOffset;
        final int cflagOffset;
        final int ccOffset;
        final int vmin;
        final int vtime;
        final long ixoff;
        final long ixany;
        final long inpck;
        final long csize;
        final long cs8;
        final long cstopb;
        final long cread;
        final long parenb;
        final long hupcl;
        final long clocal;
        final long crtscts;
        final long b115200;

        Termios(int flagSize, int iflagOffset, int cflagOffset, int ccOffset, int vmin, int vtime, long ixoff,
                long ixany, long inpck, long csize, long cs8, long cstopb, long cread, long parenb, long hupcl,
                long clocal, long crtscts, long b115200) {
            this.flagSize = flagSize;
            this.iflagOffset = iflagOffset;
            this.cflagOffset = cflagOffset;
            this.ccOffset = ccOffset;
            this.vmin = vmin;
            this.vtime = vtime;
            this.ixoff = ixoff;
            this.ixany = ixany;
            this.inpck = inpck;
            this.csize = csize;
            this.cs8 = cs8;
            this.cstopb = cstopb;
            this.cread = cread;
            this.parenb = parenb;
            this.hupcl = hupcl;
            this.clocal = clocal;
            this.crtscts = crtscts;
            this.b115200 = b115200;
        }

        long get(Memory m, int offset) {
            return flagSize == 4 ? m.getInt(offset) & 0xFFFF_FFFFL : m.getLong(offset);
        }

        void set(Memory m, int offset, long value) {
            if (flagSize == 4) {
                m.setInt(offset, (int) value);
            } else {
                m.setLong(offset, value);
            }
        }
    }

    // ---- waiting ----------------------------------------------------------------------------------------------

    /** A waiter owns its native scratch memory, so each thread that waits needs its own. */
    Waiter newWaiter() {
        return pollWorksOnTtys ? new PollWaiter() : new SelectWaiter();
    }

    /** Waits until a descriptor is readable or writable, the wake pipe is readable, or the timeout passes. */
    abstract static class Waiter {
        /** {@code timeoutMillis} < 0 waits forever. EINTR counts as READY: the caller retries and waits again. */
        abstract Wait await(int fd, boolean forWrite, int wakeFd, int timeoutMillis) throws IOException;
    }

    private static final class PollWaiter extends Waiter {
        private final Memory fds = new Memory(16); // two struct pollfd {int fd; short events; short revents;}

        @Override
        Wait await(int fd, boolean forWrite, int wakeFd, int timeoutMillis) throws IOException {
            fds.setInt(0, fd);
            fds.setShort(4, forWrite ? POLLOUT : POLLIN);
            fds.setShort(6, (short) 0);
            fds.setInt(8, wakeFd);
            fds.setShort(12, POLLIN);
            fds.setShort(14, (short) 0);
            int n = LibC.poll(fds, 2, timeoutMillis);
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno == EINTR) {
                    return Wait.READY;
                }
                throw new IOException("poll(fd " + fd + ", wake fd " + wakeFd + ") failed: " + describe(errno));
            }
            if (n == 0) {
                return Wait.TIMEOUT;
            }
            if (fds.getShort(14) != 0) {
                return Wait.WOKEN;
            }
            short revents = fds.getShort(6);
            if ((revents & POLLNVAL) != 0) {
                throw new IOException("poll: fd " + fd + " is not open (POLLNVAL)");
            }
            // POLLHUP and POLLERR count as ready: the next read or write reports what happened, with its errno.
            return Wait.READY;
        }
    }

    private static final class SelectWaiter extends Waiter {
        private static final int FD_SET_BYTES = FD_SETSIZE / 8;
        private final Memory readSet = new Memory(FD_SET_BYTES);
        private final Memory writeSet = new Memory(FD_SET_BYTES);
        private final Memory timeval = new Memory(16);

        @Override
        Wait await(int fd, boolean forWrite, int wakeFd, int timeoutMillis) throws IOException {
            if (fd >= FD_SETSIZE || wakeFd >= FD_SETSIZE) {
                throw new IOException("select() cannot wait on fd " + Math.max(fd, wakeFd) + " >= FD_SETSIZE " + FD_SETSIZE);
            }
            readSet.clear();
            writeSet.clear();
            set(forWrite ? writeSet : readSet, fd);
            set(readSet, wakeFd);
            Pointer timeout = null;
            if (timeoutMillis >= 0) {
                // struct timeval is {long; long} on Linux and {long; int; pad} on macOS; on a little-endian
                // machine writing tv_usec as a long fills both.
                timeval.setLong(0, timeoutMillis / 1000);
                timeval.setLong(8, (timeoutMillis % 1000) * 1000L);
                timeout = timeval;
            }
            int n = LibC.select(Math.max(fd, wakeFd) + 1, readSet, writeSet, null, timeout);
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno == EINTR) {
                    return Wait.READY;
                }
                throw new IOException("select(fd " + fd + ", wake fd " + wakeFd + ") failed: " + describe(errno));
            }
            if (n == 0) {
                return Wait.TIMEOUT;
            }
            return isSet(readSet, wakeFd) ? Wait.WOKEN : Wait.READY;
        }

        // fd_set is an array of 32-bit (macOS) or 64-bit (Linux) words; on little-endian machines bit n of the set
        // is bit n % 8 of byte n / 8 either way.
        private static void set(Memory set, int fd) {
            set.setByte(fd / 8, (byte) (set.getByte(fd / 8) | (1 << (fd % 8))));
        }

        private static boolean isSet(Memory set, int fd) {
            return (set.getByte(fd / 8) & (1 << (fd % 8))) != 0;
        }
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    private static IOException failure(String call) {
        return new IOException(call + " failed: " + describe(Native.getLastError()));
    }

    /** "errno 5 (Input/output error)". */
    static String describe(int errno) {
        String text;
        try {
            text = LibC.strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            text = null;
        }
        return "errno " + errno + (text == null ? "" : " (" + text + ")");
    }

    // ---- native entry points ----------------------------------------------------------------------------------

    /** Direct-mapped libc calls present on every supported platform. */
    private static final class LibC {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int posix_openpt(int flags);

        static native int grantpt(int fd);

        static native int unlockpt(int fd);

        static native String ptsname(int fd);

        static native int open(String path, int flags);

        static native int close(int fd);

        static native long read(int fd, Pointer buffer, long count);

        static native long write(int fd, Pointer buffer, long count);

        static native int pipe(int[] fds);

        static native int poll(Pointer fds, int nfds, int timeoutMillis);

        static native int select(int nfds, Pointer readFds, Pointer writeFds, Pointer exceptFds, Pointer timeout);

        static native int tcgetattr(int fd, Pointer termios);

        static native int tcsetattr(int fd, int optionalActions, Pointer termios);

        static native void cfmakeraw(Pointer termios);

        // speed_t is 4 bytes on Linux and 8 on macOS; passed in a register either way, and 115200 fits both.
        static native int cfsetispeed(Pointer termios, long speed);

        static native int cfsetospeed(Pointer termios, long speed);

        static native int tcflush(int fd, int queueSelector);

        static native String strerror(int errno);
    }

    /** Linux-only calls; a separate class so that registering them never runs on macOS. */
    private static final class LinuxLibC {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int ptsname_r(int fd, byte[] buffer, long length);

        // variadic in C; the third argument is a pointer, passed in a register on Linux's 64-bit ABIs
        static native int ioctl(int fd, long request, Pointer arg);
    }

    /**
     * fcntl is variadic; on Apple Silicon variadic arguments travel on the stack, so it goes through JNA's
     * interface mapping, which knows that, instead of direct mapping. Only called while opening.
     */
    private interface Fcntl extends Library {
        Fcntl INSTANCE = Native.load(Platform.C_LIBRARY_NAME, Fcntl.class);

        int fcntl(int fd, int cmd, Object... args);
    }
}
