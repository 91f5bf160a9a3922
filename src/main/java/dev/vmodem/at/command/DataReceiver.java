package dev.vmodem.at.command;

import dev.vmodem.at.response.Response;

/**
 * Takes the host's bytes while the line is in a data mode (AT+FTPPUT=2,n takes exactly n bytes; AT+FTPETPUT takes
 * DLE-escaped bytes up to a bare ETX). The engine hands it every byte that arrives after the response that announced
 * the switch, and takes back whatever it does not consume: those bytes are parsed as commands again.
 */
public interface DataReceiver {

    /**
     * Consumes host bytes.
     *
     * @return how many bytes were consumed; fewer than {@code length} only when the data phase is over
     */
    int receive(byte[] bytes, int offset, int length);

    /** Whether the data phase is over; the engine then calls {@link #finish()} and returns to command mode. */
    boolean finished();

    /** The final response of the command that entered data mode (may be {@link Response#pending()}). */
    Response finish();

    /** The host went away or the modem was reset during the data phase: release what was held. */
    default void abort() {
    }
}
