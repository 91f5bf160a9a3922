package dev.vmodem.net;

import dev.vmodem.net.NetAccess.DnsFailureException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated DNS: maps what firmware dials to a real endpoint, so a firmware that hard-codes
 * {@code ftp.example.com:21} reaches the embedded server unchanged.
 *
 * <p>Rules ({@link Route}) are tried in order; the first that matches decides. A destination no rule names takes
 * the default route: by default the embedded FTP server ({@link #setEmbeddedServer}, set at start-up), or
 * {@code real} (real DNS and real destinations), or {@code nxdomain} (fail), or a fixed endpoint. A lookup that
 * cannot be answered (nxdomain, no embedded server yet, real DNS failing) throws
 * {@link DnsFailureException}. Each destination's route is logged once:
 *
 * <pre>
 *   routing ftp.example.com:21 to the embedded FTP server 127.0.0.1:40123
 * </pre>
 *
 * <p>Thread-safe; rules and the default may be replaced at run time. Bearers and DNS faults are not checked here:
 * {@link Network#access(int)} does that before asking the router.
 */
public final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** How many destinations to remember for log-once before starting over, so the set stays bounded. */
    private static final int LOGGED_LIMIT = 1024;

    private volatile List<Route> routes;
    private volatile Route.Target defaultRoute;
    private volatile InetSocketAddress embedded;
    private volatile java.util.concurrent.CompletableFuture<InetSocketAddress> embeddedStarting;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    Router(List<Route> routes, Route.Target defaultRoute) {
        this.routes = List.copyOf(routes);
        this.defaultRoute = Objects.requireNonNull(defaultRoute, "defaultRoute");
    }

    /**
     * Where traffic for {@code host:port} goes. May block on real DNS when a rule or the default says
     * {@code real}, or an endpoint is given by name.
     */
    public InetSocketAddress route(String host, int port) throws DnsFailureException {
        Objects.requireNonNull(host, "host");
        String h = host.trim();
        if (h.isEmpty()) {
            throw new DnsFailureException(host);
        }
        for (Route r : routes) {
            if (r.matches(h, port)) {
                return apply(r.target(), h, port, "route " + r);
            }
        }
        return apply(defaultRoute, h, port, "default route");
    }

    private InetSocketAddress apply(Route.Target t, String host, int port, String why) throws DnsFailureException {
        InetSocketAddress to;
        switch (t.kind()) {
            case NXDOMAIN:
                logOnce(host, port, () -> "name " + host + " does not resolve (" + why + ")");
                throw new DnsFailureException(host);
            case EMBEDDED:
                to = embedded;
                if (to == null) {
                    to = awaitStarting();
                }
                if (to == null) {
                    logOnce(host, port, () -> "cannot route " + host + ":" + port
                            + ": no embedded FTP server is running (" + why + ")");
                    throw new DnsFailureException(host);
                }
                InetSocketAddress e = to;
                logOnce(host, port, () -> "routing " + host + ":" + port + " to the embedded FTP server "
                        + format(e));
                return to;
            case REAL:
                to = new InetSocketAddress(realLookup(host), port);
                InetSocketAddress r = to;
                logOnce(host, port, () -> "routing " + host + ":" + port + " through real DNS to " + format(r));
                return to;
            case ENDPOINT:
                to = new InetSocketAddress(realLookup(t.host()), t.port() == 0 ? port : t.port());
                InetSocketAddress p = to;
                logOnce(host, port, () -> "routing " + host + ":" + port + " to " + format(p) + " (" + why + ")");
                return to;
            default:
                throw new IllegalStateException("target: " + t.kind());
        }
    }

    private static String format(InetSocketAddress a) {
        return Route.HostPort.format(a.getAddress().getHostAddress(), a.getPort());
    }

    private static InetAddress realLookup(String host) throws DnsFailureException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new DnsFailureException(host);
        }
    }

    private void logOnce(String host, int port, java.util.function.Supplier<String> message) {
        if (logged.size() >= LOGGED_LIMIT) {
            logged.clear();
        }
        if (logged.add(host.toLowerCase(Locale.ROOT) + ":" + port)) {
            log.info(message.get());
        }
    }

    /** Where the embedded FTP server listens; traffic routed {@code embedded} goes here. Null to unset. */
    public void setEmbeddedServer(InetSocketAddress address) {
        this.embedded = address;
        this.embeddedStarting = null;
        logged.clear();
    }

    /**
     * The embedded server is starting (in parallel with the modem, so RDY comes early): lookups routed to it wait
     * for it, at most {@value #STARTING_WAIT_SECONDS} s, instead of failing while it binds.
     */
    public void setEmbeddedServerStarting(java.util.concurrent.CompletableFuture<InetSocketAddress> starting) {
        this.embeddedStarting = starting;
        starting.thenAccept(this::setEmbeddedServer);
    }

    private static final int STARTING_WAIT_SECONDS = 30;

    private InetSocketAddress awaitStarting() {
        java.util.concurrent.CompletableFuture<InetSocketAddress> f = embeddedStarting;
        if (f == null) {
            return null;
        }
        try {
            return f.get(STARTING_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    public InetSocketAddress embeddedServer() {
        return embedded;
    }

    public List<Route> routes() {
        return routes;
    }

    public void setRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
        logged.clear();
    }

    public Route.Target defaultRoute() {
        return defaultRoute;
    }

    /** The route for destinations no rule names: {@code Route.Target.REAL} switches to real DNS and hosts. */
    public void setDefaultRoute(Route.Target target) {
        this.defaultRoute = Objects.requireNonNull(target, "target");
        logged.clear();
    }
}
