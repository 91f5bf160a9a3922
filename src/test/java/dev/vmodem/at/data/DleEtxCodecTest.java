package dev.vmodem.at.data;

import static dev.vmodem.at.data.DleEtxEncoder.DLE;
import static dev.vmodem.at.data.DleEtxEncoder.ETX;
import static dev.vmodem.testing.TestBytes.allByteValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DleEtxCodecTest {

    private static final byte[] LEFTOVER = {'A', 'T', '+', 'F', 'T', 'P', 'S', 'T', 'A', 'T', 'E', '\r'};

    // ---------------------------------------------------------------- encoder

    @Test
    void encodesTheDocumentedExample() {
        assertThat(encode(bytes(0x41, 0x03, 0x42, 0x10, 0x43)))
                .containsExactly(0x41, 0x10, 0x03, 0x42, 0x10, 0x10, 0x43);
    }

    @Test
    void encodesEveryByteValue() {
        byte[] all = allByteValues();
        byte[] enc = encode(all);
        assertThat(enc).hasSize(258);
        assertThat(DleEtxEncoder.encodedLength(all, 0, 256)).isEqualTo(258);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int v = 0; v < 256; v++) {
            if (v == 0x03 || v == 0x10) {
                expected.write(0x10);
            }
            expected.write(v);
        }
        assertThat(enc).isEqualTo(expected.toByteArray());
    }

    @Test
    void encodeRefusesTooSmallOutputAndWritesNothing() {
        byte[] src = bytes(0x03, 0x03, 0x41);
        byte[] dst = new byte[4];
        assertThatThrownBy(() -> DleEtxEncoder.encode(src, 0, 3, dst, 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("dst too small: 5 > 4");
        assertThat(dst).containsOnly(0);
        assertThat(DleEtxEncoder.encode(bytes(0x41, 0x42), 0, 2, new byte[2], 0)).as("exact room is enough")
                .isEqualTo(2);
    }

    @Test
    void byteBufferEncoderNeverSplitsAPair() {
        ByteBuffer src = ByteBuffer.wrap(bytes(0x41, 0x03, 0x42));
        ByteBuffer dst = ByteBuffer.allocate(2);
        assertThat(DleEtxEncoder.encode(src, dst)).isEqualTo(1);
        assertThat(src.position()).as("ETX waits for two bytes of room").isEqualTo(1);
        dst.flip();
        assertThat(dst.remaining()).isEqualTo(1);
        ByteBuffer dst2 = ByteBuffer.allocate(10);
        assertThat(DleEtxEncoder.encode(src, dst2)).isEqualTo(2);
        DleEtxEncoder.end(dst2);
        assertThat(Arrays.copyOf(dst2.array(), dst2.position())).containsExactly(0x10, 0x03, 0x42, 0x03);
    }

    // ---------------------------------------------------------------- decoder

    @Test
    void decodesTheDocumentedExampleAndReportsLeftover() {
        byte[] in = concat(bytes(0x41, 0x10, 0x03, 0x42, 0x10, 0x10, 0x43, 0x03), "AT\r".getBytes());
        DleEtxDecoder d = new DleEtxDecoder();
        byte[] out = new byte[in.length];
        int n = d.decode(in, 0, in.length, out, 0);
        assertThat(Arrays.copyOf(out, n)).containsExactly(0x41, 0x03, 0x42, 0x10, 0x43);
        assertThat(d.consumed()).isEqualTo(8);
        assertThat(d.isEnded()).isTrue();
        assertThat(new String(in, d.consumed(), in.length - d.consumed())).isEqualTo("AT\r");
    }

    @Test
    void dleBeforeAnyOtherByteDecodesAsThatByte() {
        DleEtxDecoder d = new DleEtxDecoder();
        byte[] in = bytes(0x10, 0x41, 0x10, 0x00, 0x10, 0xFF, 0x03);
        byte[] out = new byte[7];
        int n = d.decode(in, 0, in.length, out, 0);
        assertThat(Arrays.copyOf(out, n)).containsExactly(0x41, 0x00, 0xFF);
        assertThat(d.isEnded()).isTrue();
    }

    @Test
    void dleAtTheEndOfAChunkIsHeld() {
        DleEtxDecoder d = new DleEtxDecoder();
        byte[] out = new byte[4];
        assertThat(d.decode(bytes(0x41, 0x10), 0, 2, out, 0)).isEqualTo(1);
        assertThat(d.consumed()).as("the DLE is consumed").isEqualTo(2);
        assertThat(d.hasPendingDle()).isTrue();
        assertThat(d.isEnded()).isFalse();
        assertThat(d.decode(bytes(0x03), 0, 1, out, 1)).as("escaped ETX in the next chunk is payload").isEqualTo(1);
        assertThat(out[1]).isEqualTo(ETX);
        assertThat(d.isEnded()).isFalse();
        assertThat(d.decode(bytes(0x03, 0x55), 0, 2, out, 2)).isZero();
        assertThat(d.consumed()).isEqualTo(1);
        assertThat(d.isEnded()).isTrue();
    }

    @Test
    void afterTheEndNothingIsConsumedUntilReset() {
        DleEtxDecoder d = new DleEtxDecoder();
        byte[] out = new byte[8];
        d.decode(bytes(0x03), 0, 1, out, 0);
        assertThat(d.decode(bytes(0x41, 0x42), 0, 2, out, 0)).isZero();
        assertThat(d.consumed()).isZero();
        d.reset();
        assertThat(d.isEnded()).isFalse();
        assertThat(d.decode(bytes(0x41, 0x42), 0, 2, out, 0)).isEqualTo(2);
    }

    @Test
    void emptyDataIsJustAnEtx() {
        DleEtxDecoder d = new DleEtxDecoder();
        byte[] in = concat(bytes(0x03), LEFTOVER);
        assertThat(d.decode(in, 0, in.length, new byte[in.length], 0)).isZero();
        assertThat(d.consumed()).isEqualTo(1);
        assertThat(d.isEnded()).isTrue();
    }

    @Test
    void fullOutputStopsWithoutLosingInput() {
        DleEtxDecoder d = new DleEtxDecoder();
        byte[] in = bytes(0x41, 0x10, 0x10, 0x42, 0x03);
        byte[] out = new byte[1];
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int pos = 0;
        while (!d.isEnded()) {
            int n = d.decode(in, pos, in.length - pos, out, 0, 1);
            got.write(out, 0, n);
            pos += d.consumed();
        }
        assertThat(got.toByteArray()).containsExactly(0x41, 0x10, 0x42);
        assertThat(pos).isEqualTo(in.length);
    }

    @Test
    void decodesInPlace() {
        byte[] buf = concat(encode(allByteValues()), bytes(0x03));
        DleEtxDecoder d = new DleEtxDecoder();
        int n = d.decode(buf, 0, buf.length, buf, 0);
        assertThat(Arrays.copyOf(buf, n)).isEqualTo(allByteValues());
        assertThat(d.consumed()).isEqualTo(259);
    }

    @Test
    void exhaustiveSmallInputsMatchAReferenceModel() {
        byte[] alphabet = {0x00, DLE, ETX, 0x41, (byte) 0xFF};
        for (int len = 0; len <= 6; len++) {
            int combos = (int) Math.pow(alphabet.length, len);
            for (int c = 0; c < combos; c++) {
                byte[] in = new byte[len];
                int x = c;
                for (int i = 0; i < len; i++) {
                    in[i] = alphabet[x % alphabet.length];
                    x /= alphabet.length;
                }
                Model expected = model(in);
                for (int split = 0; split <= len; split++) {
                    DleEtxDecoder d = new DleEtxDecoder();
                    byte[] out = new byte[len];
                    int n = d.decode(in, 0, split, out, 0);
                    int used = d.consumed();
                    if (!d.isEnded()) {
                        assertThat(used).isEqualTo(split);
                        n += d.decode(in, split, len - split, out, n);
                        used += d.consumed();
                    }
                    String what = Arrays.toString(in) + " split at " + split;
                    assertThat(Arrays.copyOf(out, n)).as(what).isEqualTo(expected.payload);
                    assertThat(used).as(what).isEqualTo(expected.consumed);
                    assertThat(d.isEnded()).as(what).isEqualTo(expected.ended);
                    assertThat(d.hasPendingDle()).as(what).isEqualTo(expected.pendingDle);
                }
                if (!expected.ended && !expected.pendingDle) {
                    // anything that decodes cleanly must survive a round trip through the encoder
                    assertThat(roundTrip(expected.payload)).isEqualTo(expected.payload);
                }
            }
        }
    }

    @Test
    void denseDleAndEtxRoundTrip() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] payload = new byte[random.nextInt(64)];
            for (int j = 0; j < payload.length; j++) {
                int r = random.nextInt(4);
                payload[j] = r == 0 ? DLE : r == 1 ? ETX : r == 2 ? (byte) 0x13 : (byte) random.nextInt(256);
            }
            assertThat(roundTrip(payload)).isEqualTo(payload);
        }
        byte[] onlyDle = new byte[1000];
        Arrays.fill(onlyDle, DLE);
        assertThat(encode(onlyDle)).hasSize(2000);
        assertThat(roundTrip(onlyDle)).isEqualTo(onlyDle);
        byte[] onlyEtx = new byte[1000];
        Arrays.fill(onlyEtx, ETX);
        assertThat(roundTrip(onlyEtx)).isEqualTo(onlyEtx);
    }

    /** Encode then decode is the identity for any payload, with the wire split at every point. */
    @Test
    void everySplitPointOfTheEncodedStream() {
        Random random = new Random(20240601);
        for (int round = 0; round < 60; round++) {
            byte[] payload = randomPayload(random, random.nextInt(80));
            byte[] wire = concat(encode(payload), bytes(0x03), LEFTOVER);
            int endOfData = wire.length - LEFTOVER.length;
            for (int split = 0; split <= wire.length; split++) {
                DleEtxDecoder d = new DleEtxDecoder();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                int used = feed(d, wire, 0, split, got);
                if (!d.isEnded()) {
                    used += feed(d, wire, split, wire.length - split, got);
                }
                assertThat(got.toByteArray()).as("round %d split %d", round, split).isEqualTo(payload);
                assertThat(used).as("consumed through the ETX").isEqualTo(endOfData);
                assertThat(Arrays.copyOfRange(wire, used, wire.length)).isEqualTo(LEFTOVER);
            }
        }
    }

    /** Property: random payloads, random chunkings (including one byte at a time), many seeds. */
    @Test
    void randomChunkingsAreTheIdentity() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            byte[] payload = randomPayload(random, random.nextInt(seed % 10 == 0 ? 5000 : 300));
            byte[] wire = concat(encode(payload), bytes(0x03), LEFTOVER);
            DleEtxDecoder d = new DleEtxDecoder();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int pos = 0;
            boolean oneByOne = seed % 3 == 0;
            while (!d.isEnded() && pos < wire.length) {
                int chunk = oneByOne ? 1 : 1 + random.nextInt(Math.min(wire.length - pos, 97));
                chunk = Math.min(chunk, wire.length - pos);
                pos += feed(d, wire, pos, chunk, got);
            }
            assertThat(got.toByteArray()).as("seed %d", seed).isEqualTo(payload);
            assertThat(Arrays.copyOfRange(wire, pos, wire.length)).as("seed %d", seed).isEqualTo(LEFTOVER);
            assertThat(d.totalPayload()).isEqualTo(payload.length);
        }
    }

    @Test
    void byteBufferDecoderLeavesLeftoverInTheBuffer() {
        for (boolean direct : new boolean[] {false, true}) {
            byte[] payload = allByteValues();
            byte[] wire = concat(encode(payload), bytes(0x03), LEFTOVER);
            ByteBuffer src = direct ? ByteBuffer.allocateDirect(wire.length) : ByteBuffer.allocate(wire.length);
            src.put(wire).flip();
            ByteBuffer dst = direct ? ByteBuffer.allocateDirect(37) : ByteBuffer.allocate(37);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            DleEtxDecoder d = new DleEtxDecoder();
            while (!d.decode(src, dst)) {
                drain(dst, got);
            }
            drain(dst, got);
            assertThat(got.toByteArray()).isEqualTo(payload);
            byte[] rest = new byte[src.remaining()];
            src.get(rest);
            assertThat(rest).isEqualTo(LEFTOVER);
        }
    }

    @Test
    void byteBufferEncoderThenDecoderRoundTrip() {
        Random random = new Random(99);
        byte[] payload = randomPayload(random, 3000);
        ByteBuffer src = ByteBuffer.wrap(payload);
        ByteBuffer wire = ByteBuffer.allocate(DleEtxEncoder.maxEncodedLength(payload.length) + 1);
        ByteBuffer small = ByteBuffer.allocate(13);
        while (src.hasRemaining()) {
            DleEtxEncoder.encode(src, small);
            small.flip();
            wire.put(small);
            small.clear();
        }
        DleEtxEncoder.end(wire);
        wire.flip();
        ByteBuffer out = ByteBuffer.allocate(payload.length);
        assertThat(new DleEtxDecoder().decode(wire, out)).isTrue();
        assertThat(out.array()).isEqualTo(payload);
    }

    // ---------------------------------------------------------------- helpers

    private static int feed(DleEtxDecoder d, byte[] wire, int off, int len, ByteArrayOutputStream got) {
        byte[] out = new byte[len];
        int n = d.decode(wire, off, len, out, 0);
        got.write(out, 0, n);
        return d.consumed();
    }

    private static void drain(ByteBuffer dst, ByteArrayOutputStream got) {
        dst.flip();
        while (dst.hasRemaining()) {
            got.write(dst.get());
        }
        dst.clear();
    }

    private static byte[] roundTrip(byte[] payload) {
        byte[] wire = concat(encode(payload), bytes(0x03));
        DleEtxDecoder d = new DleEtxDecoder();
        byte[] out = new byte[wire.length];
        int n = d.decode(wire, 0, wire.length, out, 0);
        assertThat(d.isEnded()).isTrue();
        assertThat(d.consumed()).isEqualTo(wire.length);
        return Arrays.copyOf(out, n);
    }

    private static byte[] encode(byte[] payload) {
        byte[] out = new byte[DleEtxEncoder.maxEncodedLength(payload.length)];
        int n = DleEtxEncoder.encode(payload, 0, payload.length, out, 0);
        assertThat(n).isEqualTo(DleEtxEncoder.encodedLength(payload, 0, payload.length));
        return Arrays.copyOf(out, n);
    }

    private record Model(byte[] payload, int consumed, boolean ended, boolean pendingDle) {
    }

    /** The rules, written as plainly as possible. */
    private static Model model(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            if (in[i] == DLE) {
                if (i + 1 == in.length) {
                    return new Model(out.toByteArray(), in.length, false, true);
                }
                out.write(in[i + 1]);
                i += 2;
            } else if (in[i] == ETX) {
                return new Model(out.toByteArray(), i + 1, true, false);
            } else {
                out.write(in[i]);
                i++;
            }
        }
        return new Model(out.toByteArray(), in.length, false, false);
    }

    private static byte[] randomPayload(Random random, int length) {
        byte[] p = new byte[length];
        random.nextBytes(p);
        // make DLE and ETX far more common than 2 in 256
        for (int i = 0; i < p.length; i++) {
            int r = random.nextInt(8);
            if (r == 0) {
                p[i] = DLE;
            } else if (r == 1) {
                p[i] = ETX;
            }
        }
        return p;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }
}
