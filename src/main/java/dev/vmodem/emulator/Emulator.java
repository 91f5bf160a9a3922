package dev.vmodem.emulator;

import dev.vmodem.config.Config;
import dev.vmodem.modem.Modem;
import dev.vmodem.serial.PtyLink;
import dev.vmodem.serial.SerialLink;
import dev.vmodem.serial.SerialPortLink;
import dev.vmodem.serial.TcpLink;
import dev.vmodem.trace.TraceTap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole running emulator, as the command line starts it: the embedded FTP server, one modem, and the serial
 * transport it talks over. {@link #close()} undoes everything (symlink removed, sockets closed).
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

        SerialLink open() {
            return switch (kind) {
                case "pty" -> new PtyLink(Path.of(target));
                case "tcp" -> TcpLink.parse(target);
                case "serial" -> new SerialPortLink(target, baud);
                default -> throw new IllegalArgumentException("unknown transport " + kind);
            };
        }
    }

    private final Config config;
    private final Transport transport;
    private final boolean trace;
    private final boolean quiet;
    private final List<AutoCloseable> started = new ArrayList<>();
    private Modem modem;
    private SerialLink link;

    public Emulator(Config config, Transport transport, boolean trace, boolean quiet) {
        this.config = config;
        this.transport = transport;
        this.trace = trace;
        this.quiet = quiet;
    }

    public void start() throws IOException {
        String stateDir = config.get("modem.state.dir", "vmodem-state");
        modem = Modem.builder().config(config).stateDir(Path.of(stateDir)).build();
        if (trace) {
            modem.engine().tap(new TraceTap(System.out));
        }
        link = transport.open();
        modem.start(link);
        started.add(modem);
        log.debug("emulator started: {}", link.description());
    }

    /** The start-up block: what listens where and how to connect. */
    public String banner() {
        StringBuilder b = new StringBuilder();
        b.append("vmodem ready: profile ").append(modem.profile().name()).append('\n');
        b.append("  serial  ").append(link.description()).append('\n');
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
        b.append("  stop with Ctrl-C");
        return b.toString();
    }

    public Modem modem() {
        return modem;
    }

    /** The serial link the modem talks over (after {@link #start()}). */
    public SerialLink link() {
        return link;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", started.get(i), e.getMessage());
            }
        }
        started.clear();
    }
}
