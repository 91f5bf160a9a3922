package dev.vmodem.net;

/**
 * A request that the radio cannot honour in the state it is in, for example attaching to GPRS with no coverage.
 * The message names the state found: "cannot attach: PS registration SEARCHING".
 */
public final class NetworkStateException extends Exception {
    public NetworkStateException(String message) {
        super(message);
    }
}
