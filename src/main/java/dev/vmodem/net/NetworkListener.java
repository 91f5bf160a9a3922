package dev.vmodem.net;

/**
 * Receives changes of the simulated network, so the AT layer can emit unsolicited result codes
 * ({@code +CREG: 1}, {@code +CGREG: 1}, {@code +SAPBR 1: DEACT}).
 *
 * <p>Events are delivered in the order the changes happened, one at a time, on a thread that made a change (the
 * thread that called a setter, the scheduler's thread for timed transitions). Listeners must be quick and must not
 * block: queue the URC and return. A listener may call back into the network; that event is delivered after the
 * current one. Exceptions thrown by a listener are logged and otherwise ignored.
 */
public interface NetworkListener {

    /** Something in the radio snapshot changed (registration, cell, signal, operator, attach, radio power). */
    default void radioChanged(RadioState before, RadioState after) {
    }

    /** A bearer profile moved from one status to another, for whatever reason. */
    default void bearerChanged(int cid, BearerStatus before, BearerStatus after) {
    }

    /**
     * The network deactivated a bearer that was connected (coverage lost, detach, radio off, a fault): a real
     * SIM800 prints {@code +SAPBR <cid>: DEACT}. Not sent when the host closed the bearer itself. Comes after the
     * matching {@link #bearerChanged} to {@link BearerStatus#CLOSED}.
     */
    default void bearerDropped(int cid, DropReason reason) {
    }
}
