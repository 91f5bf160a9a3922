package dev.vmodem.cli;

import ch.qos.logback.classic.Level;
import dev.vmodem.config.Config;
import dev.vmodem.emulator.Emulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The {@code vmodem} command: starts one emulated modem on a serial transport, with the embedded FTP server, and
 * runs until Ctrl-C.
 *
 * <p>The options are parsed here by a small table ({@link #OPTIONS}) rather than by an annotation-driven library:
 * start-up time is part of the emulator's use (a firmware test suite may start it for every run), and the table
 * costs a handful of classes that the class-data archive {@code scripts/vmodem} makes can hold.
 */
public final class Main {

    static final String DESCRIPTION =
        "A virtual SIM800-class cellular modem: AT commands over a serial line, real FTP behind them.";
    static final String FOOTER =
        "Settings not shown here are in the --config file; config/vmodem.properties lists them all.";

    /**
     * The system property {@code scripts/vmodem} sets while the JVM records the class-data archive: a file to
     * create once the emulator has started, so that only a recording of a full start is kept.
     */
    static final String ARCHIVE_MARK = "vmodem.archive.mark";

    Path pty = Path.of("/tmp/ttyVMODEM0");
    String tcp;
    String serial;
    int baud = 115200;
    boolean pace;
    String profile;
    Path config;
    Path ftpRoot;
    Integer ftpPort;
    boolean noFtpServer;
    Path stateDir;
    String control;
    String controlToken;
    String dashboard;
    boolean realistic;
    Path scenario;
    Path record;
    String logLevel = "INFO";
    boolean trace;
    boolean quiet;
    boolean help;
    boolean version;

    /**
     * One option: its names (the long one first), the label of its value in the help ({@code PATH}; null for a
     * flag), and its help text; {@link Main#set} stores what it is given. A plain class, and no lambdas: nothing
     * to link at start-up.
     */
    static final class Option {
        final List<String> names;
        final String label;
        final String help;

        Option(List<String> names, String label, String help) {
            this.names = names;
            this.label = label;
            this.help = help;
        }

        static Option value(String name, String label, String help) {
            return new Option(List.of(name), label, help);
        }

        static Option flag(String name, String help) {
            return new Option(List.of(name), null, help);
        }

        String name() {
            return names.get(0);
        }

        boolean takesValue() {
            return label != null;
        }
    }

    static final List<Option> OPTIONS = List.of(
        Option.value("--pty", "PATH",
            "Pseudo-terminal symlink to create (default: /tmp/ttyVMODEM0). Used unless --tcp or --serial."),
        Option.value("--tcp", "[HOST:]PORT",
            "Listen for raw bytes on TCP instead of a pty (host defaults to 127.0.0.1)."),
        Option.value("--serial", "DEVICE",
            "Use a real or virtual COM port instead of a pty (e.g. /dev/ttyUSB0, one end of a socat pair)."),
        Option.value("--baud", "N", "Baud rate for --serial and for --pace (default: 115200)."),
        Option.flag("--pace",
            "Write to the host no faster than a UART at --baud would carry the bytes (10 bits per byte)."),
        Option.value("--profile", "NAME", "Modem profile: sim800, sim800-strict, multitech (default: sim800)."),
        Option.value("--config", "FILE", "Settings file (see config/vmodem.properties)."),
        Option.value("--ftp-root", "DIR",
            "Folder the embedded FTP server serves (default: ./vmodem-ftp, created with sample files)."),
        Option.value("--ftp-port", "PORT",
            "Port of the embedded FTP server on 127.0.0.1 (default: 0, any free port)."),
        Option.flag("--no-ftp-server", "Do not start the embedded FTP server."),
        Option.value("--state-dir", "DIR",
            "Where AT&W settings and the FTP context are kept (default: ./vmodem-state)."),
        Option.value("--control", "[HOST:]PORT",
            "Serve the HTTP control API (docs/control-api.md) here; host defaults to 127.0.0.1. Off unless given."),
        Option.value("--control-token", "TOKEN",
            "Require 'Authorization: Bearer TOKEN' on the control API (or control.token in --config)."),
        Option.value("--dashboard", "[HOST:]PORT",
            "Serve the web dashboard (docs/dashboard.md) here: live transcript, state, transfers, controls."
                + " Host defaults to 127.0.0.1; honours --control-token."),
        Option.flag("--realistic",
            "Take the time a real SIM800 takes: power-on codes, gprs link (bearer, FTP set-up, bandwidth),"
                + " UART pacing at --baud."),
        Option.value("--scenario", "FILE", "Load a scenario (YAML or JSON; see config/scenarios/) before power-on."),
        Option.value("--record", "FILE", "Write the serial session to FILE in replayable form, as it happens."),
        Option.value("--log-level", "LEVEL", "ERROR, WARN, INFO, DEBUG or TRACE (default: INFO)."),
        Option.flag("--trace", "Print the serial traffic as a readable transcript."),
        Option.flag("--quiet", "No progress lines for transfers."),
        new Option(List.of("--help", "-h"), null, "Show this help message and exit."),
        new Option(List.of("--version", "-V"), null, "Print version information and exit."));

    /** Stores the value of option {@code o} (null for a flag). */
    private void set(Option o, String v) {
        switch (o.name()) {
            case "--pty" -> pty = Path.of(v);
            case "--tcp" -> tcp = v;
            case "--serial" -> serial = v;
            case "--baud" -> baud = integer("--baud", v);
            case "--pace" -> pace = true;
            case "--profile" -> profile = v;
            case "--config" -> config = Path.of(v);
            case "--ftp-root" -> ftpRoot = Path.of(v);
            case "--ftp-port" -> ftpPort = integer("--ftp-port", v);
            case "--no-ftp-server" -> noFtpServer = true;
            case "--state-dir" -> stateDir = Path.of(v);
            case "--control" -> control = v;
            case "--control-token" -> controlToken = v;
            case "--dashboard" -> dashboard = v;
            case "--realistic" -> realistic = true;
            case "--scenario" -> scenario = Path.of(v);
            case "--record" -> record = Path.of(v);
            case "--log-level" -> logLevel = level(v);
            case "--trace" -> trace = true;
            case "--quiet" -> quiet = true;
            case "--help" -> help = true;
            case "--version" -> version = true;
            default -> throw new IllegalStateException("option without a setting: " + o.name());
        }
    }

    /** A mistake on the command line: the message says which option and why. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests): 0, 2 for a usage or settings mistake. */
    public static int run(String... args) {
        Main m = new Main();
        try {
            m.parse(args);
        } catch (UsageException e) {
            System.err.println("vmodem: " + e.getMessage());
            System.err.println("Try 'vmodem --help' for the options.");
            return 2;
        }
        if (m.help) {
            System.out.print(usage());
            System.out.flush();
            return 0;
        }
        if (m.version) {
            System.out.println(version());
            System.out.flush();
            return 0;
        }
        try {
            return m.call();
        } catch (IllegalArgumentException e) {
            // A mistake in a setting, a scenario or an option value: its message says which and where.
            System.err.println("vmodem: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    /** Reads {@code args} into this; {@code --name value} and {@code --name=value} both work. */
    void parse(String... args) {
        Set<Option> seen = new HashSet<>();   // identity: Option does not override equals
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq < 0 ? arg : arg.substring(0, eq);
            Option o = find(name);
            if (o == null) {
                throw new UsageException(arg.startsWith("-") ? "unknown option '" + name + "'"
                    : "unexpected argument '" + arg + "'");
            }
            if (!seen.add(o)) {
                throw new UsageException("option '" + o.name() + "' given more than once");
            }
            String value = null;
            if (o.takesValue()) {
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("option '" + name + "' needs a value (" + o.label + ")");
                }
            } else if (eq >= 0) {
                throw new UsageException("option '" + name + "' takes no value");
            }
            set(o, value);
        }
        if (tcp != null && serial != null) {
            throw new UsageException("choose one of --tcp and --serial");
        }
    }

    private static Option find(String name) {
        for (Option o : OPTIONS) {
            if (o.names.contains(name)) {
                return o;
            }
        }
        return null;
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option '" + option + "': '" + value + "' is not a whole number");
        }
    }

    private static String level(String value) {
        String v = value.trim().toUpperCase(java.util.Locale.ROOT);
        if (!List.of("OFF", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL").contains(v)) {
            throw new UsageException("option '--log-level': '" + value + "' is not one of ERROR, WARN, INFO, DEBUG,"
                + " TRACE");
        }
        return v;
    }

    /** The help text: what vmodem is, then every option with its value and help, wrapped to 80 columns. */
    static String usage() {
        StringBuilder b = new StringBuilder();
        b.append("Usage: vmodem [OPTIONS]\n");
        wrap(b, DESCRIPTION, "", 80);
        b.append('\n');
        int column = 26;
        for (Option o : OPTIONS) {
            String head = o.names.size() > 1 ? "  " + o.names.get(1) + ", " + o.name() : "      " + o.name();
            if (o.takesValue()) {
                head += "=" + o.label;
            }
            String indent = " ".repeat(column + 2);
            if (head.length() + 2 > column) {
                b.append(head).append('\n');
                wrap(b, o.help, " ".repeat(column), 80, indent);
            } else {
                wrap(b, o.help, head + " ".repeat(column - head.length()), 80, indent);
            }
        }
        b.append('\n');
        wrap(b, FOOTER, "", 80);
        return b.toString();
    }

    private static void wrap(StringBuilder b, String text, String first, int width) {
        wrap(b, text, first, width, "");
    }

    /** Appends {@code text} word-wrapped at {@code width}: the first line after {@code first}, the rest indented. */
    private static void wrap(StringBuilder b, String text, String first, int width, String indent) {
        StringBuilder line = new StringBuilder(first);
        int start = line.length();
        for (String word : text.split(" ")) {
            if (line.length() > start && line.length() + 1 + word.length() > width) {
                b.append(line).append('\n');
                line.setLength(0);
                line.append(indent);
                start = line.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        b.append(line).append('\n');
    }

    /** The version from the jar's manifest, or "dev" when run from classes. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return "vmodem " + (v == null ? "dev" : v);
    }

    /** Starts the emulator as the options say, prints the start-up block, and waits until the JVM is stopped. */
    int call() throws Exception {
        Level level = Level.toLevel(logLevel, Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.vmodem")).setLevel(level);

        Config c = Config.defaults();
        if (config != null) {
            c = c.withFile(config);
        }
        c = override(c, "modem.profile", profile);
        c = override(c, "modem.state.dir", stateDir == null ? null : stateDir.toString());
        c = override(c, "ftp.server.root", ftpRoot == null ? null : ftpRoot.toString());
        c = override(c, "ftp.server.port", ftpPort == null ? null : ftpPort.toString());
        c = c.with("serial.baud", Integer.toString(baud));
        if (pace) {
            c = c.with("serial.pacing", "true");
        }
        c = override(c, "control.listen", control);
        c = override(c, "control.token", controlToken);
        c = override(c, "dashboard.listen", dashboard);
        if (realistic) {
            c = c.with("modem.realistic", "true");
        }
        c = override(c, "scenario.file", scenario == null ? null : scenario.toString());
        c = override(c, "record.file", record == null ? null : record.toString());
        if (noFtpServer) {
            c = c.with("ftp.server.enabled", "false");
        }
        Emulator.Transport transport = tcp != null ? Emulator.Transport.tcp(tcp)
            : serial != null ? Emulator.Transport.serial(serial, baud)
            : Emulator.Transport.pty(pty);

        Emulator emulator = new Emulator(c, transport, trace, quiet);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "vmodem-shutdown"));
        emulator.start();
        PrintStream out = System.out;
        out.println(emulator.banner());
        out.flush();
        markStarted();
        stopped.await();
        return 0;
    }

    /** Creates the {@value #ARCHIVE_MARK} file when the property names one; a failure only costs the archive. */
    private static void markStarted() {
        String mark = System.getProperty(ARCHIVE_MARK);
        if (mark != null && !mark.isEmpty()) {
            try {
                Files.deleteIfExists(Path.of(mark));
                Files.createFile(Path.of(mark));
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(Main.class).debug("cannot mark the class-data recording as complete: {}",
                    e.toString());
            }
        }
    }

    private static Config override(Config c, String key, String value) {
        return value == null ? c : c.with(key, value);
    }
}
