package dev.vmodem.emulator;

import dev.vmodem.config.Config;
import dev.vmodem.ftp.EmbeddedFtpServer;
import dev.vmodem.modem.Modem;
import dev.vmodem.serial.PacedLink;
import dev.vmodem.serial.PtyLink;
import dev.vmodem.serial.SerialLink;
import dev.vmodem.serial.SerialPortLink;
import dev.vmodem.serial.TcpLink;
import dev.vmodem.trace.TraceTap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    private EmbeddedFtpServer ftpServer;

    public Emulator(Config config, Transport transport, boolean trace, boolean quiet) {
        this.config = config;
        this.transport = transport;
        this.trace = trace;
        this.quiet = quiet;
    }

    public void start() throws IOException {
        // The FTP server binds in parallel with the modem's start, so RDY is not held up by it; lookups routed to it
        // wait until it listens.
        CompletableFuture<EmbeddedFtpServer> server = null;
        if (config.getBoolean("ftp.server.enabled", true)) {
            server = CompletableFuture.supplyAsync(() -> {
                try {
                    return startFtpServer(config);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });
        }
        String stateDir = config.get("modem.state.dir", "vmodem-state");
        modem = Modem.builder().config(config).stateDir(Path.of(stateDir)).build();
        if (server != null) {
            modem.network().router().setEmbeddedServerStarting(
                server.thenApply(s -> new InetSocketAddress(s.host(), s.port())));
        }
        if (trace) {
            modem.engine().tap(new TraceTap(System.out));
        }
        try {
            link = transport.open();
            if (config.getBoolean("serial.pacing", false)) {
                link = new PacedLink(link, config.getInt("serial.baud", 115200), modem.scheduler());
            }
            modem.start(link);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.thenAccept(EmbeddedFtpServer::close);
            }
            throw e;
        }
        started.add(modem);
        if (server != null) {
            try {
                ftpServer = server.join();
            } catch (CompletionException e) {
                close();
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            started.add(0, ftpServer);
        }
        log.debug("emulator started: {}", link.description());
    }

    /** Starts the embedded FTP server as the {@code ftp.server.*} settings say. */
    public static EmbeddedFtpServer startFtpServer(Config c) throws IOException {
        EmbeddedFtpServer.Builder b = EmbeddedFtpServer.builder(Path.of(c.get("ftp.server.root", "vmodem-ftp")))
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

    /** The embedded FTP server, or null when it is off. */
    public EmbeddedFtpServer ftpServer() {
        return ftpServer;
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
        if (ftpServer != null) {
            b.append("  ftp     embedded server ftp://").append(ftpServer.host()).append(':').append(ftpServer.port())
                .append(" serving ").append(ftpServer.root().toAbsolutePath())
                .append(ftpServer.acceptsAnyUser() ? " (any user and password)" : "").append('\n');
            b.append("          firmware's FTP destinations that no route names go here\n");
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
