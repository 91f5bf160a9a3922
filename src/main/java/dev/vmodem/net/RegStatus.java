package dev.vmodem.net;

/**
 * A registration status as 3GPP 27.007 numbers it in {@code +CREG}/{@code +CGREG} ({@code <stat>}).
 *
 * <pre>
 *   AT+CREG?
 *   +CREG: 0,1        (stat 1: registered, home network)
 * </pre>
 */
public enum RegStatus {
    NOT_REGISTERED(0),
    HOME(1),
    SEARCHING(2),
    DENIED(3),
    UNKNOWN(4),
    ROAMING(5);

    private final int code;

    RegStatus(int code) {
        this.code = code;
    }

    /** The 27.007 {@code <stat>} value. */
    public int code() {
        return code;
    }

    /** Home or roaming: the only two states in which the modem has service. */
    public boolean isRegistered() {
        return this == HOME || this == ROAMING;
    }

    public static RegStatus fromCode(int code) {
        for (RegStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("registration status out of range: " + code + " (0..5)");
    }

    /**
     * Parses a configuration value: a stat number ({@code "1"}) or a name ({@code "home"}, {@code "roaming"},
     * {@code "searching"}, {@code "denied"}, {@code "unknown"}, {@code "none"} / {@code "not-registered"}).
     */
    public static RegStatus parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        switch (t) {
            case "none":
            case "not-registered":
                return NOT_REGISTERED;
            case "home":
                return HOME;
            case "searching":
                return SEARCHING;
            case "denied":
                return DENIED;
            case "unknown":
                return UNKNOWN;
            case "roaming":
                return ROAMING;
            default:
                try {
                    return fromCode(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a registration status: '" + text
                            + "' (home, roaming, searching, denied, unknown, none or 0..5)");
                }
        }
    }
}
