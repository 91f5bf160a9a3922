package dev.vmodem.net;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A description of something going wrong in the simulated network; {@link Faults#inject} makes it happen.
 *
 * <pre>
 *   network.faults().inject(Fault.cutAfterBytes(1000).oneShot());          // next connection to carry 1000 bytes dies
 *   network.faults().inject(Fault.dnsFailure());                           // every lookup fails until cleared
 *   network.faults().inject(Fault.coverageLoss().lastingFor(Duration.ofSeconds(30)));
 *   network.faults().clear(Fault.Kind.DNS_FAILURE);
 * </pre>
 *
 * <p>Every fault is {@link Mode#LASTING} (until cleared, or for a set time) unless made {@link Mode#ONE_SHOT}.
 * What one-shot means depends on the kind:
 * <ul>
 *   <li>events happen once and the fault is gone: {@link Kind#DNS_FAILURE} (the next lookup fails),
 *       {@link Kind#REFUSE_CONNECTIONS} (the next connect), {@link Kind#CUT_AFTER_BYTES} (the first connection to
 *       carry the bytes), {@link Kind#BEARER_DROP} (drops open bearers now), {@link Kind#COVERAGE_LOSS} (a blip:
 *       coverage goes and comes back at once, dropping bearers);</li>
 *   <li>conditions apply to one connection instead of all of them, until cleared or until that connection closes:
 *       {@link Kind#STALL}, {@link Kind#CAP_BANDWIDTH}, {@link Kind#ADD_LATENCY}. The connection is the first one
 *       that connects or does I/O after the fault is injected.</li>
 * </ul>
 * Lasting socket faults apply to connections already open as well as new ones, from their next read or write.
 * Faults only touch sockets opened through the {@link Network} that holds them.
 *
 * @param kind          what goes wrong
 * @param mode          one-shot or lasting
 * @param duration      for lasting faults, how long until they clear themselves; null = until cleared
 * @param bytes         for CUT_AFTER_BYTES: bytes the connection carries before it is cut
 * @param direction     for CUT_AFTER_BYTES, STALL and CAP_BANDWIDTH: which traffic counts / is affected
 * @param bitsPerSecond for CAP_BANDWIDTH: the cap
 * @param latency       for ADD_LATENCY: extra one-way delay
 */
public record Fault(Kind kind, Mode mode, Duration duration, long bytes, Direction direction, long bitsPerSecond,
                    Duration latency) {

    public enum Kind {
        /** Deregister CS and PS (stat 2, searching), detach, CSQ 99,99, drop every open bearer. */
        COVERAGE_LOSS,
        /** The network deactivates open bearers; while lasting it also rejects activation. */
        BEARER_DROP,
        /** Name lookups fail ({@link NetAccess.DnsFailureException}). */
        DNS_FAILURE,
        /** Connects fail with {@link java.net.ConnectException} after the link's setup time. */
        REFUSE_CONNECTIONS,
        /**
         * Reads and writes block until cleared; a read gives up after the socket's SO_TIMEOUT (measured on the
         * scheduler's clock) with {@link java.net.SocketTimeoutException}, leaving the connection stalled.
         */
        STALL,
        /** After carrying {@code bytes}, the connection is reset: exactly that many get through. */
        CUT_AFTER_BYTES,
        /** Bandwidth limited to at most {@code bitsPerSecond} in the given direction. */
        CAP_BANDWIDTH,
        /** Extra one-way latency on every burst. */
        ADD_LATENCY
    }

    public enum Mode {
        ONE_SHOT,
        LASTING
    }

    /** Which traffic a fault applies to, seen from the modem: uplink is what it sends. */
    public enum Direction {
        UPLINK,
        DOWNLINK,
        BOTH;

        boolean covers(Direction d) {
            return this == BOTH || this == d;
        }
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(latency, "latency");
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("fault duration must be positive: " + duration);
        }
        if (duration != null && mode == Mode.ONE_SHOT) {
            throw new IllegalArgumentException("a one-shot fault has no duration");
        }
        if (kind == Kind.CUT_AFTER_BYTES && bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
        }
        if (kind == Kind.CAP_BANDWIDTH && bitsPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidth cap must be > 0 bit/s: " + bitsPerSecond);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
    }

    private static Fault of(Kind kind) {
        return new Fault(kind, Mode.LASTING, null, 0, Direction.BOTH, 0, Duration.ZERO);
    }

    public static Fault coverageLoss() {
        return of(Kind.COVERAGE_LOSS);
    }

    public static Fault bearerDrop() {
        return of(Kind.BEARER_DROP);
    }

    public static Fault dnsFailure() {
        return of(Kind.DNS_FAILURE);
    }

    public static Fault refuseConnections() {
        return of(Kind.REFUSE_CONNECTIONS);
    }

    public static Fault stall() {
        return of(Kind.STALL);
    }

    /** Cut after {@code bytes} in both directions together; narrow with {@link #direction(Direction)}. */
    public static Fault cutAfterBytes(long bytes) {
        return new Fault(Kind.CUT_AFTER_BYTES, Mode.LASTING, null, bytes, Direction.BOTH, 0, Duration.ZERO);
    }

    public static Fault capBandwidth(long bitsPerSecond) {
        return new Fault(Kind.CAP_BANDWIDTH, Mode.LASTING, null, 0, Direction.BOTH, bitsPerSecond, Duration.ZERO);
    }

    public static Fault addLatency(Duration oneWay) {
        return new Fault(Kind.ADD_LATENCY, Mode.LASTING, null, 0, Direction.BOTH, 0, oneWay);
    }

    public Fault oneShot() {
        return new Fault(kind, Mode.ONE_SHOT, null, bytes, direction, bitsPerSecond, latency);
    }

    public Fault lasting() {
        return new Fault(kind, Mode.LASTING, null, bytes, direction, bitsPerSecond, latency);
    }

    /** Lasting, clearing itself after {@code d} on the network's scheduler. */
    public Fault lastingFor(Duration d) {
        return new Fault(kind, Mode.LASTING, d, bytes, direction, bitsPerSecond, latency);
    }

    public Fault direction(Direction d) {
        return new Fault(kind, mode, duration, bytes, d, bitsPerSecond, latency);
    }

    public boolean isOneShot() {
        return mode == Mode.ONE_SHOT;
    }

    /** Whether this fault changes how sockets behave once open (so sockets cannot take the unshaped path). */
    boolean shapesSockets() {
        return kind == Kind.STALL || kind == Kind.CUT_AFTER_BYTES || kind == Kind.CAP_BANDWIDTH
                || kind == Kind.ADD_LATENCY;
    }

    /**
     * Parses the configuration form {@code <kind> [<arg>] [once] [for=<ms>] [dir=up|down|both]}:
     * <pre>
     *   coverage-loss            bearer-drop           dns-failure          refuse
     *   stall dir=down           cut 1000 once dir=down
     *   bandwidth 9.6            (kbit/s)              latency 500          (ms, one-way)
     *   coverage-loss for=30000
     * </pre>
     */
    public static Fault parse(String spec) {
        try {
            return parseWords(spec);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in fault '" + spec + "': " + e.getMessage());
        }
    }

    private static Fault parseWords(String spec) {
        String[] words = spec.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("empty fault");
        }
        String kind = words[0].toLowerCase(Locale.ROOT);
        int i = 1;
        Fault f;
        switch (kind) {
            case "coverage-loss":
                f = coverageLoss();
                break;
            case "bearer-drop":
                f = bearerDrop();
                break;
            case "dns-failure":
                f = dnsFailure();
                break;
            case "refuse":
                f = refuseConnections();
                break;
            case "stall":
                f = stall();
                break;
            case "cut":
                f = cutAfterBytes(Long.parseLong(argument(words, i++, spec)));
                break;
            case "bandwidth":
                f = capBandwidth(Math.round(Double.parseDouble(argument(words, i++, spec)) * 1000));
                break;
            case "latency":
                f = addLatency(Duration.ofMillis(Long.parseLong(argument(words, i++, spec))));
                break;
            default:
                throw new IllegalArgumentException("unknown fault: '" + words[0] + "' in '" + spec
                        + "' (coverage-loss, bearer-drop, dns-failure, refuse, stall, cut, bandwidth, latency)");
        }
        for (; i < words.length; i++) {
            String w = words[i].toLowerCase(Locale.ROOT);
            if (w.equals("once")) {
                f = f.oneShot();
            } else if (w.startsWith("for=")) {
                f = f.lastingFor(Duration.ofMillis(Long.parseLong(w.substring(4))));
            } else if (w.startsWith("dir=")) {
                f = f.direction(parseDirection(w.substring(4)));
            } else {
                throw new IllegalArgumentException("unknown fault option: '" + words[i] + "' in '" + spec + "'");
            }
        }
        return f;
    }

    private static String argument(String[] words, int i, String spec) {
        if (i >= words.length) {
            throw new IllegalArgumentException("fault needs a value: '" + spec + "'");
        }
        return words[i];
    }

    private static Direction parseDirection(String s) {
        switch (s) {
            case "up":
            case "uplink":
                return Direction.UPLINK;
            case "down":
            case "downlink":
                return Direction.DOWNLINK;
            case "both":
                return Direction.BOTH;
            default:
                throw new IllegalArgumentException("unknown direction: '" + s + "' (up, down, both)");
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        switch (kind) {
            case CUT_AFTER_BYTES:
                b.append(' ').append(bytes).append(" dir=").append(direction.name().toLowerCase(Locale.ROOT));
                break;
            case CAP_BANDWIDTH:
                b.append(' ').append(bitsPerSecond).append(" bit/s dir=")
                        .append(direction.name().toLowerCase(Locale.ROOT));
                break;
            case ADD_LATENCY:
                b.append(' ').append(latency.toMillis()).append(" ms");
                break;
            case STALL:
                b.append(" dir=").append(direction.name().toLowerCase(Locale.ROOT));
                break;
            default:
                break;
        }
        b.append(mode == Mode.ONE_SHOT ? " once" : duration != null ? " for " + duration.toMillis() + " ms" : "");
        return b.toString();
    }
}
