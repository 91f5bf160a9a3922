package dev.vmodem.net;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the simulated radio link treats traffic: the delays and rates applied to every socket the modem opens, and
 * how long bearer activation and deactivation take.
 *
 * <p>Presets (peak rates of the radio technology; real cells deliver less, and every value can be changed):
 * <table>
 *   <caption>presets</caption>
 *   <tr><th>name</th><th>down / up</th><th>one-way latency (RTT)</th><th>jitter</th><th>TCP setup</th>
 *       <th>activation / deactivation</th></tr>
 *   <tr><td>instant</td><td>unlimited</td><td>0</td><td>0</td><td>0</td><td>0 / 0</td></tr>
 *   <tr><td>gprs</td><td>85.6 / 42.8 kbit/s (class 10, CS-4: 4 down + 2 up slots x 21.4)</td>
 *       <td>300 ms (600 ms)</td><td>100 ms</td><td>1 s</td><td>1.5 s / 0.5 s</td></tr>
 *   <tr><td>edge</td><td>236.8 / 118.4 kbit/s (class 10, MCS-9: 4 + 2 slots x 59.2)</td>
 *       <td>150 ms (300 ms)</td><td>40 ms</td><td>500 ms</td><td>1 s / 300 ms</td></tr>
 *   <tr><td>lte-m</td><td>1000 / 1000 kbit/s (Cat-M1, 3GPP Rel-13 full-duplex peak; half-duplex modules such
 *       as SIM7000 manage about 375 / 375)</td><td>50 ms (100 ms)</td><td>10 ms</td><td>200 ms</td>
 *       <td>500 ms / 200 ms</td></tr>
 * </table>
 *
 * <p>Meaning of each value, as the socket wrappers apply them:
 * <ul>
 *   <li>{@code latency}: one-way delay, added once per burst in each direction (the first write after a read or
 *       after an idle pause, the first read after a write or idle), so a request and its answer cost a round trip
 *       while a bulk transfer is limited by bandwidth alone;</li>
 *   <li>{@code jitter}: a uniformly random extra delay between 0 and this, added to each latency and setup;</li>
 *   <li>{@code downlinkBps}/{@code uplinkBps}: bits per second, 0 for unlimited; shared by all of the modem's
 *       connections, as they share one radio;</li>
 *   <li>{@code connectSetup}: time a TCP connect takes before it completes or is refused (handshake included);</li>
 *   <li>{@code activation}/{@code deactivation}: how long AT+SAPBR=1 / AT+SAPBR=0 take.</li>
 * </ul>
 */
public record LinkModel(String name, Duration latency, Duration jitter, long downlinkBps, long uplinkBps,
                        Duration connectSetup, Duration activation, Duration deactivation) {

    public static final LinkModel INSTANT = new LinkModel("instant", Duration.ZERO, Duration.ZERO, 0, 0,
            Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public static final LinkModel GPRS = new LinkModel("gprs", Duration.ofMillis(300), Duration.ofMillis(100),
            85_600, 42_800, Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofMillis(500));

    public static final LinkModel EDGE = new LinkModel("edge", Duration.ofMillis(150), Duration.ofMillis(40),
            236_800, 118_400, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(300));

    public static final LinkModel LTE_M = new LinkModel("lte-m", Duration.ofMillis(50), Duration.ofMillis(10),
            1_000_000, 1_000_000, Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofMillis(200));

    public LinkModel {
        Objects.requireNonNull(name, "name");
        checkDuration("latency", latency);
        checkDuration("jitter", jitter);
        checkDuration("connectSetup", connectSetup);
        checkDuration("activation", activation);
        checkDuration("deactivation", deactivation);
        if (downlinkBps < 0 || uplinkBps < 0) {
            throw new IllegalArgumentException("bandwidth must be >= 0 (0 = unlimited): " + downlinkBps + " / "
                    + uplinkBps);
        }
    }

    /** A preset by name: instant, gprs, edge, lte-m (also "ltem", "cat-m1"). */
    public static LinkModel preset(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "instant":
                return INSTANT;
            case "gprs":
                return GPRS;
            case "edge":
                return EDGE;
            case "lte-m":
            case "ltem":
            case "cat-m1":
                return LTE_M;
            default:
                throw new IllegalArgumentException("unknown link preset: '" + name
                        + "' (instant, gprs, edge, lte-m)");
        }
    }

    /** True when the model adds nothing to socket traffic, so sockets can run without shaping. */
    public boolean shapesNothing() {
        return latency.isZero() && jitter.isZero() && downlinkBps == 0 && uplinkBps == 0 && connectSetup.isZero();
    }

    public Duration roundTrip() {
        return latency.multipliedBy(2);
    }

    public LinkModel withLatency(Duration oneWay) {
        return new LinkModel(name, oneWay, jitter, downlinkBps, uplinkBps, connectSetup, activation, deactivation);
    }

    public LinkModel withJitter(Duration j) {
        return new LinkModel(name, latency, j, downlinkBps, uplinkBps, connectSetup, activation, deactivation);
    }

    public LinkModel withDownlinkBps(long bps) {
        return new LinkModel(name, latency, jitter, bps, uplinkBps, connectSetup, activation, deactivation);
    }

    public LinkModel withUplinkBps(long bps) {
        return new LinkModel(name, latency, jitter, downlinkBps, bps, connectSetup, activation, deactivation);
    }

    public LinkModel withConnectSetup(Duration d) {
        return new LinkModel(name, latency, jitter, downlinkBps, uplinkBps, d, activation, deactivation);
    }

    public LinkModel withActivation(Duration d) {
        return new LinkModel(name, latency, jitter, downlinkBps, uplinkBps, connectSetup, d, deactivation);
    }

    public LinkModel withDeactivation(Duration d) {
        return new LinkModel(name, latency, jitter, downlinkBps, uplinkBps, connectSetup, activation, d);
    }

    /** Time {@code bytes} take at {@code bitsPerSecond}, in nanoseconds; 0 when the rate is unlimited. */
    public static long transmitNanos(long bytes, long bitsPerSecond) {
        if (bitsPerSecond <= 0 || bytes <= 0) {
            return 0;
        }
        // bytes * 8e9 overflows a long past ~1.15 GB; Math.multiplyHigh is overkill for chunks of at most a few KB,
        // but callers may pass totals, so go through double for large values.
        if (bytes < 1_000_000_000L) {
            return bytes * 8_000_000_000L / bitsPerSecond;
        }
        return (long) (bytes * 8e9 / bitsPerSecond);
    }

    private static void checkDuration(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
    }
}
