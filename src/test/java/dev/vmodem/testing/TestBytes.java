package dev.vmodem.testing;

import java.util.Random;

/**
 * Test data for transfers, deterministic for a seed: every byte value, and the two bytes the data modes treat
 * specially (DLE 0x10 and ETX 0x03) in runs and in pairs, where framing bugs live.
 */
public final class TestBytes {

    public static final byte DLE = 0x10;
    public static final byte ETX = 0x03;

    private TestBytes() {
    }

    /** Every byte value once, 0x00 to 0xFF. */
    public static byte[] allByteValues() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }

    /** Pseudo-random bytes. */
    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** {@link #file(int, long)} seeded with its size. */
    public static byte[] file(int size) {
        return file(size, size);
    }

    /**
     * A file for a transfer: every 4 KB, the 256 byte values in order, 64 DLE, 64 ETX and 64 bytes of DLE ETX pairs,
     * then random bytes to the end of the 4 KB.
     */
    public static byte[] file(int size, long seed) {
        byte[] b = random(size, seed);
        for (int block = 0; block < size; block += 4096) {
            for (int i = 0; i < 448 && block + i < size; i++) {
                b[block + i] = i < 256 ? (byte) i : i < 320 ? DLE : i < 384 ? ETX : i % 2 == 0 ? DLE : ETX;
            }
        }
        return b;
    }

    /**
     * Bytes about a third of which are DLE or ETX: the 256 byte values first (as many as fit), then random bytes with
     * DLE and ETX each drawn one time in six, and from byte 300 (in files over 400 bytes) a run of 20 DLE, a run of 20
     * ETX and 40 bytes of DLE ETX pairs.
     */
    public static byte[] denseInDleEtx(int size, long seed) {
        byte[] b = new byte[size];
        Random r = new Random(seed);
        r.nextBytes(b);
        for (int i = 0; i < size; i++) {
            if (i < 256) {
                b[i] = (byte) i;
            } else {
                int k = r.nextInt(6);
                if (k == 0) {
                    b[i] = DLE;
                } else if (k == 1) {
                    b[i] = ETX;
                }
            }
        }
        if (size > 400) {
            for (int i = 300; i < 340; i++) {
                b[i] = i < 320 ? DLE : ETX;
            }
            for (int i = 340; i < 380; i++) {
                b[i] = i % 2 == 0 ? DLE : ETX;
            }
        }
        return b;
    }
}
