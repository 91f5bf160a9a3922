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
     * Time from starting {@code java -jar vmodem.jar} to reading {@code RDY} on its pty, in ms. With {@code cds}
     * the JVM maps a class-data archive as {@code scripts/vmodem} does (made first by one run that records it).
     */
    static double startToRdy(Path jar, Path dir, boolean cds) throws Exception {
        if (!cds) {
            return startToRdy(jar, dir, List.of());
        }
        Path jsa = dir.resolve("vmodem.jsa");
        startToRdy(jar, dir, List.of("-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        return startToRdy(jar, dir, List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off"));
    }

    private static int starts;

    private static double startToRdy(Path jar, Path dir, List<String> jvmOptions) throws Exception {
        // a fresh path each run: a symlink left by an earlier run could point at a pty that now belongs to another
        Path path = dir.resolve("ttySTART" + (++starts));
        Files.deleteIfExists(path);
        Path state = Files.createDirectories(dir.resolve("start-state"));
        Path ftp = Files.createDirectories(dir.resolve("start-ftp"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "--pty", path.toString(), "--state-dir", state.toString(),
            "--ftp-root", ftp.toString(), "--log-level", "WARN"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = t0 + 30_000_000_000L;
            while (!Files.exists(path)) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IllegalStateException("the emulator did not create " + path);
                }
                Thread.onSpinWait();
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
                return (System.nanoTime() - t0) / 1e6;
            }
        } finally {
            p.destroy();   // SIGTERM: a normal exit, so an archive being recorded is written
            p.waitFor();
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
