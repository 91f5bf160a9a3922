package dev.vmodem.net;

/**
 * How a {@link Bearers#open} or {@link Bearers#close} request ended. Distinct values for the cases a real SIM800
 * answers differently: opening an open bearer gives {@code +CME ERROR: operation not allowed}, closing a closed one
 * gives plain {@code ERROR}; the AT layer picks the response, this model only says what happened.
 */
public enum BearerOutcome {
    /** Opened (now CONNECTED) or closed (now CLOSED). */
    OK,
    /** Open requested while CONNECTED. */
    ALREADY_OPEN,
    /** Close requested while CLOSED. */
    ALREADY_CLOSED,
    /** Open or close requested while CONNECTING or CLOSING. */
    IN_PROGRESS,
    /** Open refused: the radio has no packet registration (no coverage, radio off, denied). */
    NOT_REGISTERED,
    /** Open refused: registered but not GPRS attached (AT+CGATT=0). */
    NOT_ATTACHED,
    /** Open refused: CONTYPE is CSD, which this modem does not implement. */
    NOT_SUPPORTED,
    /** The network rejected the APN: it is not in the configured allow-list. */
    APN_NOT_ALLOWED,
    /** The network rejected USER/PWD: they do not match the configured credentials. */
    AUTH_FAILED,
    /** The configured IP pool has no free address. */
    NO_ADDRESS,
    /** The network rejected activation (a lasting bearer-drop fault). */
    REJECTED,
    /** Coverage, attach or registration went away while the bearer was connecting. */
    DROPPED,
    /** The host closed the bearer while it was still connecting. */
    ABORTED;

    public boolean isSuccess() {
        return this == OK;
    }
}
