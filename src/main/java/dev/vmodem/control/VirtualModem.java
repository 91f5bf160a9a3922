package dev.vmodem.control;

import dev.vmodem.at.AtEngine;
import dev.vmodem.client.AtClient;
import dev.vmodem.config.Config;
import dev.vmodem.config.Realistic;
import dev.vmodem.ftp.EmbeddedFtpServer;
import dev.vmodem.serial.PacedLink;
import java.util.concurrent.CompletableFuture;
import dev.vmodem.modem.Modem;
import dev.vmodem.net.BearerInfo;
import dev.vmodem.net.BearerStatus;
import dev.vmodem.net.DropReason;
import dev.vmodem.net.Fault;
import dev.vmodem.net.LinkModel;
import dev.vmodem.net.Network;
import dev.vmodem.net.NetworkListener;
import dev.vmodem.net.RadioState;
import dev.vmodem.scenario.Scenario;
import dev.vmodem.scenario.ScenarioRunner;
import dev.vmodem.serial.PipeLink;
import dev.vmodem.serial.PtyLink;
import dev.vmodem.serial.SerialLink;
import dev.vmodem.serial.SerialPortLink;
import dev.vmodem.serial.TcpLink;
import dev.vmodem.time.Scheduler;
import dev.vmodem.time.SystemScheduler;
import dev.vmodem.time.VirtualScheduler;
import dev.vmodem.trace.Recording;
import dev.vmodem.trace.TraceTap;
import dev.vmodem.trace.Transcript;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running virtual modem with everything around it: the modem on a serial transport, its own embedded FTP server,
 * its simulated network, a transcript of the serial line, and optionally a scenario, a recording and the HTTP
 * control API. This is how tests start a modem, and how the {@code vmodem} command assembles one.
 *
 * <pre>
 *   try (VirtualModem m = VirtualModem.builder().ftpRoot(dir).start()) {     // in memory (PipeLink)
 *       m.awaitReady();                                                      // RDY ... SMS Ready, consumed
 *       assertThat(m.at().command("AT+CSQ")).contains("+CSQ: 20,0");
 *       m.network().faults().inject(Fault.coverageLoss());
 *       m.network().radio().setSignal(5, 0);
 *       assertThat(m.transcript().commands()).contains("AT+CSQ");
 *   }
 *
 *   // firmware running as a process, on a pty; control API for a script in another language
 *   try (VirtualModem m = VirtualModem.builder().ftpRoot(dir).pty(Path.of("/tmp/ttyFW0"))
 *           .control("127.0.0.1:0").start()) {
 *       Process fw = new ProcessBuilder("./firmware", "/tmp/ttyFW0").start();
 *       ...
 *   }
 * </pre>
 *
 * <p>Transports: {@link Builder#pipe()} (the default: in memory, {@link #at()} is the host), {@link Builder#pty},
 * {@link Builder#tcp}, {@link Builder#serial}, or any {@link SerialLink}. On a pty or TCP, {@link #at()} opens a
 * client on first use, playing the host itself; do not use it while firmware is attached.
 *
 * <p>Time: real time by default; {@link Builder#virtualTime()} puts the modem, its network and its scenario on a
 * {@link VirtualScheduler} ({@link #time()}), so nothing happens until the test advances the clock.
 *
 * <p>{@link #close()} stops everything it started: control server, recording (flushed), modem and link, FTP server.
 */
public final class VirtualModem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VirtualModem.class);

    private final Modem modem;
    private final Scheduler scheduler;
    private final Transcript transcript;
    private final SerialLink link;
    private final PowerGate gate;
    private volatile EmbeddedFtpServer ftpServer;
    private final Path ftpRoot;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ReentrantLock waitLock = new ReentrantLock();
    private final Condition changed = waitLock.newCondition();
    private AtClient client;
    private ControlServer control;
    private ControlServer dashboard;
    private Recording.Writer recorder;
    private volatile ScenarioRunner scenario;
    private volatile long bootMark;
    private volatile boolean closed;
    private int powerGeneration;

    private VirtualModem(Builder b, Scheduler scheduler, CompletableFuture<EmbeddedFtpServer> ftpStarting)
            throws IOException {
        this.scheduler = scheduler;
        this.ftpRoot = ftpStarting == null ? null : b.ftpRoot;
        SerialLink l = b.link != null ? b.link : new PipeLink();
        int spinMicros = b.config.getInt("serial.spin.us", (int) (PtyLink.DEFAULT_SPIN.toNanos() / 1000));
        Duration spin = Duration.ofNanos(1000L * spinMicros);
        try {
            if (l instanceof PtyLink pty) {
                pty.spin(spin);
            } else if (l instanceof TcpLink tcp) {
                tcp.spin(spin);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting serial.spin.us=" + spinMicros + " is out of range (0 to "
                + PtyLink.MAX_SPIN.toNanos() / 1000 + " microseconds)", e);
        }
        if (b.config.getBoolean("serial.pacing", false)) {
            l = new PacedLink(l, b.config.getInt("serial.baud", 115200), scheduler);
        }
        this.link = l;
        Modem.Builder mb = Modem.builder().config(b.config).scheduler(scheduler).stateDir(b.stateDir);
        if (b.profile != null) {
            mb.profile(b.profile);
        }
        this.modem = mb.build();
        this.transcript = new Transcript(scheduler, b.transcriptLimit())
            .title(modem.profile().name() + " on " + link.description());
        this.gate = new PowerGate(link);
        Network net = modem.network();
        net.addListener(new Notes());
        if (ftpStarting != null) {
            // the server starts after the link opens, while the modem powers on (see Builder.start), so RDY is not
            // held up by it; lookups routed to it wait until it listens
            net.router().setEmbeddedServerStarting(
                ftpStarting.thenApply(f -> new InetSocketAddress(f.host(), f.port())));
        }
        if (b.linkPreset != null) {
            net.setLinkModel(LinkModel.preset(b.linkPreset));
        }
        for (Fault f : b.faults) {
            net.faults().inject(f);
            transcript.note("fault injected: " + f);
        }
        AtEngine.Tap trace = b.trace == null ? null : new TraceTap(b.trace);
        transcript.subscribe(e -> signalChange());
        modem.engine().tap(trace == null ? transcript : new Taps(transcript, trace));
        modem.engine().interceptor((req, ctx, h) -> {
            ScenarioRunner r = scenario;
            return r == null ? null : r.intercept(req, ctx, h);
        });
        Scenario s = b.scenario;
        if (s == null && b.config.get("scenario.file") != null) {
            s = Scenario.read(Path.of(b.config.get("scenario.file")));
        }
        if (s != null) {
            loadScenario(s);
        }
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }

    public static Builder builder() {
        return new Builder();
    }

    private void open(Builder b) throws IOException {
        SerialLink bare = link instanceof PacedLink paced ? paced.inner() : link;
        if (bare instanceof PipeLink pipe) {
            client = new AtClient(pipe.hostInput(), pipe.hostOutput());
        }
        bootMark = transcript.lastSeq();
        modem.start(gate);
        transcript.title(modem.profile().name() + " on " + link.description());
        Path record = b.record != null ? b.record : path(b.config.get("record.file"));
        if (record != null) {
            recorder = Recording.writer(record, transcript);    // from the first entry: nothing is missed
        }
        String listen = b.control != null ? b.control : b.config.get("control.listen");
        if (listen != null) {
            String token = b.controlToken != null ? b.controlToken : b.config.get("control.token");
            control = ControlServer.start(this, listen, token);
        }
        String page = b.dashboard != null ? b.dashboard : b.config.get("dashboard.listen");
        if (page != null) {
            String token = b.controlToken != null ? b.controlToken : b.config.get("control.token");
            network().transfers().wantTotals(true);
            dashboard = ControlServer.startDashboard(this, page, token);
        }
    }

    // ---- the parts ----

    /** The modem itself (profile, engine, power state). */
    public Modem modem() {
        return modem;
    }

    /** The simulated network: {@code radio()}, {@code bearers()}, {@code faults()}, {@code setLinkModel(...)}. */
    public Network network() {
        return modem.network();
    }

    /** Everything said on the serial line so far (and notes); see {@link Transcript}. */
    public Transcript transcript() {
        return transcript;
    }

    /** The modem's clock. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The virtual clock, when built with {@link Builder#virtualTime()} or a {@link VirtualScheduler}. */
    public VirtualScheduler time() {
        if (scheduler instanceof VirtualScheduler v) {
            return v;
        }
        throw new IllegalStateException("this modem runs on real time (build it with virtualTime())");
    }

    /** The transport the modem talks over (the {@link PtyLink}, {@link TcpLink}... given or made by the builder). */
    public SerialLink link() {
        return link;
    }

    /**
     * Where a host connects: the pty's path, {@code HOST:PORT} for TCP, the device for a serial port; null in
     * memory. Pass it to the firmware under test.
     */
    public String endpoint() {
        if (link instanceof PtyLink pty) {
            return pty.linkPath().toString();
        }
        if (link instanceof TcpLink tcp) {
            return tcp.bindAddress().getAddress().getHostAddress() + ":" + tcp.port();
        }
        if (link instanceof SerialPortLink port) {
            return port.portPath();
        }
        return null;
    }

    /** The embedded FTP server, or null when none was asked for. */
    public EmbeddedFtpServer ftpServer() {
        return ftpServer;
    }

    /** The embedded FTP server's root folder, or null. */
    public Path ftpRoot() {
        return ftpRoot;
    }

    /** The HTTP control API, or null when it is off. */
    public ControlServer control() {
        return control;
    }

    /** The web dashboard (its page and the control API), or null when it is off. */
    public ControlServer dashboard() {
        return dashboard;
    }

    /** The running scenario, or null. */
    public ScenarioRunner scenario() {
        return scenario;
    }

    /**
     * An AT client playing the host. In memory it is connected from the start (the power-on codes are in it until
     * {@link #awaitReady()} consumes them); on a pty or TCP it connects on first use.
     */
    public synchronized AtClient at() {
        if (client == null) {
            client = connectClient();
        }
        return client;
    }

    private AtClient connectClient() {
        try {
            if (link instanceof PtyLink pty) {
                // Two channels: one FileChannel serialises its reads and writes. Channels, not file streams:
                // closing them wakes the client's blocked reader.
                FileChannel rd = FileChannel.open(pty.linkPath(), StandardOpenOption.READ);
                FileChannel wr = FileChannel.open(pty.linkPath(), StandardOpenOption.WRITE);
                resources.add(rd);
                resources.add(wr);
                return new AtClient(Channels.newInputStream(rd), Channels.newOutputStream(wr));
            }
            if (link instanceof TcpLink tcp) {
                Socket s = new Socket(tcp.bindAddress().getAddress(), tcp.port());
                resources.add(s);
                AtClient c = new AtClient(s.getInputStream(), s.getOutputStream());
                if (sawSince(bootMark, "SMS Ready")) {
                    // written before anyone connected, the power-on codes were held for the first client
                    c.awaitLine(java.util.regex.Pattern.compile("SMS Ready"));
                }
                return c;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect a client to " + link.description(), e);
        }
        throw new IllegalStateException("no built-in client for " + link.description()
            + "; connect your own host to it");
    }

    /** A copy of the state, as the control API shows it. */
    public ModemState state() {
        Network net = network();
        RadioState radio = net.radio().state();
        List<ModemState.Bearer> bearers = new ArrayList<>();
        for (BearerInfo i : net.bearers().all()) {
            bearers.add(new ModemState.Bearer(i.cid(), i.status().name(), i.ip(), i.profile().apn()));
        }
        List<String> faults = new ArrayList<>();
        for (Fault f : net.faults().active()) {
            faults.add(f.toString());
        }
        ScenarioRunner r = scenario;
        return new ModemState(modem.profile().name(), link.description(), gate.isOn() ? "on" : "off", modem.cfun(),
            modem.simReady(), radio, bearers, net.linkModel().name(), faults, modem.status(),
            ftpServer == null ? null : "ftp://" + ftpServer.host() + ":" + ftpServer.port(),
            new ModemState.TranscriptInfo(transcript.lastSeq(), transcript.size(), transcript.limit(),
                transcript.droppedEntries()),
            r == null ? null : r.status(), net.transfers().all());
    }

    // ---- acting on it ----

    /** Sends an unsolicited result code (written when the line is idle). */
    public void urc(String text) {
        modem.engine().context().urc(text);
    }

    /** Adds a note to the transcript. */
    public void note(String text) {
        transcript.note(text);
    }

    /**
     * Restarts the modem as AT+CFUN=1,1 would: bearers and sockets are dropped, unsaved settings forgotten, and the
     * power-on codes come again.
     */
    public void reset() {
        transcript.note("reset");
        powerOff("modem reset");
        powerOn();
    }

    /**
     * Cuts the power for {@code off} on the modem's clock, then powers on. While off the modem neither answers nor
     * sends anything; what the host sends is lost.
     */
    public void powerCycle(Duration off) {
        transcript.note("power off for " + off.toMillis() + " ms");
        int gen = powerOff("power off");
        scheduler.schedule(off, () -> {
            synchronized (this) {
                if (gen != powerGeneration || closed) {
                    return;
                }
            }
            powerOn();
        });
    }

    private int powerOff(String why) {
        int gen;
        synchronized (this) {
            gen = ++powerGeneration;
        }
        gate.power(false);
        modem.simOff();
        modem.engine().reset();
        Network net = network();
        net.radio().setRadioOn(false);
        net.resetAllSockets(why);
        return gen;
    }

    private void powerOn() {
        long lost = gate.takeIgnored();
        if (lost > 0) {
            transcript.note(lost + " bytes from the host were lost while the modem was off");
        }
        network().radio().setRadioOn(true);
        modem.engine().reset();
        gate.power(true);
        bootMark = transcript.lastSeq();
        transcript.note("power on");
        modem.restart();
    }

    /**
     * Waits until the modem has finished powering on (SMS Ready, or the SIM ready when autobaud keeps it silent),
     * at most 10 s of the modem's clock (advanced by this call on virtual time). In memory, the power-on codes are
     * then consumed from {@link #at()}, so the next command's answer starts clean.
     */
    public VirtualModem awaitReady() {
        return awaitReady(Duration.ofSeconds(10));
    }

    /** {@link #awaitReady()} with another limit. */
    public VirtualModem awaitReady(Duration timeout) {
        if (scheduler instanceof VirtualScheduler v) {
            Duration step = Duration.ofMillis(10);
            Duration waited = Duration.ZERO;
            v.runDue();
            while (!isReady()) {
                if (waited.compareTo(timeout) >= 0) {
                    throw new AssertionError("modem not ready after " + timeout + " (virtual time); "
                        + transcript.urcs());
                }
                v.advance(step);
                waited = waited.plus(step);
            }
            if (link instanceof PacedLink paced) {
                // the paced line shifts the power-on codes out on the clock: let it finish
                long limit = System.nanoTime() + timeout.toNanos();
                while (paced.pending() > 0 && System.nanoTime() < limit) {
                    if (!v.advanceToNextSleeper()) {
                        Thread.onSpinWait();
                    }
                }
            }
        } else {
            long deadline = System.nanoTime() + timeout.toNanos();
            waitLock.lock();
            try {
                while (!isReady()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("modem not ready after " + timeout + "; URCs so far: "
                            + transcript.urcs());
                    }
                    changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for the modem to be ready");
            } finally {
                waitLock.unlock();
            }
        }
        // The transcript sees a URC as the engine encodes it, a moment before the engine writes it to the link under
        // the same lock: taking the lock once means the power-on codes have been written (or discarded) by now.
        modem.engine().execute(() -> { });
        if ((link instanceof PipeLink || link instanceof PacedLink p && p.inner() instanceof PipeLink) && client != null && sawSince(bootMark, "SMS Ready")) {
            client.awaitLine(java.util.regex.Pattern.compile("SMS Ready"));
        }
        return this;
    }

    private boolean isReady() {
        if (!modem.simReady()) {
            return false;
        }
        return modem.engine().settings().ipr == 0 || sawSince(bootMark, "SMS Ready");
    }

    private boolean sawSince(long seq, String urc) {
        for (Transcript.Entry e : transcript.entriesAfter(seq)) {
            if (e.urcs().contains(urc)) {
                return true;
            }
        }
        return false;
    }

    private void signalChange() {
        if (waitLock.tryLock()) {
            try {
                changed.signalAll();
            } finally {
                waitLock.unlock();
            }
        }
    }

    // ---- scenarios ----

    /** Loads a scenario, replacing the running one; see {@link Scenario} for the format. */
    public ScenarioRunner loadScenario(Scenario s) {
        ScenarioRunner old = scenario;
        if (old != null) {
            old.stop();
            transcript.note("scenario " + old.scenario().name() + " stopped");
        }
        ScenarioRunner r = ScenarioRunner.start(s, new ScenarioTarget());
        scenario = r;
        return r;
    }

    /** Parses and loads a scenario from YAML or JSON text. */
    public ScenarioRunner loadScenario(String text) {
        return loadScenario(Scenario.parse(text));
    }

    /** Reads and loads a scenario file. */
    public ScenarioRunner loadScenario(Path file) throws IOException {
        return loadScenario(Scenario.read(file));
    }

    /** Stops the running scenario, if any: overrides and pending events no longer apply. */
    public void stopScenario() {
        ScenarioRunner old = scenario;
        scenario = null;
        if (old != null) {
            old.stop();
            transcript.note("scenario " + old.scenario().name() + " stopped");
        }
    }

    private final class ScenarioTarget implements ScenarioRunner.Target {
        @Override
        public Network network() {
            return VirtualModem.this.network();
        }

        @Override
        public Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public void urc(String text) {
            VirtualModem.this.urc(text);
        }

        @Override
        public void reset() {
            VirtualModem.this.reset();
        }

        @Override
        public void powerCycle(Duration off) {
            VirtualModem.this.powerCycle(off);
        }

        @Override
        public void note(String text) {
            transcript.note(text);
        }
    }

    // ---- replay ----

    /**
     * Plays the host side of a recording against this modem, as the recorded firmware did: each host burst is sent
     * once the modem has completed as many lines as it had before that burst in the recording, or after
     * {@code patience} without them (so a changed answer does not hang the replay). Afterwards compare
     * {@code Exchange.of(transcript())} with {@code recording.exchange()}. Passwords were masked when recorded, so
     * the mask is what a replay sends.
     */
    public void replay(Recording recording, Duration patience) {
        AtClient host = at();
        LineCounter recorded = new LineCounter();
        for (Recording.Item item : recording.items()) {
            switch (item.kind()) {
                case MODEM -> recorded.feed(item.bytes());
                case HOST -> {
                    awaitModemLines(recorded.lines, patience);
                    host.send(item.bytes());
                }
                default -> {
                }
            }
        }
        awaitModemLines(recorded.lines, patience);
    }

    /** Counts completed non-empty lines, as {@link dev.vmodem.trace.Exchange} cuts them. */
    private static final class LineCounter {
        int lines;
        boolean inLine;

        void feed(byte[] bytes) {
            for (byte b : bytes) {
                if (b == '\r' || b == '\n') {
                    if (inLine) {
                        lines++;
                    }
                    inLine = false;
                } else {
                    inLine = true;
                }
            }
        }
    }

    private void awaitModemLines(int n, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        waitLock.lock();
        try {
            while (true) {
                LineCounter now = new LineCounter();
                now.feed(transcript.modemOutput().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                if (now.lines >= n) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.debug("replay: the modem completed {} of {} recorded lines; going on", now.lines, n);
                    return;
                }
                changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waitLock.unlock();
        }
    }

    // ---- lifecycle ----

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ScenarioRunner r = scenario;
        if (r != null) {
            r.stop();
        }
        closeQuietly(control);
        closeQuietly(dashboard);
        closeQuietly(client);
        for (AutoCloseable c : resources) {
            closeQuietly(c);
        }
        closeQuietly(modem);
        closeQuietly(recorder);
        closeQuietly(ftpServer);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.warn("stopping {} failed: {}", c, e.toString());
        }
    }

    @Override
    public String toString() {
        return "VirtualModem[" + modem.profile().name() + " on " + link.description() + "]";
    }

    /** Notes network changes in the transcript. */
    private final class Notes implements NetworkListener {
        @Override
        public void radioChanged(RadioState b, RadioState a) {
            transcript.note("radio: creg " + a.creg().code() + " cgreg " + a.cgreg().code() + " csq " + a.rssi() + ","
                + a.ber() + (a.attached() ? " attached" : " detached") + (a.radioOn() ? "" : " (radio off)")
                + (a.inCoverage() ? "" : " (no coverage)"));
        }

        @Override
        public void bearerChanged(int cid, BearerStatus before, BearerStatus after) {
            String ip = after == BearerStatus.CONNECTED ? " " + network().bearers().info(cid).ip() : "";
            transcript.note("bearer " + cid + ": " + before + " -> " + after + ip);
        }

        @Override
        public void bearerDropped(int cid, DropReason reason) {
            transcript.note("bearer " + cid + " dropped by the network: " + reason);
        }
    }

    /** Both taps see everything. */
    private record Taps(AtEngine.Tap a, AtEngine.Tap b) implements AtEngine.Tap {
        @Override
        public void hostToModem(byte[] bytes, int offset, int length) {
            a.hostToModem(bytes, offset, length);
            b.hostToModem(bytes, offset, length);
        }

        @Override
        public void modemToHost(byte[] bytes, int offset, int length) {
            a.modemToHost(bytes, offset, length);
            b.modemToHost(bytes, offset, length);
        }

        @Override
        public void commandLine(String line) {
            a.commandLine(line);
            b.commandLine(line);
        }

        @Override
        public void urc(String text) {
            a.urc(text);
            b.urc(text);
        }
    }

    /**
     * Builds and starts a {@link VirtualModem}. Defaults: profile from the config (sim800), real time, in-memory
     * transport, no FTP server, no state directory (settings in memory), transcript budget 8 MiB, no control API.
     * Settings not named here go through {@link #set}; keys are those of {@code config/vmodem.properties}.
     */
    public static final class Builder {
        private Config config = Config.defaults();
        private String profile;
        private Scheduler scheduler;
        private Path stateDir;
        private Path ftpRoot;
        private SerialLink link;
        private String linkPreset;
        private final List<Fault> faults = new ArrayList<>();
        private Scenario scenario;
        private String control;
        private String controlToken;
        private String dashboard;
        private Path record;
        private PrintStream trace;
        private Long transcriptLimit;

        private Builder() {
        }

        /** Settings to start from (default: the built-in defaults). */
        public Builder config(Config c) {
            this.config = Objects.requireNonNull(c, "config");
            return this;
        }

        /** One setting, as in {@code config/vmodem.properties}: {@code set("network.registration", "searching")}. */
        public Builder set(String key, String value) {
            this.config = config.with(key, value);
            return this;
        }

        /** The modem profile: sim800, sim800-strict, multitech. */
        public Builder profile(String name) {
            this.profile = name;
            return this;
        }

        /** The clock for the modem, its network and scenarios. */
        public Builder scheduler(Scheduler s) {
            this.scheduler = s;
            return this;
        }

        /** A new {@link VirtualScheduler}: nothing happens until the test advances {@link VirtualModem#time()}. */
        public Builder virtualTime() {
            return scheduler(new VirtualScheduler());
        }

        /** Where AT&amp;W settings and the FTP context are kept (default: memory only). */
        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        /**
         * Starts an embedded FTP server serving {@code dir} (created if missing) on a free loopback port, and sends
         * the modem's FTP traffic there unless a route says otherwise. Other {@code ftp.server.*} settings apply
         * (by default: samples 1K.txt and 256.bin written if missing, any user and password accepted).
         */
        public Builder ftpRoot(Path dir) {
            this.ftpRoot = dir;
            return this;
        }

        /** In memory (the default): {@link VirtualModem#at()} is the host. */
        public Builder pipe() {
            this.link = null;
            return this;
        }

        /** A pseudo-terminal at {@code path} (a symlink to /dev/pts/N) for firmware running as a process. */
        public Builder pty(Path path) {
            return link(new PtyLink(path));
        }

        /** A TCP server for raw bytes, {@code [HOST:]PORT} (port 0: any free port; see {@link TcpLink#port()}). */
        public Builder tcp(String spec) {
            return link(TcpLink.parse(spec));
        }

        /** A real or virtual COM port. */
        public Builder serial(String device, int baud) {
            return link(new SerialPortLink(device, baud));
        }

        /** Any transport. */
        public Builder link(SerialLink l) {
            this.link = Objects.requireNonNull(l, "link");
            return this;
        }

        /** A link model preset: instant, gprs, edge, lte-m. */
        public Builder linkPreset(String name) {
            LinkModel.preset(name);
            this.linkPreset = name;
            return this;
        }

        /** A fault in effect from the start. */
        public Builder fault(Fault f) {
            faults.add(Objects.requireNonNull(f, "fault"));
            return this;
        }

        /** A fault in effect from the start, in the {@link Fault#parse} form: {@code "cut 1000 once dir=down"}. */
        public Builder fault(String spec) {
            return fault(Fault.parse(spec));
        }

        /** A scenario loaded before power-on (its setup applies at boot). */
        public Builder scenario(Scenario s) {
            this.scenario = s;
            return this;
        }

        /** A scenario file loaded before power-on. */
        public Builder scenario(Path file) throws IOException {
            return scenario(Scenario.read(file));
        }

        /** Starts the HTTP control API on {@code [HOST:]PORT} (host 127.0.0.1 unless given; port 0: any). */
        public Builder control(String listen) {
            this.control = listen;
            return this;
        }

        /**
         * Serves the web dashboard on {@code [HOST:]PORT} (host 127.0.0.1 unless given; port 0: any): a page that
         * follows the modem live, with the control API behind it (docs/dashboard.md).
         */
        public Builder dashboard(String listen) {
            this.dashboard = listen;
            return this;
        }

        /**
         * Realistic timing ({@code modem.realistic=true}): power-on codes, bearer activation, FTP set-up, the gprs
         * link and UART pacing take the time a SIM800 takes ({@link Realistic}).
         */
        public Builder realistic() {
            return set(Realistic.KEY, "true");
        }

        /** The bearer token the control API requires. */
        public Builder controlToken(String token) {
            this.controlToken = token;
            return this;
        }

        /** Writes the session to {@code file} as it happens, in the {@link Recording} form. */
        public Builder record(Path file) {
            this.record = file;
            return this;
        }

        /** Also prints the serial traffic, readable, to {@code out} (the CLI's {@code --trace}). */
        public Builder trace(PrintStream out) {
            this.trace = out;
            return this;
        }

        /** The transcript's memory budget (default 8 MiB, or {@code transcript.limit.kb}). */
        public Builder transcriptLimit(long bytes) {
            this.transcriptLimit = bytes;
            return this;
        }

        long transcriptLimit() {
            if (transcriptLimit != null) {
                return transcriptLimit;
            }
            return config.getInt("transcript.limit.kb", (int) (Transcript.DEFAULT_LIMIT_BYTES / 1024)) * 1024L;
        }

        /**
         * Builds the modem, opens the transport and powers on, then starts the FTP server (if any) while the
         * power-on codes go out. On failure, whatever was started is stopped again.
         */
        public VirtualModem start() throws IOException {
            Scheduler s = scheduler != null ? scheduler : SystemScheduler.get();
            config = Realistic.apply(config);
            // The FTP server starts once the link is open and the power-on codes are scheduled: RDY does not wait
            // for it, nor share the CPU with its start (TLS set-up is the costliest part of a start). Lookups routed
            // to it wait until it listens.
            CompletableFuture<EmbeddedFtpServer> ftp = ftpRoot == null ? null : new CompletableFuture<>();
            VirtualModem m = null;
            try {
                m = new VirtualModem(this, s, ftp);
                m.open(this);
                if (ftp != null) {
                    EmbeddedFtpServer server = startFtpServer(config, ftpRoot);
                    m.ftpServer = server;
                    ftp.complete(server);
                }
                return m;
            } catch (IOException | RuntimeException e) {
                if (ftp != null) {
                    ftp.completeExceptionally(e);
                }
                if (m != null) {
                    m.close();
                } else if (link != null) {
                    link.close();
                }
                throw e;
            }
        }
    }

    /** Starts an embedded FTP server for {@code root} as the {@code ftp.server.*} settings say. */
    public static EmbeddedFtpServer startFtpServer(Config c, Path root) throws IOException {
        EmbeddedFtpServer.Builder b = EmbeddedFtpServer.builder(root)
            .host(c.get("ftp.server.host", "127.0.0.1"))
            .port(c.getInt("ftp.server.port", 0))
            .implicitTlsPort(c.getInt("ftp.server.tls.implicit.port", 0))
            .tls(c.getBoolean("ftp.server.tls", true))
            .seedSamples(c.getBoolean("ftp.server.samples", true));
        String keystore = c.get("ftp.server.tls.keystore");
        if (keystore != null) {
            b.keystore(Path.of(keystore));
        }
        for (String account : c.get("ftp.server.accounts", "").split(",")) {
            int colon = account.indexOf(':');
            if (colon > 0) {
                b.account(account.substring(0, colon).trim(), account.substring(colon + 1));
            }
        }
        return b.build().start();
    }
}
