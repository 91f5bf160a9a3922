package dev.vmodem.ftp;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything one FTP session needs, as the AT parameter commands set it: AT+FTPSERV/FTPPORT/FTPUN/FTPPW,
 * AT+FTPMODE, AT+FTPTYPE, AT+FTPSSL, and the timeouts.
 *
 * <pre>
 *   FtpOptions o = FtpOptions.builder("ftp.example.com").port(21).user("sim.cs1").password("secret")
 *           .dataMode(DataMode.PASSIVE).type(TransferType.BINARY).build();
 * </pre>
 *
 * <p>Timeouts (real time: they become socket timeouts, which the kernel measures):
 * <ul>
 *   <li>{@code connectTimeout}: TCP connect of the control connection and of passive data connections, and the
 *       wait for the server's greeting (Commons Net waits for the greeting with the connect timeout) (default
 *       30 s);</li>
 *   <li>{@code replyTimeout}: waiting for any other control reply and for the TLS handshake (default 75 s, the
 *       manual's "max response time");</li>
 *   <li>{@code dataTimeout}: a data read that gets nothing, a data write that makes no progress, the server
 *       connecting back in active mode (default 75 s).</li>
 * </ul>
 * {@link #toString()} does not show the password.
 */
public record FtpOptions(String host, int port, String user, String password, DataMode dataMode,
                         TransferType type, FtpSecurity security, Duration connectTimeout, Duration replyTimeout,
                         Duration dataTimeout) {

    public static final int DEFAULT_PORT = 21;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(75);
    public static final Duration DEFAULT_DATA_TIMEOUT = Duration.ofSeconds(75);

    public FtpOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(dataMode, "dataMode");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(security, "security");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " not in 1..65535");
        }
        checkTimeout("connectTimeout", connectTimeout);
        checkTimeout("replyTimeout", replyTimeout);
        checkTimeout("dataTimeout", dataTimeout);
    }

    public static Builder builder(String host) {
        return new Builder(host);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(host).port(port).user(user).password(password).dataMode(dataMode).type(type)
                .security(security).connectTimeout(connectTimeout).replyTimeout(replyTimeout)
                .dataTimeout(dataTimeout);
    }

    @Override
    public String toString() {
        return "FtpOptions[" + user + "@" + host + ":" + port + ", " + dataMode + ", TYPE " + type.atValue() + ", "
                + security + ", connect " + connectTimeout.toMillis() + " ms, reply " + replyTimeout.toMillis()
                + " ms, data " + dataTimeout.toMillis() + " ms]";
    }

    private static void checkTimeout(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": " + d + " not in (0, " + Integer.MAX_VALUE + " ms]");
        }
    }

    /** Defaults: port 21, user "anonymous" with an empty password, passive, binary, no TLS, timeouts above. */
    public static final class Builder {
        private final String host;
        private int port = DEFAULT_PORT;
        private String user = "anonymous";
        private String password = "";
        private DataMode dataMode = DataMode.PASSIVE;
        private TransferType type = TransferType.BINARY;
        private FtpSecurity security = FtpSecurity.NONE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration replyTimeout = DEFAULT_REPLY_TIMEOUT;
        private Duration dataTimeout = DEFAULT_DATA_TIMEOUT;

        private Builder(String host) {
            this.host = host;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder dataMode(DataMode dataMode) {
            this.dataMode = dataMode;
            return this;
        }

        public Builder type(TransferType type) {
            this.type = type;
            return this;
        }

        public Builder security(FtpSecurity security) {
            this.security = security;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder replyTimeout(Duration replyTimeout) {
            this.replyTimeout = replyTimeout;
            return this;
        }

        public Builder dataTimeout(Duration dataTimeout) {
            this.dataTimeout = dataTimeout;
            return this;
        }

        /** Sets all three timeouts. */
        public Builder timeouts(Duration all) {
            return connectTimeout(all).replyTimeout(all).dataTimeout(all);
        }

        public FtpOptions build() {
            return new FtpOptions(host, port, user, password, dataMode, type, security, connectTimeout,
                    replyTimeout, dataTimeout);
        }
    }
}
