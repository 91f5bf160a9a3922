package dev.vmodem.net;

import java.util.Locale;
import java.util.Objects;

/**
 * One rule of the simulated DNS: a destination the firmware dials (a name or an IP literal, with or without a
 * port) and where that traffic really goes.
 *
 * <pre>
 *   ftp.example.com:21 -&gt; 127.0.0.1:2121     that name and port, to a local server
 *   ftp.example.com -&gt; 10.0.0.5               any port of that name, same port on 10.0.0.5
 *   *.example.org -&gt; real                     names under example.org through real DNS
 *   *:21 -&gt; embedded                          anything on port 21, to the embedded FTP server
 *   bad.example.com -&gt; nxdomain               this name does not resolve
 * </pre>
 *
 * <p>Host patterns: {@code *} (anything), {@code *.suffix} (any name ending in ".suffix"), or an exact name or IP
 * literal, compared case-insensitively. IPv6 literals go in brackets: {@code [::1]:21}. Port 0 means any port.
 *
 * @param host   the pattern
 * @param port   the port it matches, 0 for any
 * @param target where matching traffic goes
 */
public record Route(String host, int port, Target target) {

    /**
     * Where traffic goes.
     *
     * @param kind where
     * @param host for {@link Kind#ENDPOINT}: the real host (a name is resolved with real DNS)
     * @param port for {@link Kind#ENDPOINT}: the real port, or 0 to keep the port that was dialled
     */
    public record Target(Kind kind, String host, int port) {

        public enum Kind {
            /** A fixed real host and port. */
            ENDPOINT,
            /** The embedded FTP server's address ({@link Router#setEmbeddedServer}), whatever port was dialled. */
            EMBEDDED,
            /** The dialled name through real DNS, the dialled port. */
            REAL,
            /** The name does not exist. */
            NXDOMAIN
        }

        public static final Target EMBEDDED = new Target(Kind.EMBEDDED, null, 0);
        public static final Target REAL = new Target(Kind.REAL, null, 0);
        public static final Target NXDOMAIN = new Target(Kind.NXDOMAIN, null, 0);

        public Target {
            Objects.requireNonNull(kind, "kind");
            if (kind == Kind.ENDPOINT && (host == null || host.isEmpty())) {
                throw new IllegalArgumentException("an endpoint needs a host");
            }
            checkPort(port);
        }

        public static Target endpoint(String host, int port) {
            return new Target(Kind.ENDPOINT, host, port);
        }

        /** {@code embedded}, {@code real}, {@code nxdomain}, or {@code host[:port]}. */
        public static Target parse(String text) {
            String t = text.trim();
            switch (t.toLowerCase(Locale.ROOT)) {
                case "embedded":
                    return EMBEDDED;
                case "real":
                    return REAL;
                case "nxdomain":
                case "none":
                    return NXDOMAIN;
                default:
                    HostPort hp = HostPort.parse(t);
                    return endpoint(hp.host, hp.port);
            }
        }

        @Override
        public String toString() {
            if (kind != Kind.ENDPOINT) {
                return kind.name().toLowerCase(Locale.ROOT);
            }
            return HostPort.format(host, port);
        }
    }

    public Route {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(target, "target");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a route needs a host pattern");
        }
        host = host.toLowerCase(Locale.ROOT);
        checkPort(port);
    }

    /** Parses {@code "<host>[:<port>] -> <target>"}. */
    public static Route parse(String spec) {
        int arrow = spec.indexOf("->");
        if (arrow < 0) {
            throw new IllegalArgumentException("route needs '->': '" + spec + "'");
        }
        HostPort from = HostPort.parse(spec.substring(0, arrow).trim());
        return new Route(from.host, from.port, Target.parse(spec.substring(arrow + 2)));
    }

    /** Whether this rule covers what the firmware dialled. */
    public boolean matches(String dialledHost, int dialledPort) {
        if (port != 0 && port != dialledPort) {
            return false;
        }
        String h = dialledHost.toLowerCase(Locale.ROOT);
        if (host.equals("*")) {
            return true;
        }
        if (host.startsWith("*.")) {
            return h.endsWith(host.substring(1));
        }
        return host.equals(h);
    }

    @Override
    public String toString() {
        return HostPort.format(host, port) + " -> " + target;
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port + " (0..65535)");
        }
    }

    /** host[:port] with IPv6 literals in brackets; port 0 when absent. */
    static final class HostPort {
        final String host;
        final int port;

        private HostPort(String host, int port) {
            this.host = host;
            this.port = port;
        }

        static HostPort parse(String text) {
            String t = text.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("empty host");
            }
            String host;
            String port = null;
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in '" + text + "'");
                }
                host = t.substring(1, close);
                String rest = t.substring(close + 1);
                if (rest.startsWith(":")) {
                    port = rest.substring(1);
                } else if (!rest.isEmpty()) {
                    throw new IllegalArgumentException("unexpected text after ']' in '" + text + "'");
                }
            } else {
                int colon = t.lastIndexOf(':');
                if (colon >= 0 && t.indexOf(':') == colon) {
                    host = t.substring(0, colon);
                    port = t.substring(colon + 1);
                } else {
                    host = t; // no port, or a bare IPv6 literal
                }
            }
            int p = 0;
            if (port != null) {
                try {
                    p = Integer.parseInt(port.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad port in '" + text + "'");
                }
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("port out of range: " + p + " (1..65535) in '" + text + "'");
                }
            }
            return new HostPort(host.trim(), p);
        }

        static String format(String host, int port) {
            String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return port == 0 ? h : h + ":" + port;
        }
    }
}
