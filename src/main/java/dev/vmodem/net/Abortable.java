package dev.vmodem.net;

/** A socket or server socket that dies with the bearer it was opened on. */
interface Abortable {

    /** Fails the connection like a reset; later I/O reports {@code reason}. Must not block. */
    void abort(String reason);
}
