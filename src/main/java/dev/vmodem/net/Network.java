package dev.vmodem.net;

import dev.vmodem.time.Scheduler;
import dev.vmodem.transfer.TransferTracker;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated cellular network of one modem: radio registration, bearers, DNS and routing, the link model and
 * faults, all on one {@link Scheduler}.
 *
 * <pre>
 *   Network net = new Network(scheduler, NetworkConfig.fromProperties(props));
 *   net.setEmbeddedServer(ftpServer.address());             // at start-up
 *   net.addListener(urcs);                                   // +CREG / +CGREG / +SAPBR 1: DEACT
 *   net.bearers().open(1).thenAccept(...);                   // AT+SAPBR=1,1
 *   NetAccess access = net.access(1);                        // an FTP session on bearer 1
 *   InetSocketAddress to = access.resolve("ftp.example.com", 21);
 *   Socket s = access.socketFactory().createSocket(); s.connect(to);
 *   net.faults().inject(Fault.coverageLoss());               // a test pulls the antenna
 * </pre>
 *
 * <p><b>How applications reach the network.</b> An application asks for {@link #access(int) access(cid)} when it
 * starts an operation (the FTP engine at AT+FTPGET=1, with AT+FTPCID's cid). If that bearer is not open the call
 * fails with {@link NetErrorException} (SIM800 FTP error 61). The returned {@link NetAccess} is tied to that
 * bearer's current session: when the bearer closes or the network drops it, the sockets it made are reset
 * ("Connection reset: bearer 1 deactivated (coverage_lost)"), new connects fail with {@link NetErrorException}
 * and lookups fail with {@link NetAccess.DnsFailureException} (there is no DNS server to ask). Reopening the bearer
 * starts a new session: ask for access again. {@link #unboundAccess()} skips the bearer, for tests of one layer
 * and for stacks that manage their own context.
 *
 * <p>Cheap to create: no threads, no buffers until sockets are used; all timed behaviour goes through the
 * scheduler. Thread-safe.
 */
public final class Network {

    private static final Logger log = LoggerFactory.getLogger(Network.class);

    private final Scheduler scheduler;
    private final NetworkConfig config;
    private final Notifier notifier = new Notifier();
    private final Faults faults;
    private final Link link;
    private final Radio radio;
    private final Bearers bearers;
    private final Router router;
    private final SimAccess unbound;
    private final TransferTracker transfers;

    public Network(Scheduler scheduler, NetworkConfig config) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.faults = new Faults(scheduler);
        this.link = new Link(scheduler, faults, config.link(), config.seed());
        this.radio = new Radio(config, notifier, this::radioChanged);
        this.bearers = new Bearers(scheduler, config, radio::bearerBlocker, link::model, faults, notifier);
        this.router = new Router(config.routes(), config.defaultRoute());
        this.transfers = new TransferTracker(scheduler);
        this.unbound = new SimAccess(link, router, null, transfers);
        faults.setEffects(new Faults.Effects() {
            @Override
            public void started(ActiveFault f) {
                switch (f.fault().kind()) {
                    case COVERAGE_LOSS:
                        radio.setCoverage(false);
                        break;
                    case BEARER_DROP:
                        bearers.dropAll(DropReason.NETWORK);
                        break;
                    default:
                        break;
                }
                link.signalAll();
            }

            @Override
            public void ended(ActiveFault f) {
                if (f.fault().kind() == Fault.Kind.COVERAGE_LOSS) {
                    radio.setCoverage(!faults.isActive(Fault.Kind.COVERAGE_LOSS));
                }
                link.signalAll();
            }
        });
        notifier.add(new NetworkListener() {
            @Override
            public void bearerChanged(int cid, BearerStatus before, BearerStatus after) {
                link.timeline().record(() -> "bearer " + cid + ": " + before + " -> " + after);
            }
        });
        for (Fault f : config.faults()) {
            faults.inject(f);
        }
    }

    /** A network with the default configuration. */
    public static Network create(Scheduler scheduler) {
        return new Network(scheduler, NetworkConfig.defaults());
    }

    private void radioChanged(RadioState state, DropReason reason) {
        if (reason != null) {
            bearers.dropAll(reason);
        }
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public NetworkConfig config() {
        return config;
    }

    public Radio radio() {
        return radio;
    }

    public Bearers bearers() {
        return bearers;
    }

    public Router router() {
        return router;
    }

    public Faults faults() {
        return faults;
    }

    public LinkModel linkModel() {
        return link.model();
    }

    /** Replaces the link model; open connections follow it from their next read or write. */
    public void setLinkModel(LinkModel model) {
        link.setModel(Objects.requireNonNull(model, "model"));
        log.info("link model: {}", model);
    }

    /** Shorthand for {@code router().setEmbeddedServer(address)}. */
    public void setEmbeddedServer(InetSocketAddress address) {
        router.setEmbeddedServer(address);
    }

    public void addListener(NetworkListener listener) {
        notifier.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(NetworkListener listener) {
        notifier.remove(listener);
    }

    /**
     * Access through bearer {@code cid}'s current session; see the class comment.
     *
     * @throws NetErrorException        when the bearer is not open
     * @throws IllegalArgumentException for a cid outside 1..3
     */
    public NetAccess access(int cid) throws NetErrorException {
        long session = bearers.session(cid);
        return new SimAccess(link, router, new Binding(bearers, cid, session), transfers);
    }

    /** The file transfers of the applications on this network, for people to watch (dashboard, progress line). */
    public TransferTracker transfers() {
        return transfers;
    }

    /** Access that needs no bearer: routing, link model and faults still apply. */
    public NetAccess unboundAccess() {
        return unbound;
    }

    /**
     * Calls on shaped connections that are inside the real socket now: a connect under way, a read waiting for the
     * peer's bytes, a write waiting for room in the peer's window. Such a call waits for the peer, which runs on real
     * time (the embedded server answers at once, in virtual terms), not for the clock: a test driving virtual time
     * advances the clock only while this is 0, so a reply the server is still sending counts as sent now rather than
     * after the next jump. Reads and writes on pass-through connections (instant link, no socket fault) are not
     * counted: they take no time on the clock.
     */
    public int realSocketCalls() {
        return link.inRealSocket();
    }

    /** What the network did, with times, once {@link Timeline#start() started}: where a transfer's time goes. */
    public Timeline timeline() {
        return link.timeline();
    }

    /** Sockets and server sockets opened through this network and not yet closed. */
    public int openSockets() {
        return link.liveCount();
    }

    /**
     * Resets every open socket (a modem switched off mid-transfer). Registration and bearers are left to the
     * caller: {@code radio().setRadioOn(false)} models power-off for the AT side.
     */
    public void resetAllSockets(String reason) {
        link.abortAll(reason);
    }

    @Override
    public String toString() {
        return "Network[" + radio.state() + ", link " + link.model().name() + ", faults " + faults.active() + "]";
    }
}
