package dev.vmodem.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.at.data.DleEtxDecoder;
import dev.vmodem.at.data.DleEtxEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DLE/ETX encode then decode is the identity, for any bytes, split at any points: plain JUnit with fixed seeds, so it
 * runs the same way every time, next to the coverage-guided {@link DleEtxFuzzTest}.
 */
class DleEtxPropertyTest {

    private static final byte[] TRAILER = "AT+FTPPUT?\r".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Payload bytes with DLE and ETX far more frequent than in random data (runs of them are where bugs live). */
    static byte[] payload(Random r, int length) {
        byte[] b = new byte[length];
        int bias = r.nextInt(4);
        for (int i = 0; i < length; i++) {
            int k = r.nextInt(8);
            b[i] = k < bias ? DleEtxEncoder.DLE : k < 2 * bias ? DleEtxEncoder.ETX : (byte) r.nextInt(256);
        }
        return b;
    }

    static byte[] encodeWithEnd(byte[] payload, byte[] trailer) {
        byte[] wire = new byte[DleEtxEncoder.maxEncodedLength(payload.length) + 1 + trailer.length];
        int n = DleEtxEncoder.encode(payload, 0, payload.length, wire, 0);
        n += DleEtxEncoder.end(wire, n);
        System.arraycopy(trailer, 0, wire, n, trailer.length);
        return Arrays.copyOf(wire, n + trailer.length);
    }

    /** Decodes {@code wire} fed at the given split points, with {@code room} bytes of output per call. */
    static byte[] decodeSplit(byte[] wire, int[] splits, int room, int expectedEnd) {
        DleEtxDecoder dec = new DleEtxDecoder();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] dst = new byte[room];
        int pos = 0;
        for (int k = 0; k <= splits.length && !dec.isEnded(); k++) {
            int to = k < splits.length ? splits[k] : wire.length;
            if (to < pos) {
                continue;
            }
            while (pos < to && !dec.isEnded()) {
                int n = dec.decode(wire, pos, to - pos, dst, 0, room);
                got.write(dst, 0, n);
                assertThat(dec.consumed()).isBetween(0, to - pos);
                if (dec.consumed() == 0) {
                    assertThat(room).as("no progress only without room").isZero();
                    break;
                }
                pos += dec.consumed();
            }
        }
        assertThat(dec.isEnded()).as("saw the bare ETX").isTrue();
        assertThat(pos).as("consumed exactly through the bare ETX").isEqualTo(expectedEnd);
        return got.toByteArray();
    }

    @Test
    void randomPayloadsRandomSplitsRandomRoom() {
        Random r = new Random(20240601);
        for (int iter = 0; iter < 10_000; iter++) {
            byte[] payload = payload(r, r.nextInt(iter % 100 == 0 ? 5000 : 64));
            byte[] wire = encodeWithEnd(payload, TRAILER);
            int end = wire.length - TRAILER.length;
            int[] splits = r.ints(r.nextInt(6), 0, wire.length + 1).sorted().toArray();
            int room = 1 + r.nextInt(r.nextBoolean() ? 4 : 8192);
            assertThat(decodeSplit(wire, splits, room, end)).as("iteration %s", iter).isEqualTo(payload);
        }
    }

    @Test
    void everySplitPointAndEveryPairOfSplitPoints() {
        Random r = new Random(7);
        for (int iter = 0; iter < 40; iter++) {
            byte[] payload = payload(r, 1 + r.nextInt(40));
            byte[] wire = encodeWithEnd(payload, TRAILER);
            int end = wire.length - TRAILER.length;
            for (int a = 0; a <= wire.length; a++) {
                assertThat(decodeSplit(wire, new int[] {a}, 64, end)).isEqualTo(payload);
                for (int b = a; b <= wire.length; b++) {
                    assertThat(decodeSplit(wire, new int[] {a, b}, 1 + (a + b) % 5, end)).isEqualTo(payload);
                }
            }
        }
    }

    @Test
    void everyByteValueAndEveryPairOfByteValues() {
        byte[] payload = new byte[2 * 256 * 256];
        for (int i = 0; i < 256 * 256; i++) {
            payload[2 * i] = (byte) (i >> 8);
            payload[2 * i + 1] = (byte) i;
        }
        byte[] wire = encodeWithEnd(payload, TRAILER);
        assertThat(decodeSplit(wire, new int[] {1, 2, 3, 1000, 1001, wire.length / 2}, 4096,
            wire.length - TRAILER.length)).isEqualTo(payload);
    }

    @Test
    void encodingInPiecesEqualsEncodingWhole() {
        Random r = new Random(99);
        for (int iter = 0; iter < 5_000; iter++) {
            byte[] payload = payload(r, r.nextInt(300));
            ByteArrayOutputStream pieces = new ByteArrayOutputStream();
            for (int at = 0; at < payload.length; ) {
                int n = Math.min(payload.length - at, r.nextInt(20));
                byte[] out = new byte[DleEtxEncoder.maxEncodedLength(n)];
                pieces.write(out, 0, DleEtxEncoder.encode(payload, at, n, out, 0));
                at += n;
            }
            byte[] whole = new byte[DleEtxEncoder.maxEncodedLength(payload.length)];
            int n = DleEtxEncoder.encode(payload, 0, payload.length, whole, 0);
            assertThat(pieces.toByteArray()).isEqualTo(Arrays.copyOf(whole, n));
        }
    }

    @Test
    void byteBuffersOnBothSidesRoundTrip() {
        Random r = new Random(4242);
        for (int iter = 0; iter < 1_500; iter++) {
            byte[] payload = payload(r, r.nextInt(400));
            // encode through small direct buffers (the pair-never-split path), decode through small heap/direct ones
            ByteBuffer src = ByteBuffer.wrap(payload);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            while (src.hasRemaining()) {
                ByteBuffer out = ByteBuffer.allocateDirect(1 + r.nextInt(9));
                DleEtxEncoder.encode(src, out);
                out.flip();
                while (out.hasRemaining()) {
                    wire.write(out.get());
                }
            }
            wire.write(DleEtxEncoder.ETX);
            wire.write(TRAILER, 0, TRAILER.length);
            ByteBuffer in = ByteBuffer.wrap(wire.toByteArray());
            DleEtxDecoder dec = new DleEtxDecoder();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            while (!dec.isEnded()) {
                ByteBuffer slice = in.slice();
                slice.limit(Math.min(slice.remaining(), 1 + r.nextInt(16)));
                ByteBuffer dst = r.nextBoolean() ? ByteBuffer.allocate(1 + r.nextInt(16))
                    : ByteBuffer.allocateDirect(1 + r.nextInt(16));
                ByteBuffer feed = r.nextBoolean() ? slice : copyToDirect(slice);
                dec.decode(feed, dst);
                in.position(in.position() + dec.consumed());
                dst.flip();
                while (dst.hasRemaining()) {
                    got.write(dst.get());
                }
            }
            assertThat(got.toByteArray()).isEqualTo(payload);
            assertThat(in.remaining()).as("leftover is the command line after the ETX").isEqualTo(TRAILER.length);
        }
    }

    private static ByteBuffer copyToDirect(ByteBuffer b) {
        ByteBuffer d = ByteBuffer.allocateDirect(b.remaining());
        d.put(b.duplicate()).flip();
        return d;
    }
}
