package dev.vmodem.at.response;

/**
 * A final result: what ends a command line's response. The {@link ResponseEncoder} decides how it looks on the
 * wire (ATV1 words, ATV0 numbers, ATQ1 nothing, AT+CMEE for {@link CmeError}).
 *
 * <ul>
 *   <li>{@link #OK}, {@link #ERROR} and the other V.250 result codes: a verbose word and a numeric code;</li>
 *   <li>{@link #cme(int)}: a mobile equipment error, shown as {@code ERROR} or {@code +CME ERROR: <n>/<text>};</li>
 *   <li>{@link #text(String, String)}: a dialect's own final line such as {@code SHUT OK},
 *       {@code Ok_Info_DataBegin} (numeric 1025) or {@code #CME ERROR: 38027};</li>
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

    private final Kind kind;
    private final String verbose;
    private final String numeric;
    private final int cmeCode;
    private final boolean success;

    private Final(Kind kind, String verbose, String numeric, int cmeCode, boolean success) {
        this.kind = kind;
        this.verbose = verbose;
        this.numeric = numeric;
        this.cmeCode = cmeCode;
        this.success = success;
    }

    /** A +CME ERROR with the SIM800 code table (see {@link CmeError}). */
    public static Final cme(int code) {
        return new Final(Kind.CME, CmeError.text(code), Integer.toString(code), code, false);
    }

    /** A successful final line of a dialect, with its ATV0 form. */
    public static Final text(String verbose, String numeric) {
        return new Final(Kind.CODE, verbose, numeric, 0, true);
    }

    /** A failing final line of a dialect (stops the rest of the command line), with its ATV0 form. */
    public static Final failure(String verbose, String numeric) {
        return new Final(Kind.CODE, verbose, numeric, 0, false);
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
        return kind == Kind.CME ? "+CME ERROR: " + cmeCode : kind == Kind.NONE ? "(no result code)" : verbose;
    }
}
