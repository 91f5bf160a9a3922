package dev.vmodem.modem;

import dev.vmodem.at.AtEngine;
import dev.vmodem.at.Settings;
import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.config.Config;
import dev.vmodem.net.Network;
import dev.vmodem.net.NetworkConfig;
import dev.vmodem.profile.Profile;
import dev.vmodem.serial.SerialLink;
import dev.vmodem.time.Scheduler;
import dev.vmodem.time.SystemScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emulated modem: a profile, an AT engine with the profile's command set, the modem's power and SIM state, and
 * the serial link it talks over. Cheap to create: no threads of its own (the link has its reader; timers are
 * shared).
 *
 * <pre>
 *   Modem modem = Modem.builder().scheduler(time).build();
 *   modem.start(link);          // opens the link and powers on: RDY, +CFUN: 1, +CPIN: READY, Call Ready, SMS Ready
 *   ...
 *   modem.close();
 * </pre>
 */
public final class Modem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Modem.class);

    /** AT+CFUN levels. */
    public static final int CFUN_MINIMUM = 0;
    public static final int CFUN_FULL = 1;
    public static final int CFUN_FLIGHT = 4;

    private final Profile profile;
    private final Config config;
    private final Scheduler scheduler;
    private final SettingsStore settingsStore;
    private final Path stateDir;
    private final AtEngine engine;
    private final Network network;
    private final List<Scheduler.Cancellable> bootTasks = new ArrayList<>();
    private final List<Runnable> restartListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> powerOffListeners = new CopyOnWriteArrayList<>();
    private volatile SerialLink link;
    private volatile int cfun = CFUN_FULL;
    private volatile boolean simReady;
    private volatile boolean closed;
    private int generation;
    private volatile long clockOffsetMillis;
    private volatile int clockZoneQuarters;
    private final Map<String, Supplier<?>> published = new ConcurrentSkipListMap<>();

    private Modem(Builder b) {
        this.config = b.config;
        this.scheduler = b.scheduler;
        this.stateDir = b.stateDir;
        this.settingsStore = new SettingsStore(b.stateDir);
        this.profile = b.profile.with(identityOverrides(b.config));
        this.network = b.network != null ? b.network
            : new Network(scheduler, NetworkConfig.fromProperties(b.config.toProperties()));
        Settings settings = settingsStore.load();
        this.engine = new AtEngine(settings, scheduler, new CommandRegistry(), this::writeToHost);
        this.engine.registry(CommandSets.build(this));
    }

    private static Map<String, String> identityOverrides(Config c) {
        Map<String, String> m = new java.util.TreeMap<>();
        c.withPrefix("identity.").forEach((k, v) -> {
            if (!v.isBlank()) {
                m.put("identity." + k, v);
            }
        });
        return m;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens the link and powers the modem on. */
    public void start(SerialLink link) throws IOException {
        this.link = link;
        link.open(engine);
        powerOn();
    }

    /**
     * Powers on: with a fixed baud rate the modem sends RDY, +CFUN: 1, +CPIN: READY, Call Ready (if AT+CIURC=1) and
     * SMS Ready, one every {@code modem.boot.interval.ms}; with AT+IPR=0 (autobaud) it sends nothing and waits for
     * an {@code AT}.
     */
    public void powerOn() {
        int gen;
        synchronized (this) {
            gen = ++generation;
            cancelBoot();
            cfun = CFUN_FULL;
            simReady = false;
        }
        Settings s = engine.settings();
        List<String> codes = new ArrayList<>(List.of("RDY", "+CFUN: 1"));
        codes.addAll(simCodes(s));
        scheduleCodes(gen, codes, 2, s.ipr == 0);
    }

    /**
     * AT+CFUN=0: the SIM powers down. Codes of a power-on or SIM start still to come are dropped; the command prints
     * {@code +CPIN: NOT READY} itself.
     */
    public void simOff() {
        synchronized (this) {
            ++generation;
            cancelBoot();
            simReady = false;
        }
    }

    /**
     * AT+CFUN=1 after AT+CFUN=0: the SIM starts again and reports {@code +CPIN: READY}, {@code Call Ready} (if
     * AT+CIURC=1) and {@code SMS Ready}, paced like the power-on codes. The host has just sent a command, so the codes
     * are shown even with autobaud.
     */
    public void simOn() {
        int gen;
        synchronized (this) {
            gen = ++generation;
            cancelBoot();
            simReady = false;
        }
        scheduleCodes(gen, simCodes(engine.settings()), 0, false);
    }

    private static List<String> simCodes(Settings s) {
        List<String> codes = new ArrayList<>(List.of("+CPIN: READY"));
        if (s.ciurc) {
            codes.add("Call Ready");
        }
        codes.add("SMS Ready");
        return codes;
    }

    /** Schedules codes one interval apart; the SIM counts as ready from code {@code simReadyAt} on. */
    private void scheduleCodes(int gen, List<String> codes, int simReadyAt, boolean silent) {
        Duration delay = config.getMillis("modem.boot.delay.ms", 0);
        Duration interval = config.getMillis("modem.boot.interval.ms", 100);
        java.util.Map<String, Long> at = bootSchedule(config.get("modem.boot.schedule.ms"));
        long first = at.getOrDefault(codes.get(0), 0L);
        long previous = -1;
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            boolean last = i == codes.size() - 1;
            int index = i;
            Runnable step = () -> {
                synchronized (this) {
                    if (gen != generation || closed) {
                        return;
                    }
                    if (index == simReadyAt) {
                        simReady = true;
                    }
                }
                if (!silent) {
                    engine.context().urc(code);
                }
                if (last) {
                    log.debug("{} complete", simReadyAt == 0 ? "SIM start" : "power-on");
                }
            };
            Duration when = delay.plus(interval.multipliedBy(i));
            if (!at.isEmpty()) {
                // modem.boot.schedule.ms (realistic mode): each code at its own time after power-on; a SIM start
                // (AT+CFUN=1) keeps the gaps but starts at once
                long ms = at.containsKey(code) ? at.get(code) - (simReadyAt == 0 ? first : 0)
                    : previous + interval.toMillis();
                previous = Math.max(ms, previous);
                when = delay.plusMillis(previous);
            }
            synchronized (this) {
                bootTasks.add(scheduler.schedule(when, step));
            }
        }
    }

    /** "RDY=1500,+CFUN: 1=2000,..." → code → ms after power-on; empty when not set. */
    static java.util.Map<String, Long> bootSchedule(String spec) {
        java.util.Map<String, Long> m = new java.util.HashMap<>();
        if (spec == null || spec.isBlank()) {
            return m;
        }
        for (String part : spec.split(",")) {
            int eq = part.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("modem.boot.schedule.ms: expected CODE=MS, not '" + part + "'");
            }
            try {
                m.put(part.substring(0, eq).trim(), Long.parseLong(part.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("modem.boot.schedule.ms: not a number of ms in '" + part + "'");
            }
        }
        return m;
    }

    /**
     * AT+CFUN=1,1 and power-cycles: forget everything but saved settings, then power on again. The engine is reset
     * first (line, pending output and URCs dropped), then, under the engine's lock, the saved settings come back and
     * the {@link #onRestart restart listeners} run, then the power-on codes follow.
     */
    public void restart() {
        engine.reset();
        Settings saved = settingsStore.load();
        engine.execute(() -> {
            engine.settings().copyFrom(saved, true);
            for (Runnable r : restartListeners) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.error("restart listener failed", e);
                }
            }
        });
        powerOn();
    }

    /**
     * A power cycle is about to switch the radio off and {@link #restart}: the {@link #onPowerOff power-off
     * listeners} run now, under the engine's lock, before the radio's sockets are reset, so whatever the module was
     * doing on the network ends with the power rather than as a network failure reported first.
     */
    public void powerOff() {
        engine.execute(() -> {
            for (Runnable r : powerOffListeners) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.error("power-off listener failed", e);
                }
            }
        });
    }

    /** Registers {@code listener} to run at {@link #powerOff()}; it should report nothing. */
    public void onPowerOff(Runnable listener) {
        powerOffListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Registers {@code listener} to run on every {@link #restart} (AT+CFUN=1,1, power-cycles), so a command family
     * can clear what a real module keeps in RAM: the FTP family ends its session without a report and reloads its
     * parameters from the saved context (AT+FTPSCONT) or the defaults. Runs under the AT engine's lock, after the
     * engine was reset and before the power-on codes; it should report nothing (the restart itself is the news).
     * Bearers are not closed here: {@code NetworkSession.powerCycle} turns the radio off around the restart.
     */
    public void onRestart(Runnable listener) {
        restartListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    private synchronized void cancelBoot() {
        bootTasks.forEach(Scheduler.Cancellable::cancel);
        bootTasks.clear();
    }

    private void writeToHost(byte[] b, int off, int len) throws IOException {
        SerialLink l = link;
        if (l != null) {
            l.write(b, off, len);
        }
    }

    public Profile profile() {
        return profile;
    }

    public Config config() {
        return config;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public AtEngine engine() {
        return engine;
    }

    /** The simulated cellular network this modem is registered on. */
    public Network network() {
        return network;
    }

    public SettingsStore settingsStore() {
        return settingsStore;
    }

    /** The state directory (saved settings, FTP context, module file system), or null for none. */
    public Path stateDir() {
        return stateDir;
    }

    public SerialLink link() {
        return link;
    }

    public int cfun() {
        return cfun;
    }

    public void cfun(int level) {
        this.cfun = level;
    }

    /** Whether the SIM has reported ready since power-on (or since AT+CFUN=1 after AT+CFUN=0). */
    public boolean simReady() {
        return simReady;
    }

    /**
     * The real-time clock (AT+CCLK): the scheduler's wall clock plus the offset AT+CCLK set, in epoch milliseconds.
     * Like a module's RTC it keeps running through ATZ and AT+CFUN=1,1.
     */
    public long clockMillis() {
        return scheduler.currentTimeMillis() + clockOffsetMillis;
    }

    /** The RTC's time zone, in quarter hours east of UTC (AT+CCLK's {@code ±zz}). */
    public int clockZoneQuarters() {
        return clockZoneQuarters;
    }

    /** Sets the RTC (AT+CCLK=): from now on it reads {@code epochMillis} plus the time that passes. */
    public void setClock(long epochMillis, int zoneQuarters) {
        this.clockOffsetMillis = epochMillis - scheduler.currentTimeMillis();
        this.clockZoneQuarters = zoneQuarters;
    }

    /**
     * Lets a command family publish its state under a name ("ftp": the FTP session, "store": the RAM buffer), for
     * the control API and tests to read with {@link #status()}. The supplier is called on the reader's thread and
     * should return a small JSON-friendly value (a record, a map, a string); a second call with the same name
     * replaces the first.
     */
    public void publishStatus(String name, Supplier<?> source) {
        published.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(source, "source"));
    }

    /** The published states, by name (see {@link #publishStatus}); a supplier that fails shows its error. */
    public Map<String, Object> status() {
        Map<String, Object> m = new TreeMap<>();
        published.forEach((k, v) -> {
            try {
                m.put(k, v.get());
            } catch (RuntimeException e) {
                m.put(k, "unavailable: " + e);
            }
        });
        return m;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            cancelBoot();
        }
        SerialLink l = link;
        if (l != null) {
            l.close();
        }
    }

    /** Builds a modem. Defaults: profile sim800, real time, built-in config, no state directory. */
    public static final class Builder {
        private Profile profile;
        private Config config = Config.defaults();
        private Scheduler scheduler = SystemScheduler.get();
        private Path stateDir;
        private Network network;

        public Builder profile(Profile p) {
            this.profile = p;
            return this;
        }

        public Builder profile(String name) {
            return profile(Profile.named(name));
        }

        public Builder config(Config c) {
            this.config = c;
            return this;
        }

        public Builder scheduler(Scheduler s) {
            this.scheduler = s;
            return this;
        }

        /** A network to use instead of one built from the configuration. */
        public Builder network(Network n) {
            this.network = n;
            return this;
        }

        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        public Modem build() {
            if (profile == null) {
                profile = Profile.named(config.get("modem.profile", "sim800"));
            }
            return new Modem(this);
        }
    }
}
