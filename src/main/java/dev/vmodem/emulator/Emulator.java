package dev.vmodem.emulator;

import dev.vmodem.config.Config;
import dev.vmodem.control.VirtualModem;
import dev.vmodem.ftp.EmbeddedFtpServer;
import dev.vmodem.modem.Modem;
import dev.vmodem.serial.SerialLink;
import dev.vmodem.transfer.ConsoleProgress;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole running emulator, as the command line starts it: the embedded FTP server, one modem, and the serial
 * transport it talks over, plus what the settings ask for (control API, scenario, recording). It is a
 * {@link VirtualModem} configured from {@link Config}, the same assembly tests use. {@link #close()} undoes
 * everything (symlink removed, sockets closed, recording flushed).
 */
public final class Emulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Emulator.class);

    /** Which serial transport to use, as given on the command line. */
    public record Transport(String kind, String target, int baud) {
        public static Transport pty(Path path) {
            return new Transport("pty", path.toString(), 0);
        }

        /** {@code [HOST:]PORT}; the host defaults to 127.0.0.1. */
        public static Transport tcp(String spec) {
            return new Transport("tcp", spec, 0);
        }

        public static Transport serial(String device, int baud) {
            return new Transport("serial", device, baud);
        }

        void apply(VirtualModem.Builder b) {
            switch (kind) {
                case "pty" -> b.pty(Path.of(target));
                case "tcp" -> b.tcp(target);
                case "serial" -> b.serial(target, baud);
                default -> throw new IllegalArgumentException("unknown transport " + kind);
            }
        }
    }

    private final Config config;
    private final Transport transport;
    private final boolean trace;
    private final boolean quiet;
    private VirtualModem vm;

    public Emulator(Config config, Transport transport, boolean trace, boolean quiet) {
        this.config = config;
        this.transport = transport;
        this.trace = trace;
        this.quiet = quiet;
    }

    /**
     * Starts it all. Settings read here: {@code modem.state.dir}, {@code ftp.server.enabled} and
     * {@code ftp.server.root}; {@link VirtualModem} reads the rest ({@code control.*}, {@code scenario.file},
     * {@code record.file}, {@code transcript.limit.kb}, {@code ftp.server.*}, the modem and network settings).
     */
    public void start() throws IOException {
        VirtualModem.Builder b = VirtualModem.builder().config(config)
            .stateDir(Path.of(config.get("modem.state.dir", "vmodem-state")));
        if (config.getBoolean("ftp.server.enabled", true)) {
            b.ftpRoot(Path.of(config.get("ftp.server.root", "vmodem-ftp")));
        }
        if (trace) {
            b.trace(System.out);
        }
        transport.apply(b);
        vm = b.start();
        if (!quiet && vm.dashboard() == null) {
            vm.network().transfers().wantTotals(true);
            vm.network().transfers().subscribe(new ConsoleProgress(System.out, System::currentTimeMillis));
        }
        log.debug("emulator started: {}", vm.link().description());
    }

    /** Starts the embedded FTP server as the {@code ftp.server.*} settings say. */
    public static EmbeddedFtpServer startFtpServer(Config c) throws IOException {
        return VirtualModem.startFtpServer(c, Path.of(c.get("ftp.server.root", "vmodem-ftp")));
    }

    /** The embedded FTP server, or null when it is off. */
    public EmbeddedFtpServer ftpServer() {
        return vm.ftpServer();
    }

    /** The running modem with its transcript, network and control API (after {@link #start()}). */
    public VirtualModem virtualModem() {
        return vm;
    }

    /** The start-up block: what listens where and how to connect. */
    public String banner() {
        StringBuilder b = new StringBuilder();
        EmbeddedFtpServer ftpServer = vm.ftpServer();
        b.append("vmodem ready: profile ").append(vm.modem().profile().name()).append('\n');
        b.append("  serial  ").append(vm.link().description()).append('\n');
        switch (transport.kind()) {
            case "pty" -> b.append("  connect: picocom -b 115200 ").append(transport.target())
                .append("   (or: screen ").append(transport.target()).append(" 115200)\n");
            case "tcp" -> b.append("  connect: socat -,raw,echo=0 TCP:").append(
                transport.target().contains(":") ? transport.target() : "127.0.0.1:" + transport.target())
                .append("   (QEMU: -serial tcp:").append(
                    transport.target().contains(":") ? transport.target() : "127.0.0.1:" + transport.target())
                .append(")\n");
            default -> b.append("  connect: your firmware on the other end of ").append(transport.target()).append('\n');
        }
        if (ftpServer != null) {
            b.append("  ftp     embedded server ftp://").append(ftpServer.host()).append(':').append(ftpServer.port())
                .append(" serving ").append(ftpServer.root().toAbsolutePath())
                .append(ftpServer.acceptsAnyUser() ? " (any user and password)" : "").append('\n');
            b.append("          firmware's FTP destinations that no route names go here\n");
        }
        if (vm.control() != null) {
            b.append("  control ").append(vm.control().url()).append(" (HTTP API, docs/control-api.md)")
                .append(config.get("control.token") != null ? ", token required" : "").append('\n');
        }
        if (vm.dashboard() != null) {
            b.append("  dashboard ").append(vm.dashboard().url()).append('/')
                .append(config.get("control.token") != null ? "#token=YOUR-TOKEN" : "")
                .append(" (open it in a browser)\n");
        }
        if (config.getBoolean("modem.realistic", false)) {
            b.append("  realistic timing: gprs link, paced UART at ").append(config.get("serial.baud", "115200"))
                .append(" baud, SMS Ready after 8 s\n");
        }
        if (vm.scenario() != null) {
            b.append("  scenario ").append(vm.scenario().scenario().name()).append('\n');
        }
        if (config.get("record.file") != null) {
            b.append("  record  ").append(Path.of(config.get("record.file")).toAbsolutePath()).append('\n');
        }
        b.append("  stop with Ctrl-C");
        return b.toString();
    }

    public Modem modem() {
        return vm.modem();
    }

    /** The serial link the modem talks over (after {@link #start()}). */
    public SerialLink link() {
        return vm.link();
    }

    @Override
    public void close() {
        VirtualModem m = vm;
        if (m != null) {
            m.close();
        }
    }
}
