package dev.vmodem.config;

/**
 * Realistic mode ({@code --realistic}, {@code modem.realistic=true}): the modem takes the time a SIM800 takes, for
 * demos and for firmware timeouts. Defaults stay instant so tests run fast. It sets:
 *
 * <ul>
 *   <li>{@code modem.boot.schedule.ms}: the power-on codes at the times a SIM800L shows them after the power key:
 *       RDY 1.5 s, +CFUN: 1 2.0 s, +CPIN: READY 2.5 s, Call Ready 7.0 s, SMS Ready 8.0 s (field logs put RDY at 1-2 s
 *       and SMS Ready 5-10 s after it: the SIM's phone book and SMS store are read first);</li>
 *   <li>{@code link.preset=gprs}: bearer activation 1.5 s, TCP set-up 1 s, 600 ms round trips, 85.6/42.8 kbit/s
 *       (so an FTP session takes its DNS lookup, control connection, login exchange and data connection);</li>
 *   <li>{@code serial.pacing=true}: output leaves at {@code serial.baud} (10 bits per byte).</li>
 * </ul>
 * Keys set explicitly in the same configuration are overridden; set the individual keys instead of
 * {@code modem.realistic} for a mix.
 */
public final class Realistic {

    public static final String KEY = "modem.realistic";
    public static final String BOOT_SCHEDULE =
        "RDY=1500,+CFUN: 1=2000,+CPIN: READY=2500,Call Ready=7000,SMS Ready=8000";

    private Realistic() {
    }

    /** {@code c} with the realistic settings when {@value #KEY} is true; otherwise {@code c}. */
    public static Config apply(Config c) {
        if (!c.getBoolean(KEY, false)) {
            return c;
        }
        return c.with("modem.boot.schedule.ms", c.get("modem.boot.schedule.ms", BOOT_SCHEDULE))
            .with("link.preset", "gprs")
            .with("serial.pacing", "true");
    }
}
