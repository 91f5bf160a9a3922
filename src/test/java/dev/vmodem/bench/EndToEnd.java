package dev.vmodem.bench;

import dev.vmodem.config.Config;
import dev.vmodem.modem.Modem;
import dev.vmodem.serial.PipeLink;
import dev.vmodem.serial.PtyLink;
import dev.vmodem.serial.SerialLink;
import dev.vmodem.serial.SerialReceiver;
import dev.vmodem.serial.TcpLink;
import dev.vmodem.time.VirtualScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * End-to-end measurements over the real transports, each next to the same measurement against
 * {@link MinimalResponder} or the raw transport, so vmodem's own cost shows as a ratio.
 */
final class EndToEnd {

    static final byte[] AT = "AT\r".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] OK = "\r\nOK\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private EndToEnd() {
    }

    /** Median and 99th percentile of a set of durations, in microseconds. */
    record Percentiles(double median, double p99) {
        static Percentiles of(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return new Percentiles(s[s.length / 2] / 1000.0, s[(int) Math.min(s.length - 1, s.length * 0.99)] / 1000.0);
        }
    }

    /** A modem on virtual time (no power-on codes unless advanced) whose output goes nowhere, with ATE0 set. */
    static Modem discardingModem() {
        Modem m = Modem.builder().scheduler(new VirtualScheduler()).config(quietConfig()).build();
        try {
            m.start(new SerialLink() {
                @Override
                public void open(SerialReceiver receiver) {
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                }

                @Override
                public String description() {
                    return "discard";
                }

                @Override
                public void close() {
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] e0 = "ATE0\r".getBytes(StandardCharsets.ISO_8859_1);
        m.engine().received(e0, 0, e0.length);
        return m;
    }

    static Config quietConfig() {
        return Config.defaults().with("modem.state.dir", null);
    }

    /** A modem on virtual time started on {@code link}, echo off. */
    static Modem modemOn(SerialLink link) throws IOException {
        Modem m = Modem.builder().scheduler(new VirtualScheduler()).config(quietConfig()).build();
        m.start(link);
        byte[] e0 = "ATE0\r".getBytes(StandardCharsets.ISO_8859_1);
        m.engine().received(e0, 0, e0.length);
        return m;
    }

    // ---- AT round trip ----

    /** {@code AT\r} to {@code OK} in process, through a {@link PipeLink}: the engine's cost alone. */
    static Percentiles roundTripInProcess(int count, boolean minimal) throws IOException {
        PipeLink pipe = new PipeLink(4096);
        Modem modem = null;
        if (minimal) {
            pipe.open(new MinimalResponder(pipe));
        } else {
            modem = modemOn(pipe);
        }
        pipe.takeWritten();
        OutputStream out = pipe.hostOutput();
        long[] t = new long[count];
        for (int i = -count / 4; i < count; i++) {
            long t0 = System.nanoTime();
            out.write(AT);
            byte[] got = pipe.takeWritten();
            long dt = System.nanoTime() - t0;
            if (got.length != OK.length) {
                throw new IllegalStateException("unexpected answer " + new String(got, StandardCharsets.ISO_8859_1));
            }
            if (i >= 0) {
                t[i] = dt;
            }
        }
        if (modem != null) {
            modem.close();
        }
        pipe.close();
        return Percentiles.of(t);
    }

    /** {@code AT\r} to {@code OK} over a pseudo-terminal opened by path, as firmware on Linux would. */
    static Percentiles roundTripPty(Path dir, int count, boolean minimal) throws IOException {
        Path path = dir.resolve(minimal ? "ttyMIN" : "ttyBENCH");
        PtyLink pty = new PtyLink(path);
        Modem modem = null;
        if (minimal) {
            pty.open(new MinimalResponder(pty));
        } else {
            modem = modemOn(pty);
        }
        try (FileChannel rd = FileChannel.open(path, StandardOpenOption.READ);
             FileChannel wr = FileChannel.open(path, StandardOpenOption.WRITE)) {
            return roundTrips(Channels.newInputStream(rd), Channels.newOutputStream(wr), count);
        } finally {
            if (modem != null) {
                modem.close();
            }
            pty.close();
        }
    }

    /** {@code AT\r} to {@code OK} over TCP on loopback. */
    static Percentiles roundTripTcp(int count, boolean minimal) throws IOException {
        TcpLink tcp = new TcpLink(0);
        Modem modem = null;
        if (minimal) {
            tcp.open(new MinimalResponder(tcp));
        } else {
            modem = modemOn(tcp);
        }
        try (Socket s = new Socket("127.0.0.1", tcp.port())) {
            s.setTcpNoDelay(true);
            return roundTrips(s.getInputStream(), s.getOutputStream(), count);
        } finally {
            if (modem != null) {
                modem.close();
            }
            tcp.close();
        }
    }

    private static Percentiles roundTrips(InputStream in, OutputStream out, int count) throws IOException {
        byte[] buf = new byte[64];
        long[] t = new long[count];
        for (int i = -count / 4; i < count; i++) {
            long t0 = System.nanoTime();
            out.write(AT);
            out.flush();
            int got = 0;
            while (got < OK.length) {
                int n = in.read(buf, got, OK.length - got);
                if (n < 0) {
                    throw new IOException("stream ended after " + got + " bytes");
                }
                got += n;
            }
            long dt = System.nanoTime() - t0;
            if (i >= 0) {
                t[i] = dt;
            }
        }
        return Percentiles.of(t);
    }

    // ---- raw transport throughput ----

    /** Bytes written by the modem side of a pty and read by a client, MB/s: the ceiling for streaming modes. */
    static double rawPtyThroughput(Path dir, int bytes) throws Exception {
        Path path = dir.resolve("ttyRAW");
        PtyLink pty = new PtyLink(path);
        pty.open((b, o, l) -> { });
        try (FileChannel rd = FileChannel.open(path, StandardOpenOption.READ)) {
            InputStream in = Channels.newInputStream(rd);
            byte[] block = new byte[64 * 1024];
            Thread writer = new Thread(() -> {
                try {
                    for (int done = 0; done < bytes; done += block.length) {
                        pty.write(block, 0, Math.min(block.length, bytes - done));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-raw-writer");
            long t0 = System.nanoTime();
            writer.start();
            byte[] buf = new byte[64 * 1024];
            long got = 0;
            while (got < bytes) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            long dt = System.nanoTime() - t0;
            writer.join();
            return mbPerSecond(got, dt);
        } finally {
            pty.close();
        }
    }

    static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    // ---- start-up and memory ----

    /**
     * Times from starting {@code scripts/vmodem} (as a user does: its JVM flags, its class-data archive) to reading
     * {@code RDY} on its pty, in ms, one per start, in order. With {@code archive} false the script runs with
     * {@code VMODEM_CDS=off}. One unmeasured start comes first: with the archive it records the archive when the
     * jar is newer than it (the next start puts it in place), and either way it warms the file cache.
     */
    static double[] startsToRdy(Path script, Path dir, int runs, boolean archive) throws Exception {
        startToRdy(script, dir, archive, true);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            ms[i] = startToRdy(script, dir, archive, false);
        }
        return ms;
    }

    /** The median of {@code values}. */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static int starts;

    /** One start; with {@code whole} it also waits for the start-up block (a recording is kept only after it). */
    private static double startToRdy(Path script, Path dir, boolean archive, boolean whole) throws Exception {
        // a fresh path each run: a symlink left by an earlier run could point at a pty that now belongs to another
        Path path = dir.resolve("ttySTART" + (++starts));
        Files.deleteIfExists(path);
        Path state = Files.createDirectories(dir.resolve("start-state"));
        Path ftp = Files.createDirectories(dir.resolve("start-ftp"));
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--pty", path.toString(),
            "--state-dir", state.toString(), "--ftp-root", ftp.toString())
            .redirectErrorStream(true);
        Path output = dir.resolve("start-output.txt");
        pb.redirectOutput(whole ? ProcessBuilder.Redirect.to(output.toFile()) : ProcessBuilder.Redirect.DISCARD);
        if (!archive) {
            pb.environment().put("VMODEM_CDS", "off");
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            long deadline = t0 + 60_000_000_000L;
            // polled, not spun: a spinning reader would take one of the cores the JVM under test starts on
            while (!Files.exists(path)) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IllegalStateException("the emulator did not create " + path);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            try (FileChannel rd = FileChannel.open(path, StandardOpenOption.READ)) {
                InputStream in = Channels.newInputStream(rd);
                StringBuilder seen = new StringBuilder();
                while (seen.indexOf("RDY") < 0) {
                    int c = in.read();
                    if (c < 0) {
                        throw new IllegalStateException("pty closed before RDY: " + seen);
                    }
                    seen.append((char) c);
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                while (whole && !Files.readString(output).contains("stop with Ctrl-C")) {
                    if (System.nanoTime() > deadline || !p.isAlive()) {
                        throw new IllegalStateException("no start-up block: " + Files.readString(output));
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
                }
                return ms;
            }
        } finally {
            p.destroy();   // SIGTERM (the script execs the JVM): a normal exit, so an archive being recorded is written
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** Average time to build and start one more modem (in-memory link) in a running JVM, in ms. */
    static double oneMoreModem(int count) throws IOException {
        List<Modem> modems = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            modems.add(modemOn(new PipeLink(1024)));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            modems.add(modemOn(new PipeLink(1024)));
        }
        long dt = System.nanoTime() - t0;
        modems.forEach(Modem::close);
        return dt / 1e6 / count;
    }

    /** Heap held by {@code count} idle modems (started, on in-memory links), in MB. */
    static double idleModemsHeap(int count) throws IOException {
        long before = usedHeapAfterGc();
        List<Modem> modems = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            modems.add(modemOn(new PipeLink(1024)));
        }
        long after = usedHeapAfterGc();
        double mb = (after - before) / 1e6;
        modems.forEach(Modem::close);
        return mb;
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
