package dev.vmodem.at.response;

/**
 * A final result: what ends a command line's response. The {@link ResponseEncoder} decides how it looks on the
 * wire (ATV1 words, ATV0 numbers, ATQ1 nothing, AT+CMEE for {@link CmeError}).
 *
 * <ul>
 *   <li>{@link #OK}, {@link #ERROR} and the other V.250 result codes: a verbose word and a numeric code;</li>
 *   <li>{@link #cme(int)}: a mobile equipment error, shown as {@code ERROR} or {@code +CME ERROR: <n>/<text>};</li>
 *   <li>{@link #cme(String, int)}: the same for a dialect's own error family, such as the Wavecom/Multi-Tech IP
 *       stack's {@code #CME ERROR: 38027} (number only: no text table is known, so AT+CMEE=2 shows the number
 *       too);</li>
 *   <li>{@link #text(String, String)}: a dialect's own final line such as {@code SHUT OK} or
 *       {@code Ok_Info_GprsActivation} (numeric 3086);</li>
 *   <li>{@link #NONE}: commands that end without a result code (AT+CIFSR prints only the address).</li>
 * </ul>
 */
public final class Final {

    /** How a final result is presented. */
    public enum Kind { CODE, CME, NONE }

    public static final Final OK = new Final(Kind.CODE, "OK", "0", 0, true);
    public static final Final CONNECT = new Final(Kind.CODE, "CONNECT", "1", 0, true);
    public static final Final RING = new Final(Kind.CODE, "RING", "2", 0, true);
    public static final Final NO_CARRIER = new Final(Kind.CODE, "NO CARRIER", "3", 0, false);
    public static final Final ERROR = new Final(Kind.CODE, "ERROR", "4", 0, false);
    public static final Final NO_DIALTONE = new Final(Kind.CODE, "NO DIALTONE", "6", 0, false);
    public static final Final BUSY = new Final(Kind.CODE, "BUSY", "7", 0, false);
    public static final Final NO_ANSWER = new Final(Kind.CODE, "NO ANSWER", "8", 0, false);
    public static final Final NONE = new Final(Kind.NONE, "", "", 0, true);

    /** The prefix of the 27.007 mobile equipment error. */
    public static final String CME_PREFIX = "+CME ERROR";

    private final Kind kind;
    private final String verbose;
    private final String numeric;
    private final int cmeCode;
    private final boolean success;
    private final String prefix;

    private Final(Kind kind, String verbose, String numeric, int cmeCode, boolean success) {
        this(kind, verbose, numeric, cmeCode, success, CME_PREFIX);
    }

    private Final(Kind kind, String verbose, String numeric, int cmeCode, boolean success, String prefix) {
        this.kind = kind;
        this.verbose = verbose;
        this.numeric = numeric;
        this.cmeCode = cmeCode;
        this.success = success;
        this.prefix = prefix;
    }

    /** A +CME ERROR with the SIM800 code table (see {@link CmeError}). */
    public static Final cme(int code) {
        return new Final(Kind.CME, CmeError.text(code), Integer.toString(code), code, false);
    }

    /**
     * An error of a dialect's own family that AT+CMEE governs like +CME ERROR: {@code ERROR} under AT+CMEE=0,
     * {@code <prefix>: <code>} otherwise (the number under AT+CMEE=2 as well, since no text table is known).
     *
     * <pre>
     *   Final.cme("#CME ERROR", 38027)  →  \r\n#CME ERROR: 38027\r\n  (ATV1, CMEE 1 or 2)
     *                                       #CME ERROR: 38027\r\n      (ATV0, CMEE 1 or 2)
     *                                       \r\nERROR\r\n / 4\r         (CMEE 0)
     * </pre>
     */
    public static Final cme(String prefix, int code) {
        String n = Integer.toString(code);
        return new Final(Kind.CME, n, n, code, false, prefix);
    }

    /** A successful final line of a dialect, with its ATV0 form. */
    public static Final text(String verbose, String numeric) {
        return new Final(Kind.CODE, verbose, numeric, 0, true);
    }

    /** A failing final line of a dialect (stops the rest of the command line), with its ATV0 form. */
    public static Final failure(String verbose, String numeric) {
        return new Final(Kind.CODE, verbose, numeric, 0, false);
    }

    /** For {@link Kind#CME}: what comes before {@code ": <n>"}, {@code "+CME ERROR"} unless a dialect says. */
    public String prefix() {
        return prefix;
    }

    public Kind kind() {
        return kind;
    }

    /** The ATV1 text ("OK", "NO CARRIER"; for a CME error the verbose error text). */
    public String verbose() {
        return verbose;
    }

    /** The ATV0 text ("0", "4"; for a CME error the number). */
    public String numeric() {
        return numeric;
    }

    /** For {@link Kind#CME}: the error number. */
    public int cmeCode() {
        return cmeCode;
    }

    /** Whether the command succeeded; a failure stops the rest of the command line. */
    public boolean isSuccess() {
        return success;
    }

    @Override
    public String toString() {
        return kind == Kind.CME ? prefix + ": " + cmeCode : kind == Kind.NONE ? "(no result code)" : verbose;
    }
}
