package dev.vmodem.serial;

/** What a {@link SerialLink} delivers to: bytes from the host and, where the transport can see them, attach events. */
public interface SerialReceiver {

    /** Bytes the host sent. The array is reused by the link after this call returns. */
    void received(byte[] bytes, int offset, int length);

    /** A host attached (a TCP client connected). Not every transport can tell. */
    default void hostAttached() {
    }

    /** The host went away (a TCP client disconnected). Not every transport can tell. */
    default void hostDetached() {
    }
}
