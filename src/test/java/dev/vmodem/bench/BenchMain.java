package dev.vmodem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark suite: JMH micro benchmarks, then the end-to-end figures, then a report in markdown and JSON.
 * {@code scripts/bench} builds what it needs and runs this; {@code --quick} uses tiny sizes (the smoke test does).
 *
 * <pre>
 *   java -cp ... dev.vmodem.bench.BenchMain [--quick] [--no-jmh] [--out target/bench] [--jar target/vmodem.jar]
 * </pre>
 */
public final class BenchMain {

    private final boolean quick;
    private final Path out;
    private final Path jar;
    private final List<Figure> figures = new ArrayList<>();

    BenchMain(boolean quick, Path out, Path jar) {
        this.quick = quick;
        this.out = out;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean jmh = true;
        int putRuns = 0;
        Path out = Path.of("target/bench");
        Path jar = Path.of("target/vmodem.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-jmh" -> jmh = false;
                case "--out" -> out = Path.of(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--put-only" -> putRuns = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (putRuns > 0) {
            putOnly(quick, putRuns);
            return;
        }
        BenchMain b = new BenchMain(quick, out, jar);
        if (jmh) {
            b.micro();
        }
        b.endToEnd();
        b.write();
        System.out.println("report: " + out.resolve("report.md"));
    }

    /** Only the AT+FTPPUT=2,max loop, {@code runs} times back to back, each figure printed (no report written). */
    static void putOnly(boolean quick, int runs) throws Exception {
        int size = quick ? 64 * 1024 : 10 * 1024 * 1024;
        Path dir = Files.createTempDirectory("vmodem-bench");
        try {
            for (int i = 1; i <= runs; i++) {
                double mb = FtpFigures.putLoop(dir, size);
                System.out.println(String.format(Locale.ROOT, "put loop %d/%d, %d bytes: %.2f MB/s", i, runs, size, mb));
            }
        } finally {
            deleteTree(dir);
        }
    }

    List<Figure> figures() {
        return figures;
    }

    void micro() throws Exception {
        Options opt = new OptionsBuilder()
            .include(MicroBenchmarks.class.getName())
            .forks(1)
            .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 1 : 5).measurementTime(TimeValue.seconds(1))
            .addProfiler("gc")
            .build();
        for (RunResult r : new Runner(opt).run()) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            double ns = r.getPrimaryResult().getScore();
            double alloc = r.getSecondaryResults().containsKey("gc.alloc.rate.norm")
                ? r.getSecondaryResults().get("gc.alloc.rate.norm").getScore() : Double.NaN;
            String note = String.format(Locale.ROOT, "%.1f B allocated per operation", alloc);
            Figure f = Figure.of("Micro benchmarks (JMH)", name, ns, "ns/op", note);
            if (name.equals("dispatch")) {
                f = f.target("≤ 5000 ns (AT round trip in process)", ns <= 5000);
            }
            if (name.startsWith("dle") || name.equals("lineCodec") || name.equals("storeWriteRead")) {
                // Byte paths: nothing allocated per byte. A constant few bytes per operation are JMH's or the
                // JIT's, not per byte: a 1460-byte operation allocating < 1 B/byte is the check.
                boolean perByteFree = !(alloc >= 1460);
                f = f.target("no allocation per byte", perByteFree);
            }
            figures.add(f);
        }
    }

    void endToEnd() throws Exception {
        int rt = quick ? 200 : 20_000;
        Path dir = Files.createTempDirectory("vmodem-bench");
        try {
            EndToEnd.Percentiles in = EndToEnd.roundTripInProcess(rt, false);
            EndToEnd.Percentiles inMin = EndToEnd.roundTripInProcess(rt, true);
            figures.add(Figure.of("AT round trip", "in process, median", in.median(), "µs",
                    String.format(Locale.ROOT, "p99 %.1f µs; minimal responder %.1f µs", in.p99(), inMin.median()))
                .baseline(inMin.median()).target("≤ 5 µs", in.median() <= 5));

            int ptyCount = quick ? 100 : 5_000;
            EndToEnd.Percentiles pty = EndToEnd.roundTripPty(dir, ptyCount, false);
            EndToEnd.Percentiles ptyMin = EndToEnd.roundTripPty(dir, ptyCount, true);
            figures.add(Figure.of("AT round trip", "pty, median", pty.median(), "µs",
                    String.format(Locale.ROOT, "p99 %.1f µs; minimal responder median %.1f µs, p99 %.1f µs",
                        pty.p99(), ptyMin.median(), ptyMin.p99()))
                .baseline(ptyMin.median()).target("≤ 1.5× minimal responder", pty.median() <= 1.5 * ptyMin.median()));

            EndToEnd.Percentiles tcp = EndToEnd.roundTripTcp(ptyCount, false);
            EndToEnd.Percentiles tcpMin = EndToEnd.roundTripTcp(ptyCount, true);
            figures.add(Figure.of("AT round trip", "TCP, median", tcp.median(), "µs",
                    String.format(Locale.ROOT, "p99 %.1f µs; minimal responder median %.1f µs, p99 %.1f µs",
                        tcp.p99(), tcpMin.median(), tcpMin.p99()))
                .baseline(tcpMin.median()));

            double raw = EndToEnd.rawPtyThroughput(dir, quick ? 1 << 20 : 64 << 20);
            figures.add(Figure.of("Transfers", "raw pty throughput", raw, "MB/s",
                "bytes written by the modem side of a pty and read by a client, no modem"));

            int big = quick ? 64 * 1024 : 10 * 1024 * 1024;
            String sz = quick ? "64 KB" : "10 MB";
            double get = FtpFigures.getLoop(dir, big);
            figures.add(Figure.of("Transfers", "AT+FTPGET=2,1460 loop over a pty, " + sz, get, "MB/s",
                "whole emulator, embedded server, instant link, passive mode, byte-exact")
                .target("≥ 10 MB/s", get >= 10));
            double put = FtpFigures.putLoop(dir, big);
            figures.add(Figure.of("Transfers", "AT+FTPPUT=2,<max> loop over a pty, " + sz, put, "MB/s",
                "waits for +FTPPUT: 1,1,<max> before each block, as firmware must; byte-exact on the server")
                .target("≥ 10 MB/s", put >= 10));
            double et = FtpFigures.etget(dir, big);
            figures.add(Figure.of("Transfers", "AT+FTPETGET stream over a pty, " + sz, et, "MB/s",
                "payload rate, DLE/ETX decoded by the host").baseline(raw)
                .target("≥ 50 % of raw pty", et >= raw / 2));
            double mt = FtpFigures.multitechGet(dir, big);
            figures.add(Figure.of("Transfers", "AT#FTPGET stream over a pty, " + sz, mt, "MB/s",
                "multitech profile, payload rate").baseline(raw).target("≥ 50 % of raw pty", mt >= raw / 2));
            int many = quick ? 4 : 100;
            double wall = FtpFigures.concurrentDownloads(dir, many, quick ? 16 * 1024 : 1024 * 1024);
            figures.add(Figure.of("Memory", many + " modems downloading " + (quick ? "16 KB" : "1 MB")
                + " each at once", wall, "ms", "in one JVM, in-memory links, one embedded server; all byte-exact")
                .target("all complete, byte-exact", true));

            if (!quick) {
                // real time by nature (about 15 s): left out of --quick and so of the smoke test
                double[] r = RealisticFigures.download(dir);
                double off = Math.abs(r[0] - r[1]) / r[1];
                figures.add(Figure.of("Realistic mode", "100 KB AT+FTPGET download, gprs, 921600 baud", r[0], "ms",
                    String.format(java.util.Locale.ROOT, "AT+FTPGET=1 to +FTPGET: 1,0; the gprs preset predicts %.0f ms"
                        + " (payload at 85.6 kbit/s + 2 TCP set-ups + %d round trips + greeting); off by %.1f %%",
                        r[1], RealisticFigures.ROUND_TRIPS, off * 100))
                    .baseline(r[1]).target("within 10 % of the prediction", off <= 0.10));
            }

            if (Files.isRegularFile(jar)) {
                double plain = EndToEnd.startToRdy(jar, dir, false);
                double cds = EndToEnd.startToRdy(jar, dir, true);
                figures.add(Figure.of("Start-up", "JVM start to RDY on a pty", cds, "ms",
                    String.format(Locale.ROOT, "java -jar vmodem.jar with the embedded FTP server and the class-data "
                        + "archive scripts/vmodem makes, until RDY is read on the pty; %.0f ms without the archive",
                        plain)).baseline(plain).target("≤ 1000 ms", cds <= 1000));
            }
            double more = EndToEnd.oneMoreModem(quick ? 20 : 1000);
            figures.add(Figure.of("Start-up", "one more modem in a running JVM", more, "ms",
                "build and start one modem on an in-memory link").target("≤ 5 ms", more <= 5));

            int idle = quick ? 50 : 1000;
            double heap = EndToEnd.idleModemsHeap(idle);
            double total = heap * 1000.0 / idle;
            figures.add(Figure.of("Memory", "heap for 1,000 idle modems", total, "MB",
                String.format(Locale.ROOT, "%.1f KB per modem (measured with %d modems)", heap * 1000 / idle, idle))
                .target("≤ 200 MB", total <= 200));
        } finally {
            deleteTree(dir);
        }
    }

    void write() throws IOException {
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder();
        md.append("# vmodem benchmark report\n\n");
        md.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
            .append(" cores, Java ").append(System.getProperty("java.version"))
            .append(quick ? " (quick run: tiny sizes, figures are not meaningful)" : "").append(".\n");
        String group = null;
        for (Figure f : figures) {
            if (!f.group().equals(group)) {
                group = f.group();
                md.append("\n## ").append(group).append("\n\n| figure | value | baseline | target | met | note |\n")
                    .append("|---|---|---|---|---|---|\n");
            }
            md.append("| ").append(f.name()).append(" | ").append(fmt(f.value())).append(' ').append(f.unit())
                .append(" | ").append(Double.isNaN(f.baseline()) ? "" : fmt(f.baseline()) + " " + f.unit())
                .append(" | ").append(f.target()).append(" | ")
                .append(f.met() == null ? "" : f.met() ? "yes" : "**no**").append(" | ").append(f.note())
                .append(" |\n");
        }
        Files.writeString(out.resolve("report.md"), md.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", Instant.now().toString());
        json.put("quick", quick);
        json.put("figures", figures);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(out.resolve("report.json").toFile(), json);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
            : String.format(Locale.ROOT, "%.2f", v);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
