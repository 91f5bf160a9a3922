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
 *   java -cp ... dev.vmodem.bench.BenchMain [--quick] [--no-jmh] [--only startup|realistic|transfers]
 *                                           [--out target/bench] [--jar target/vmodem.jar]
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
        String only = null;
        Path out = Path.of("target/bench");
        Path jar = Path.of("target/vmodem.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-jmh" -> jmh = false;
                case "--startup" -> only = "startup";
                case "--out" -> out = Path.of(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BenchMain b = new BenchMain(quick, out, jar);
        if (only != null) {
            Path dir = Files.createTempDirectory("vmodem-bench");
            try {
                switch (only) {
                    case "startup" -> b.startUp(dir);
                    case "realistic" -> b.realistic(dir);
                    case "transfers" -> b.transfers(dir);
                    default -> throw new IllegalArgumentException("--only takes: startup, realistic, transfers");
                }
            } finally {
                deleteTree(dir);
            }
        } else {
            if (jmh) {
                b.micro();
            }
            b.endToEnd();
        }
        b.write();
        System.out.println("report: " + out.resolve("report.md"));
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

            transfers(dir);
            int many = quick ? 4 : 100;
            double wall = FtpFigures.concurrentDownloads(dir, many, quick ? 16 * 1024 : 1024 * 1024);
            figures.add(Figure.of("Memory", many + " modems downloading " + (quick ? "16 KB" : "1 MB")
                + " each at once", wall, "ms", "in one JVM, in-memory links, one embedded server; all byte-exact")
                .target("all complete, byte-exact", true));

            if (!quick) {
                // real time by nature (about 17 s): left out of --quick and so of the smoke test
                realistic(dir);
            }

            startUp(dir);
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

    /**
     * JVM start to RDY through {@code scripts/vmodem} (found next to the jar's {@code target/}), several starts with
     * the class-data archive and several without, each figure the median. Skipped when the jar or script is missing.
     */
    void startUp(Path dir) throws Exception {
        Path script = jar.toAbsolutePath().getParent().resolveSibling("scripts").resolve("vmodem");
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(script)) {
            return;
        }
        int runs = quick ? 3 : 9;
        double[] cds = EndToEnd.startsToRdy(script, dir, runs, true);
        double[] plain = EndToEnd.startsToRdy(script, dir, quick ? 3 : 5, false);
        double median = EndToEnd.median(cds);
        double plainMedian = EndToEnd.median(plain);
        figures.add(Figure.of("Start-up", "JVM start to RDY on a pty", median, "ms",
                String.format(Locale.ROOT, "median of %d starts of scripts/vmodem (its JVM flags and class-data archive)"
                    + " with the embedded FTP server, until RDY is read on the pty; each start %s ms; median %.0f ms"
                    + " without the archive (VMODEM_CDS=off, %d starts)", runs, list(cds), plainMedian, plain.length))
            .baseline(plainMedian).target("≤ 1000 ms", median <= 1000));
    }

    /** The values, as whole numbers when they are large (ms), with one decimal when small (MB/s). */
    private static String list(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v));
        }
        return b.toString();
    }

    /**
     * Raw pty throughput and the FTP transfer figures: {@link #WARM_UP_ROUNDS} unmeasured rounds (the JIT compiles the
     * byte paths), then {@link #ROUNDS} rounds of every figure back to back, each figure the median of its rounds. The
     * loops run against vmodem and against the {@link LoopResponder} in turn within each round, so both meet the
     * machine in the same state.
     */
    void transfers(Path dir) throws Exception {
        int big = quick ? 64 * 1024 : 10 * 1024 * 1024;
        String sz = quick ? "64 KB" : "10 MB";
        int rounds = quick ? 1 : ROUNDS;
        int raw = quick ? 1 << 20 : 64 << 20;
        for (int w = 0; w < (quick ? 1 : WARM_UP_ROUNDS); w++) {
            transferRound(dir, big, raw);
        }
        Map<String, double[]> v = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Double> e : transferRound(dir, big, raw).entrySet()) {
                v.computeIfAbsent(e.getKey(), k -> new double[rounds])[r] = e.getValue();
            }
        }
        String of = String.format(Locale.ROOT, "median of %d rounds after %d warm-up rounds; rounds: ", rounds,
            quick ? 1 : WARM_UP_ROUNDS);
        double rawPty = EndToEnd.median(v.get("raw"));
        figures.add(measured("raw pty throughput", v, "raw", of,
            "; bytes written by the modem side of a pty and read by a client, no modem"));
        String getHow = "; whole emulator, embedded server, instant link, passive mode, byte-exact";
        String putHow = "; waits for +FTPPUT: 1,1,<max> before each block, as firmware must; byte-exact on the server";
        figures.add(atLeast(loop("AT+FTPGET=2,1460 loop over a pty, " + sz, v, "getPty", of, getHow), 10));
        figures.add(atLeast(loop("AT+FTPPUT=2,<max> loop over a pty, " + sz, v, "putPty", of, putHow), 10));
        figures.add(halfOfRaw(measured("AT+FTPETGET stream over a pty, " + sz, v, "etget", of,
            "; payload rate, DLE/ETX decoded by the host"), rawPty));
        figures.add(halfOfRaw(measured("AT#FTPGET stream over a pty, " + sz, v, "multitech", of,
            "; multitech profile, payload rate"), rawPty));
        figures.add(loop("AT+FTPGET=2,1460 loop over TCP, " + sz, v, "getTcp", of, getHow));
        figures.add(loop("AT+FTPPUT=2,<max> loop over TCP, " + sz, v, "putTcp", of, putHow));
        String inProcess = "; one modem on an in-memory link in the benchmark's JVM, its own embedded server: the"
            + " emulator's own cost, with no OS transport";
        figures.add(measured("AT+FTPGET=2,1460 loop in process, " + sz, v, "getIn", of, inProcess));
        figures.add(measured("AT+FTPPUT=2,<max> loop in process, " + sz, v, "putIn", of, inProcess));
    }

    /** A transfer figure: the median of its rounds, in MB/s, its rounds and {@code how} in the note. */
    private static Figure measured(String name, Map<String, double[]> v, String key, String of, String how) {
        return Figure.of("Transfers", name, EndToEnd.median(v.get(key)), "MB/s", of + list(v.get(key)) + how);
    }

    /** A streaming figure beside raw pty throughput, with the target "at least half of it". */
    private static Figure halfOfRaw(Figure f, double rawPty) {
        return f.baseline(rawPty).target("≥ 50 % of raw pty", f.value() >= rawPty / 2);
    }

    /** A loop figure with the loop responder's figure on the same transport as its baseline. */
    private static Figure loop(String name, Map<String, double[]> v, String key, String of, String how) {
        double value = EndToEnd.median(v.get(key));
        double base = EndToEnd.median(v.get(key + "Base"));
        return measured(name, v, key, of, how + String.format(Locale.ROOT, "; baseline: the loop responder on the"
            + " same transport (the same answers, no FTP or command engine behind them), rounds: %s; vmodem at %.0f %%"
            + " of it", list(v.get(key + "Base")), 100 * value / base)).baseline(base);
    }

    /**
     * The target "at least {@code mbs} MB/s". When it is missed the note says what limits the figure: the transport,
     * when the loop responder misses it too; otherwise how much of the transport's limit vmodem reaches, which the
     * note has already, and where docs/performance.md says what takes the rest.
     */
    static Figure atLeast(Figure f, double mbs) {
        boolean met = f.value() >= mbs;
        String note = met ? f.note() : f.baseline() < mbs ? f.note() + String.format(Locale.ROOT, "; the loop"
            + " responder does not reach %.0f MB/s on this transport either: the transport limits this figure"
            + " (docs/performance.md)", mbs) : f.note() + "; what takes the rest: docs/performance.md, \"What limits"
            + " the figures\"";
        return new Figure(f.group(), f.name(), f.value(), f.unit(), f.baseline(), "", null, note)
            .target(String.format(Locale.ROOT, "≥ %.0f MB/s", mbs), met);
    }

    /** Rounds of each transfer figure, after the warm-up rounds. */
    static final int ROUNDS = 5;

    /**
     * Unmeasured rounds first: the byte paths reach their compiled speed only after a few 10 MB transfers (measured
     * in one JVM: the first rounds run at a third to a half of the later ones).
     */
    static final int WARM_UP_ROUNDS = 2;

    /** One round of the transfer figures, MB/s by key; each loop against vmodem is followed by its baseline. */
    private static Map<String, Double> transferRound(Path dir, int size, int rawBytes) throws Exception {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("raw", EndToEnd.rawPtyThroughput(dir, rawBytes));
        r.put("getPty", FtpFigures.getLoop(dir, size, FtpFigures.EMULATOR_PTY));
        r.put("getPtyBase", FtpFigures.getLoop(dir, size, FtpFigures.RESPONDER_PTY));
        r.put("putPty", FtpFigures.putLoop(dir, size, FtpFigures.EMULATOR_PTY));
        r.put("putPtyBase", FtpFigures.putLoop(dir, size, FtpFigures.RESPONDER_PTY));
        r.put("etget", FtpFigures.etget(dir, size));
        r.put("multitech", FtpFigures.multitechGet(dir, size));
        r.put("getTcp", FtpFigures.getLoop(dir, size, FtpFigures.EMULATOR_TCP));
        r.put("getTcpBase", FtpFigures.getLoop(dir, size, FtpFigures.RESPONDER_TCP));
        r.put("putTcp", FtpFigures.putLoop(dir, size, FtpFigures.EMULATOR_TCP));
        r.put("putTcpBase", FtpFigures.putLoop(dir, size, FtpFigures.RESPONDER_TCP));
        r.put("getIn", FtpFigures.getLoop(dir, size, FtpFigures.IN_PROCESS));
        r.put("putIn", FtpFigures.putLoop(dir, size, FtpFigures.IN_PROCESS));
        return r;
    }

    /** The realistic-mode download against its derived prediction; the terms go in the note. */
    void realistic(Path dir) throws Exception {
        RealisticFigures.Result r = RealisticFigures.download(dir);
        double predicted = r.predictedMs();
        double off = Math.abs(r.measuredMs() - predicted) / predicted;
        figures.add(Figure.of("Realistic mode", "100 KB AT+FTPGET download, gprs, " + r.baud() + " baud",
                r.measuredMs(), "ms", String.format(Locale.ROOT, "AT+FTPGET=1 to +FTPGET: 1,0; predicted %.0f ms = %s;"
                    + " off by %.1f %%", predicted, RealisticPrediction.note(r.terms()), off * 100))
            .baseline(predicted).target("within 10 % of the prediction", off <= 0.10));
        System.out.printf(Locale.ROOT, "realistic download: measured %.1f ms, predicted %.1f ms (%.1f %% off)%n",
            r.measuredMs(), predicted, off * 100);
        r.terms().forEach(t -> System.out.println("  " + t));
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
