package dev.vmodem.ftp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.command.CommandFactoryFactory;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FTP server inside the emulator (Apache MINA FtpServer), where the modem's FTP commands go unless firmware is
 * pointed at a real server. It serves one root directory, on loopback by default, and speaks plain FTP and explicit
 * FTPS (AUTH TLS) on its main port and implicit FTPS on a second port.
 *
 * <pre>
 *   EmbeddedFtpServer server = EmbeddedFtpServer.builder(Path.of("vmodem-ftp"))
 *           .seedSamples(true).build().start();
 *   server.port();             // e.g. 40213: port 0 (the default) means "any free port", reported after start
 *   ...
 *   &lt; 220 Service ready for new user.
 *   &gt; USER anyone            &lt; 331 User name okay, need password for anyone.
 *   &gt; PASS anything          &lt; 230 User logged in, proceed.
 *   &gt; RETR 1K.txt            &lt; 150 ... (1024 bytes) ... 226 Transfer complete.
 *   ...
 *   server.stop();             // quick; the ports are free again
 * </pre>
 *
 * <ul>
 *   <li><b>Users</b>: by default any name with any password logs in, with write permission. With
 *       {@link Builder#account} only the configured accounts do; an unknown name gets 530 right after USER, a
 *       wrong password 530 after PASS (MINA alone would answer 331 to any name; see {@link KnownUserCommand}).
 *       Failed logins are answered at once (MINA's default 500 ms penalty is off) and there is no limit on
 *       concurrent logins.</li>
 *   <li><b>Root</b>: created if missing. Nothing outside it can be read, written, listed or renamed into:
 *       {@code ..} and absolute paths resolve inside the root, and paths through symbolic links that lead out
 *       behave as missing (550); see {@link ConfinedFileSystemFactory}.</li>
 *   <li><b>Samples</b>: {@link Builder#seedSamples} writes {@value #SAMPLE_TEXT} (1024 bytes, "0123456789"
 *       repeated, like the file in SIMCom's FTP examples) and {@value #SAMPLE_BINARY} (the 256 byte values) unless
 *       files of those names exist.</li>
 *   <li><b>Data connections</b>: passive ports are any free ports on the server's host; active mode connects back
 *       to whatever the client's PORT says.</li>
 *   <li><b>TLS</b> (on by default): a self-signed certificate is generated on first start (the JDK's keytool, in
 *       a subprocess, about a second) into {@link Builder#keystore} and reused afterwards. Data connections are
 *       protected when the client sends PROT P; on the implicit port they always are.</li>
 * </ul>
 */
public final class EmbeddedFtpServer implements AutoCloseable {

    /** Sample text file: 1024 bytes, "0123456789" repeated. */
    public static final String SAMPLE_TEXT = "1K.txt";
    /** Sample binary file: the byte values 0 to 255, once each. */
    public static final String SAMPLE_BINARY = "256.bin";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedFtpServer.class);

    private final String host;
    private final int configuredPort;
    private final int configuredImplicitPort;
    private final Path root;
    private final Map<String, String> accounts;
    private final boolean seedSamples;
    private final boolean tls;
    private final Path keystore;
    private final int idleTimeoutSeconds;

    private FtpServer server;       // guarded by this
    private Listener mainListener;  // guarded by this
    private Listener implicitListener;

    private EmbeddedFtpServer(Builder b) {
        this.host = b.host;
        this.configuredPort = b.port;
        this.configuredImplicitPort = b.implicitTlsPort;
        this.root = b.root;
        this.accounts = Map.copyOf(b.accounts);
        this.seedSamples = b.seedSamples;
        this.tls = b.tls;
        this.keystore = b.keystore;
        this.idleTimeoutSeconds = b.idleTimeoutSeconds;
    }

    /** A server for {@code root}; see {@link Builder} for the defaults. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /**
     * Creates the root (and the samples, the certificate), binds the ports and starts serving.
     *
     * @throws IOException if the root, the certificate or a port cannot be had; nothing keeps running then
     */
    public synchronized EmbeddedFtpServer start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("state: RUNNING on " + host + ":" + port());
        }
        Files.createDirectories(root);
        Path realRoot = root.toRealPath();
        if (seedSamples) {
            writeSamples(realRoot);
        }
        silenceHarmlessWarnings();

        FtpServerFactory factory = new FtpServerFactory();
        factory.setUserManager(new EmbeddedUserManager(realRoot.toString(), accounts));
        factory.setFileSystem(new ConfinedFileSystemFactory(realRoot));
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setAnonymousLoginEnabled(true);
        connections.setMaxLogins(0);                         // 0 = unlimited
        connections.setMaxAnonymousLogins(Integer.MAX_VALUE); // here 0 would mean "none"
        connections.setLoginFailureDelay(0);
        factory.setConnectionConfig(connections.createConnectionConfig());
        if (!accounts.isEmpty()) {
            CommandFactoryFactory commands = new CommandFactoryFactory();
            commands.addCommand("USER", new KnownUserCommand());
            factory.setCommandFactory(commands.createCommandFactory());
        }

        SslConfiguration ssl = null;
        if (tls) {
            SelfSignedKeystore.ensure(keystore);
            SslConfigurationFactory sslFactory = new SslConfigurationFactory();
            sslFactory.setKeystoreFile(keystore.toFile());
            sslFactory.setKeystoreType(SelfSignedKeystore.TYPE);
            sslFactory.setKeystorePassword(SelfSignedKeystore.PASSWORD);
            sslFactory.setKeyPassword(SelfSignedKeystore.PASSWORD);
            ssl = sslFactory.createSslConfiguration();
        }
        Listener main = listener(configuredPort, ssl, false);
        factory.addListener("default", main);
        Listener implicit = null;
        if (tls) {
            implicit = listener(configuredImplicitPort, ssl, true);
            factory.addListener("implicit", implicit);
        }
        FtpServer s = factory.createServer();
        try {
            s.start();
        } catch (org.apache.ftpserver.ftplet.FtpException | RuntimeException e) {
            s.stop();
            throw new IOException("cannot start the embedded FTP server on " + host + ":" + configuredPort
                    + (tls ? " (implicit TLS " + configuredImplicitPort + ")" : "") + ": " + e.getMessage(), e);
        }
        server = s;
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
            log.warn("embedded FTP server listens on {}:{}, not loopback: whoever reaches this address can read and "
                + "write {}", host, main.getPort(), realRoot);
        }
        mainListener = main;
        implicitListener = implicit;
        log.info("embedded FTP server on {}:{}{} serving {}, {}", host, main.getPort(),
                implicit == null ? "" : " (implicit FTPS on " + implicit.getPort() + ")", realRoot,
                accounts.isEmpty() ? "any user" : accounts.size() + " account(s)");
        return this;
    }

    /** Stops serving and frees the ports. Does nothing if not running. {@link #start()} may follow. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        server = null;
        mainListener = null;
        implicitListener = null;
        log.info("embedded FTP server on {} stopped", host);
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String host() {
        return host;
    }

    /** The main port (plain FTP and explicit FTPS): the real one while running, else the configured one. */
    public synchronized int port() {
        return mainListener != null ? mainListener.getPort() : configuredPort;
    }

    /** The implicit FTPS port: the real one while running, else the configured one; -1 without TLS. */
    public synchronized int implicitTlsPort() {
        if (!tls) {
            return -1;
        }
        return implicitListener != null ? implicitListener.getPort() : configuredImplicitPort;
    }

    public Path root() {
        return root;
    }

    public Path keystore() {
        return keystore;
    }

    public boolean acceptsAnyUser() {
        return accounts.isEmpty();
    }

    @Override
    public String toString() {
        return "EmbeddedFtpServer[" + host + ":" + port() + ", root " + root + (isRunning() ? "" : ", stopped") + "]";
    }

    private Listener listener(int port, SslConfiguration ssl, boolean implicitSsl) throws IOException {
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        if (!isWildcard(host)) {
            // passive listeners on the server's own address; "0": any free port, which also means MINA logs
            // "Releasing unreserved passive port" on every transfer (silenced in silenceHarmlessWarnings)
            data.setPassiveAddress(host);
            data.setPassiveExternalAddress(host);
        }
        data.setPassivePorts("0");
        if (ssl != null) {
            data.setSslConfiguration(ssl);
            data.setImplicitSsl(implicitSsl);
        }
        ListenerFactory lf = new ListenerFactory();
        lf.setServerAddress(host);
        lf.setPort(port);
        lf.setIdleTimeout(idleTimeoutSeconds);
        lf.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        if (ssl != null) {
            lf.setSslConfiguration(ssl);
            lf.setImplicitSsl(implicitSsl);
        }
        return lf.createListener();
    }

    private static boolean isWildcard(String host) throws IOException {
        return InetAddress.getByName(host).isAnyLocalAddress();
    }

    private static void writeSamples(Path dir) throws IOException {
        Path text = dir.resolve(SAMPLE_TEXT);
        if (!Files.exists(text)) {
            StringBuilder sb = new StringBuilder(1024);
            while (sb.length() < 1024) {
                sb.append((char) ('0' + sb.length() % 10));
            }
            Files.write(text, sb.toString().getBytes(StandardCharsets.US_ASCII));
        }
        Path binary = dir.resolve(SAMPLE_BINARY);
        if (!Files.exists(binary)) {
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            Files.write(binary, all);
        }
    }

    /**
     * Two harmless MINA warnings would otherwise show up in every demo: with passive ports "0", "Releasing unreserved
     * passive port: 0" after every transfer (PassivePorts); and after QUIT on every FTPS session "Client closed
     * connection before all replies could be sent" (DefaultFtpHandler: MINA writes its TLS close_notify to the
     * session it has just closed itself, whatever the client does). DefaultFtpHandler's other warnings are of the
     * same kind (undecodable command, missing statistics); its errors still show. Quieted only when Logback is the
     * binding and nobody configured these loggers.
     */
    private static void silenceHarmlessWarnings() {
        for (String name : new String[] {"org.apache.ftpserver.impl.PassivePorts",
                "org.apache.ftpserver.impl.DefaultFtpHandler"}) {
            org.slf4j.Logger l = LoggerFactory.getLogger(name);
            if (l instanceof ch.qos.logback.classic.Logger lb && lb.getLevel() == null) {
                lb.setLevel(ch.qos.logback.classic.Level.ERROR);
            }
        }
    }

    /**
     * Defaults: host 127.0.0.1, port 0 (any free port), implicit FTPS port 0, any user, no samples, TLS on with the
     * keystore {@code ~/.vmodem/embedded-ftp.p12}, idle timeout 300 s.
     */
    public static final class Builder {
        private final Path root;
        private String host = "127.0.0.1";
        private int port;
        private int implicitTlsPort;
        private final Map<String, String> accounts = new LinkedHashMap<>();
        private boolean seedSamples;
        private boolean tls = true;
        private Path keystore = Path.of(System.getProperty("user.home"), ".vmodem", "embedded-ftp.p12");
        private int idleTimeoutSeconds = 300;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /** The address to listen on (control and passive data); "0.0.0.0" for all interfaces. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The main port; 0 = any free port. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /** The implicit FTPS port; 0 = any free port. */
        public Builder implicitTlsPort(int port) {
            this.implicitTlsPort = checkPort(port);
            return this;
        }

        /** Accept only configured accounts (call once per account) instead of anyone. */
        public Builder account(String user, String password) {
            accounts.put(Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /** Write the sample files into the root at start (existing files are left alone). */
        public Builder seedSamples(boolean seed) {
            this.seedSamples = seed;
            return this;
        }

        /** FTPS on (explicit on the main port, implicit on its own port) or off. */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** Where the self-signed certificate is kept (made on first start if missing). */
        public Builder keystore(Path keystore) {
            this.keystore = Objects.requireNonNull(keystore, "keystore");
            return this;
        }

        /** Control connections idle this long are closed by the server. */
        public Builder idleTimeoutSeconds(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("idle timeout: " + seconds + " < 0");
            }
            this.idleTimeoutSeconds = seconds;
            return this;
        }

        public EmbeddedFtpServer build() {
            return new EmbeddedFtpServer(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " not in 0..65535");
            }
            return port;
        }
    }
}
