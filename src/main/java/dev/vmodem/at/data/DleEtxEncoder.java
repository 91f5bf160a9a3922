package dev.vmodem.at.data;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Encodes payload for the DLE/ETX-framed data modes: SIM7000-style AT+FTPETGET (modem to host) and the Multi-Tech
 * AT#FTPGET. Each payload ETX (0x03) goes out as DLE ETX, each payload DLE (0x10) as DLE DLE, every other byte as
 * itself; a bare ETX, written by {@link #end}, ends the data.
 *
 * <pre>
 *   payload   41 03 42 10 43
 *   encoded   41 10 03 42 10 10 43          then end():  03
 * </pre>
 *
 * <p>The encoder has no state (every byte is encoded on its own), so chunk boundaries never matter and all methods
 * are static. Nothing is allocated: the caller provides the arrays or buffers. At most {@link #maxEncodedLength}
 * bytes come out per input chunk.
 *
 * @see DleEtxDecoder
 */
public final class DleEtxEncoder {

    /** Data Link Escape: escapes the next byte. */
    public static final byte DLE = 0x10;
    /** End of Text: a bare ETX ends the data; an escaped one is payload. */
    public static final byte ETX = 0x03;

    private DleEtxEncoder() {
    }

    /** The worst case: every byte escaped. */
    public static int maxEncodedLength(int payloadLength) {
        return Math.multiplyExact(payloadLength, 2);
    }

    /** The exact encoded length of {@code src[off, off+len)} (without the terminating ETX). */
    public static int encodedLength(byte[] src, int off, int len) {
        checkRange("src", src.length, off, len);
        int n = len;
        for (int i = off, end = off + len; i < end; i++) {
            if (needsEscape(src[i])) {
                n++;
            }
        }
        return n;
    }

    /**
     * Encodes {@code src[off, off+len)} into {@code dst} from {@code dstOff}; returns the number of bytes written.
     *
     * @throws IndexOutOfBoundsException if {@code dst} has no room for the whole encoded chunk; nothing is written
     *         then. Room for {@link #maxEncodedLength} bytes is always enough.
     */
    public static int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
        checkRange("src", src.length, off, len);
        int room = dst.length - dstOff;
        if (dstOff < 0 || room < 0) {
            throw new IndexOutOfBoundsException("dst offset " + dstOff + " outside array " + dst.length);
        }
        if (room < 2L * len) {
            int need = encodedLength(src, off, len);
            if (room < need) {
                throw new IndexOutOfBoundsException("dst too small: " + need + " > " + room);
            }
        }
        int o = dstOff;
        for (int i = off, end = off + len; i < end; i++) {
            byte b = src[i];
            if (needsEscape(b)) {
                dst[o++] = DLE;
            }
            dst[o++] = b;
        }
        return o - dstOff;
    }

    /**
     * Encodes as much of {@code src} as fits into {@code dst}, advancing both positions. An escape pair is never
     * split: when only one byte of room is left and the next byte needs escaping, it stays in {@code src}.
     *
     * @return the number of payload bytes consumed from {@code src}
     */
    public static int encode(ByteBuffer src, ByteBuffer dst) {
        int consumed = 0;
        while (src.hasRemaining()) {
            byte b = src.get(src.position());
            if (needsEscape(b)) {
                if (dst.remaining() < 2) {
                    break;
                }
                dst.put(DLE);
            } else if (!dst.hasRemaining()) {
                break;
            }
            dst.put(b);
            src.position(src.position() + 1);
            consumed++;
        }
        return consumed;
    }

    /** Writes the terminating bare ETX at {@code dst[off]}; returns 1, the number of bytes written. */
    public static int end(byte[] dst, int off) {
        dst[off] = ETX;
        return 1;
    }

    /**
     * Writes the terminating bare ETX.
     *
     * @throws BufferOverflowException if {@code dst} is full
     */
    public static void end(ByteBuffer dst) {
        dst.put(ETX);
    }

    static boolean needsEscape(byte b) {
        return b == DLE || b == ETX;
    }

    static void checkRange(String what, int arrayLength, int off, int len) {
        if (off < 0 || len < 0 || len > arrayLength - off) {
            throw new IndexOutOfBoundsException(what + " range [" + off + ", " + off + " + " + len + ") of array "
                    + arrayLength);
        }
    }
}
