package dev.vmodem.net;

/**
 * A bearer profile's status as {@code AT+SAPBR=2,<cid>} reports it: {@code +SAPBR: 1,1,"10.89.193.1"}.
 *
 * <pre>
 *   CLOSED --open--&gt; CONNECTING --(activation delay)--&gt; CONNECTED --close--&gt; CLOSING --&gt; CLOSED
 *                         |                                 |
 *                         +------- drop / rejected ---------+--&gt; CLOSED
 * </pre>
 */
public enum BearerStatus {
    CONNECTING(0),
    CONNECTED(1),
    CLOSING(2),
    CLOSED(3);

    private final int code;

    BearerStatus(int code) {
        this.code = code;
    }

    /** The SAPBR {@code <Status>} value. */
    public int code() {
        return code;
    }
}
