package dev.vmodem.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything a {@link Network} starts from. Build one with {@link #builder()} or read it from properties with
 * {@link #fromProperties(Properties)}.
 *
 * <p>Property keys (all optional; the value after "=" is the default):
 * <pre>
 *   network.operator        = vmodem          operator name for +COPS
 *   network.registration    = home            CS and PS stat: home, roaming, searching, denied, unknown, none, or 0..5
 *   network.lac             = 0x1A2B          location area code (decimal, or hex with 0x)
 *   network.ci              = 0x3C4D          cell id
 *   network.rssi            = 20              0..31 or 99
 *   network.ber             = 0               0..7 or 99
 *   network.attached        = true            GPRS attached at start (AT+CGATT?)
 *   network.apn.default     = CMNET           APN of a fresh bearer profile
 *   network.apn.allow       =                 comma-separated APNs the network accepts; empty accepts any
 *   network.auth.user       = (unset)         if set and not empty, bearer USER must equal it
 *   network.auth.password   = (unset)         if set and not empty, bearer PWD must equal it
 *   network.ip.pool         = 10.89.193.1-10.89.193.254   addresses for bearers ("first-last" or just "first")
 *   route.&lt;n&gt;               = (none)          "&lt;host&gt;[:&lt;port&gt;] -&gt; &lt;target&gt;", tried in order of n; see {@link Route}
 *   route.default           = embedded        where unnamed destinations go: embedded, real, nxdomain, host:port
 *   link.preset             = instant         instant, gprs, edge, lte-m; the link.* keys below override it
 *   link.latency.ms         = (preset)        one-way latency
 *   link.jitter.ms          = (preset)
 *   link.down.kbps          = (preset)        downlink kbit/s, decimals allowed (85.6); 0 = unlimited
 *   link.up.kbps            = (preset)        uplink kbit/s
 *   link.setup.ms           = (preset)        TCP connect time
 *   link.activation.ms      = (preset)        AT+SAPBR=1 time
 *   link.deactivation.ms    = (preset)        AT+SAPBR=0 time
 *   link.seed               = 1               seed for jitter, so runs repeat
 *   fault.&lt;n&gt;               = (none)          a fault active from start-up, see {@link Fault#parse}
 * </pre>
 * Keys under {@code network.}, {@code route.}, {@code link.} and {@code fault.} that are not listed are rejected,
 * so a typo does not pass silently; other keys are ignored (they belong to other parts of the modem).
 */
public record NetworkConfig(String operator, RegStatus registration, int lac, int ci, int rssi, int ber,
                            boolean attached, String defaultApn, List<String> apnAllow, String user,
                            String password, IpRange ipPool, List<Route> routes, Route.Target defaultRoute,
                            LinkModel link, long seed, List<Fault> faults) {

    public NetworkConfig {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(defaultApn, "defaultApn");
        Objects.requireNonNull(ipPool, "ipPool");
        Objects.requireNonNull(defaultRoute, "defaultRoute");
        Objects.requireNonNull(link, "link");
        apnAllow = List.copyOf(apnAllow);
        routes = List.copyOf(routes);
        faults = List.copyOf(faults);
        // Fail at configuration time rather than at the first AT command.
        BearerProfile.defaults(defaultApn);
        Radio.checkLac(lac);
        Radio.checkCi(ci);
        Radio.checkRssi(rssi);
        Radio.checkBer(ber);
    }

    public static NetworkConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.operator = operator;
        b.registration = registration;
        b.lac = lac;
        b.ci = ci;
        b.rssi = rssi;
        b.ber = ber;
        b.attached = attached;
        b.defaultApn = defaultApn;
        b.apnAllow = new ArrayList<>(apnAllow);
        b.user = user;
        b.password = password;
        b.ipPool = ipPool;
        b.routes = new ArrayList<>(routes);
        b.defaultRoute = defaultRoute;
        b.link = link;
        b.seed = seed;
        b.faults = new ArrayList<>(faults);
        return b;
    }

    /** Reads the keys listed in the class comment; see there for defaults and formats. */
    public static NetworkConfig fromProperties(Properties p) {
        Builder b = builder();
        Map<Integer, String> routes = new TreeMap<>();
        Map<Integer, String> faults = new TreeMap<>();
        LinkModel link = LinkModel.INSTANT;
        String preset = p.getProperty("link.preset");
        if (preset != null) {
            try {
                link = LinkModel.preset(preset);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("link.preset=" + preset + ": " + e.getMessage(), e);
            }
        }
        for (String key : p.stringPropertyNames()) {
            String v = p.getProperty(key).trim();
            try {
                switch (key) {
                    case "network.operator":
                        b.operator(v);
                        break;
                    case "network.registration":
                        b.registration(RegStatus.parse(v));
                        break;
                    case "network.lac":
                        b.lac(parseInt(v));
                        break;
                    case "network.ci":
                        b.ci(parseInt(v));
                        break;
                    case "network.rssi":
                        b.rssi(parseInt(v));
                        break;
                    case "network.ber":
                        b.ber(parseInt(v));
                        break;
                    case "network.attached":
                        b.attached(parseBoolean(v));
                        break;
                    case "network.apn.default":
                        b.defaultApn(v);
                        break;
                    case "network.apn.allow":
                        b.apnAllow(v.isEmpty() ? List.of()
                                : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
                        break;
                    case "network.auth.user":
                        // empty = not checked: config/vmodem.properties lists the key with no value
                        b.user(v.isEmpty() ? null : v);
                        break;
                    case "network.auth.password":
                        b.password(v.isEmpty() ? null : v);
                        break;
                    case "network.ip.pool":
                        b.ipPool(IpRange.parse(v));
                        break;
                    case "route.default":
                        b.defaultRoute(Route.Target.parse(v));
                        break;
                    case "link.preset":
                        break; // applied first, above
                    case "link.latency.ms":
                        link = link.withLatency(millis(v));
                        break;
                    case "link.jitter.ms":
                        link = link.withJitter(millis(v));
                        break;
                    case "link.down.kbps":
                        link = link.withDownlinkBps(kbps(v));
                        break;
                    case "link.up.kbps":
                        link = link.withUplinkBps(kbps(v));
                        break;
                    case "link.setup.ms":
                        link = link.withConnectSetup(millis(v));
                        break;
                    case "link.activation.ms":
                        link = link.withActivation(millis(v));
                        break;
                    case "link.deactivation.ms":
                        link = link.withDeactivation(millis(v));
                        break;
                    case "link.seed":
                        b.seed(Long.parseLong(v));
                        break;
                    default:
                        if (key.startsWith("route.")) {
                            routes.put(index(key, "route."), v);
                        } else if (key.startsWith("fault.")) {
                            faults.put(index(key, "fault."), v);
                        } else if (key.startsWith("network.") || key.startsWith("link.")) {
                            throw new IllegalArgumentException("unknown key");
                        }
                        break;
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + "=" + v + ": " + e.getMessage(), e);
            }
        }
        b.link(link);
        for (String r : routes.values()) {
            b.route(Route.parse(r));
        }
        for (String f : faults.values()) {
            b.fault(Fault.parse(f));
        }
        return b.build();
    }

    private static int index(String key, String prefix) {
        try {
            return Integer.parseInt(key.substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + prefix + "<number>");
        }
    }

    private static int parseInt(String v) {
        String t = v.toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
    }

    private static boolean parseBoolean(String v) {
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true":
            case "yes":
            case "1":
                return true;
            case "false":
            case "no":
            case "0":
                return false;
            default:
                throw new IllegalArgumentException("not a boolean");
        }
    }

    private static Duration millis(String v) {
        return Duration.ofMillis(Long.parseLong(v));
    }

    private static long kbps(String v) {
        return Math.round(Double.parseDouble(v) * 1000);
    }

    /** Mutable builder; defaults are those in the class comment. */
    public static final class Builder {
        private String operator = "vmodem";
        private RegStatus registration = RegStatus.HOME;
        private int lac = 0x1A2B;
        private int ci = 0x3C4D;
        private int rssi = 20;
        private int ber = 0;
        private boolean attached = true;
        private String defaultApn = "CMNET";
        private List<String> apnAllow = new ArrayList<>();
        private String user;
        private String password;
        private IpRange ipPool = IpRange.DEFAULT;
        private List<Route> routes = new ArrayList<>();
        private Route.Target defaultRoute = Route.Target.EMBEDDED;
        private LinkModel link = LinkModel.INSTANT;
        private long seed = 1;
        private List<Fault> faults = new ArrayList<>();

        private Builder() {
        }

        public Builder operator(String v) {
            operator = v;
            return this;
        }

        public Builder registration(RegStatus v) {
            registration = v;
            return this;
        }

        public Builder lac(int v) {
            lac = v;
            return this;
        }

        public Builder ci(int v) {
            ci = v;
            return this;
        }

        public Builder rssi(int v) {
            rssi = v;
            return this;
        }

        public Builder ber(int v) {
            ber = v;
            return this;
        }

        public Builder attached(boolean v) {
            attached = v;
            return this;
        }

        public Builder defaultApn(String v) {
            defaultApn = v;
            return this;
        }

        public Builder apnAllow(List<String> v) {
            apnAllow = new ArrayList<>(v);
            return this;
        }

        /** Required bearer USER; null to not check. */
        public Builder user(String v) {
            user = v;
            return this;
        }

        /** Required bearer PWD; null to not check. */
        public Builder password(String v) {
            password = v;
            return this;
        }

        public Builder ipPool(IpRange v) {
            ipPool = v;
            return this;
        }

        public Builder route(Route r) {
            routes.add(r);
            return this;
        }

        /** Adds a rule in the {@link Route#parse} form: {@code "ftp.example.com:21 -> 127.0.0.1:2121"}. */
        public Builder route(String spec) {
            return route(Route.parse(spec));
        }

        public Builder routes(List<Route> v) {
            routes = new ArrayList<>(v);
            return this;
        }

        public Builder defaultRoute(Route.Target v) {
            defaultRoute = v;
            return this;
        }

        public Builder link(LinkModel v) {
            link = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** A fault injected when the network is created. */
        public Builder fault(Fault f) {
            faults.add(f);
            return this;
        }

        public NetworkConfig build() {
            return new NetworkConfig(operator, registration, lac, ci, rssi, ber, attached, defaultApn, apnAllow,
                    user, password, ipPool, routes, defaultRoute, link, seed, faults);
        }
    }
}
