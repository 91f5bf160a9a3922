package dev.vmodem.at.data;

import static dev.vmodem.at.data.DleEtxEncoder.DLE;
import static dev.vmodem.at.data.DleEtxEncoder.ETX;
import static dev.vmodem.at.data.DleEtxEncoder.checkRange;

import java.nio.ByteBuffer;

/**
 * Streaming decoder for DLE/ETX-framed data from the host: SIM7000-style AT+FTPETPUT and the Multi-Tech AT#FTPPUT.
 * Feed it chunks as they arrive from the serial line; it writes payload bytes out and stops at the bare ETX that
 * ends the data, reporting exactly how many input bytes it consumed, so the bytes after the ETX can go back to the
 * command parser.
 *
 * <pre>
 *   input     41 10 03 42 10 10 43 03 'A' 'T' '\r'
 *   payload   41 03 42 10 43
 *   consumed  8 (through the bare ETX); leftover "AT\r" belongs to the command parser
 * </pre>
 *
 * <p>Rules:
 * <ul>
 *   <li>DLE x decodes as x, for every x. DLE ETX and DLE DLE are the pairs the senders use; a DLE followed by any
 *       other byte is accepted too and decodes as that byte (the DLE is dropped), because neither the SIM7000 nor
 *       the Multi-Tech manual gives another rule and dropping the escape is what both sides' stated encodings
 *       imply.</li>
 *   <li>A bare ETX ends the data. It is consumed (counted in {@link #consumed()}) but not output. After it the
 *       decoder consumes nothing until {@link #reset()}.</li>
 *   <li>A DLE at the end of a chunk is consumed and held: the next chunk's first byte is the escaped byte. If the
 *       data never continues, {@link #hasPendingDle()} says so.</li>
 *   <li>Output is never longer than input, so decoding in place ({@code dst == src}, {@code dstOff <= off}) is
 *       safe.</li>
 * </ul>
 *
 * <p>No allocation: the caller provides the arrays or buffers, and the decoder keeps two flags and two counters.
 * Not thread-safe: one decoder per data-mode session, driven by the serial reader.
 */
public final class DleEtxDecoder {

    private boolean pendingDle;
    private boolean ended;
    private int consumed;
    private long totalPayload;

    /**
     * Decodes from {@code src[off, off+len)} into {@code dst[dstOff, dstOff+dstLen)}. Stops when the input is used
     * up, when the output is full, or right after the bare ETX.
     *
     * @return the number of payload bytes written; {@link #consumed()} tells how many input bytes were used
     */
    public int decode(byte[] src, int off, int len, byte[] dst, int dstOff, int dstLen) {
        checkRange("src", src.length, off, len);
        checkRange("dst", dst.length, dstOff, dstLen);
        int i = off;
        int end = off + len;
        int o = dstOff;
        int oEnd = dstOff + dstLen;
        if (!ended) {
            while (i < end) {
                byte b = src[i];
                if (pendingDle) {
                    if (o == oEnd) {
                        break;
                    }
                    dst[o++] = b;
                    pendingDle = false;
                } else if (b == DLE) {
                    pendingDle = true;
                } else if (b == ETX) {
                    i++;
                    ended = true;
                    break;
                } else {
                    if (o == oEnd) {
                        break;
                    }
                    dst[o++] = b;
                }
                i++;
            }
        }
        consumed = i - off;
        totalPayload += o - dstOff;
        return o - dstOff;
    }

    /** {@link #decode(byte[], int, int, byte[], int, int)} with an output array that has room for {@code len}. */
    public int decode(byte[] src, int off, int len, byte[] dst, int dstOff) {
        return decode(src, off, len, dst, dstOff, Math.min(len, dst.length - dstOff));
    }

    /**
     * Decodes from {@code src} into {@code dst}, advancing both positions: stops when {@code src} is empty,
     * {@code dst} is full, or right after the bare ETX (then {@code src} is left at the first leftover byte).
     *
     * @return whether the bare ETX has been seen
     */
    public boolean decode(ByteBuffer src, ByteBuffer dst) {
        if (src.hasArray() && dst.hasArray()) {
            int n = decode(src.array(), src.arrayOffset() + src.position(), src.remaining(),
                    dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            src.position(src.position() + consumed);
            dst.position(dst.position() + n);
            return ended;
        }
        int start = src.position();
        int produced = 0;
        while (!ended && src.hasRemaining()) {
            byte b = src.get(src.position());
            if (pendingDle || (b != DLE && b != ETX)) {
                if (!dst.hasRemaining()) {
                    break;
                }
                dst.put(b);
                produced++;
                pendingDle = false;
            } else if (b == DLE) {
                pendingDle = true;
            } else {
                ended = true;
            }
            src.position(src.position() + 1);
        }
        consumed = src.position() - start;
        totalPayload += produced;
        return ended;
    }

    /** Input bytes consumed by the last decode call, including escapes, a held DLE and the terminating ETX. */
    public int consumed() {
        return consumed;
    }

    /** Whether the bare ETX has been seen. */
    public boolean isEnded() {
        return ended;
    }

    /** Whether the last byte consumed was a DLE whose escaped byte has not arrived yet. */
    public boolean hasPendingDle() {
        return pendingDle;
    }

    /** Payload bytes produced since the last reset. */
    public long totalPayload() {
        return totalPayload;
    }

    /** Ready for new data. */
    public void reset() {
        pendingDle = false;
        ended = false;
        consumed = 0;
        totalPayload = 0;
    }

    @Override
    public String toString() {
        return "DleEtxDecoder[" + (ended ? "ENDED" : pendingDle ? "PENDING_DLE" : "DATA") + ", payload="
                + totalPayload + "]";
    }
}
