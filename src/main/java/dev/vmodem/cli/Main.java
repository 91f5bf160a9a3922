package dev.vmodem.cli;

import ch.qos.logback.classic.Level;
import dev.vmodem.config.Config;
import dev.vmodem.emulator.Emulator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code vmodem} command: starts one emulated modem on a serial transport, with the embedded FTP server, and
 * runs until Ctrl-C.
 */
@Command(name = "vmodem", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = "A virtual SIM800-class cellular modem: AT commands over a serial line, real FTP behind them.",
    footer = {"", "Settings not shown here are in the --config file; config/vmodem.properties lists them all."})
public final class Main implements Callable<Integer> {

    @Option(names = "--pty", paramLabel = "PATH",
        description = "Pseudo-terminal symlink to create (default: ${DEFAULT-VALUE}). Used unless --tcp or --serial.")
    Path pty = Path.of("/tmp/ttyVMODEM0");

    @Option(names = "--tcp", paramLabel = "[HOST:]PORT",
        description = "Listen for raw bytes on TCP instead of a pty (host defaults to 127.0.0.1).")
    String tcp;

    @Option(names = "--serial", paramLabel = "DEVICE",
        description = "Use a real or virtual COM port instead of a pty (e.g. /dev/ttyUSB0, one end of a socat pair).")
    String serial;

    @Option(names = "--baud", paramLabel = "N", defaultValue = "115200",
        description = "Baud rate for --serial and for --pace (default: ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--pace",
        description = "Write to the host no faster than a UART at --baud would carry the bytes (10 bits per byte).")
    boolean pace;

    @Option(names = "--profile", paramLabel = "NAME",
        description = "Modem profile: sim800, sim800-strict, multitech (default: sim800).")
    String profile;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (see config/vmodem.properties).")
    Path config;

    @Option(names = "--ftp-root", paramLabel = "DIR",
        description = "Folder the embedded FTP server serves (default: ./vmodem-ftp, created with sample files).")
    Path ftpRoot;

    @Option(names = "--ftp-port", paramLabel = "PORT",
        description = "Port of the embedded FTP server on 127.0.0.1 (default: 0, any free port).")
    Integer ftpPort;

    @Option(names = "--no-ftp-server", description = "Do not start the embedded FTP server.")
    boolean noFtpServer;

    @Option(names = "--state-dir", paramLabel = "DIR",
        description = "Where AT&W settings and the FTP context are kept (default: ./vmodem-state).")
    Path stateDir;

    @Option(names = "--control", paramLabel = "[HOST:]PORT",
        description = "Serve the HTTP control API (docs/control-api.md) here; host defaults to 127.0.0.1. Off unless"
            + " given.")
    String control;

    @Option(names = "--control-token", paramLabel = "TOKEN",
        description = "Require 'Authorization: Bearer TOKEN' on the control API (or control.token in --config).")
    String controlToken;

    @Option(names = "--dashboard", paramLabel = "[HOST:]PORT",
        description = "Serve the web dashboard (docs/dashboard.md) here: live transcript, state, transfers, controls."
            + " Host defaults to 127.0.0.1; honours --control-token.")
    String dashboard;

    @Option(names = "--realistic",
        description = "Take the time a real SIM800 takes: power-on codes, gprs link (bearer, FTP set-up, bandwidth),"
            + " UART pacing at --baud.")
    boolean realistic;

    @Option(names = "--scenario", paramLabel = "FILE",
        description = "Load a scenario (YAML or JSON; see config/scenarios/) before power-on.")
    Path scenario;

    @Option(names = "--record", paramLabel = "FILE",
        description = "Write the serial session to FILE in replayable form, as it happens.")
    Path record;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
        description = "ERROR, WARN, INFO, DEBUG or TRACE (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--trace", description = "Print the serial traffic as a readable transcript.")
    boolean trace;

    @Option(names = "--quiet", description = "No progress lines for transfers.")
    boolean quiet;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main())
            .setExecutionExceptionHandler((e, cmd, parsed) -> {
                if (e instanceof IllegalArgumentException) {
                    // A mistake in a setting, a scenario or an option value: its message says which and where.
                    cmd.getErr().println("vmodem: " + e.getMessage());
                    return 2;
                }
                throw e;
            })
            .execute(args);
    }

    @Override
    public Integer call() throws Exception {
        ch.qos.logback.classic.Logger root =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(logLevel, Level.INFO));
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.vmodem"))
            .setLevel(Level.toLevel(logLevel, Level.INFO));

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
        if (tcp != null && serial != null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "choose one of --tcp and --serial");
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
        System.out.println(emulator.banner());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static Config override(Config c, String key, String value) {
        return value == null ? c : c.with(key, value);
    }

    /** The version from the jar's manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"vmodem " + (v == null ? "dev" : v)};
        }
    }
}
