package dev.vmodem.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmodem.at.data.DleEtxDecoder;
import dev.vmodem.at.data.DleEtxEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz targets for the DLE/ETX data-mode codec ({@link DleEtxEncoder}, {@link DleEtxDecoder}).
 *
 * <ul>
 *   <li>{@link #roundTrip}: for any payload, any split points of the encoded stream and any output room,
 *       {@code decode(encode(x)) == x}; the decoder consumes exactly through the bare ETX and leaves the bytes after
 *       it (a command line, say) untouched.</li>
 *   <li>{@link #garbage}: arbitrary bytes in arbitrary chunks, through the array and both ByteBuffer paths (heap and
 *       direct): nothing throws, {@code consumed} is in range, output never outgrows input, and the payload and the
 *       end position match a ten-line reference model.</li>
 * </ul>
 *
 * Corpus: {@code src/test/resources/dev/vmodem/fuzz/DleEtxFuzzTestInputs/<method>/}. Long run: {@code scripts/fuzz}.
 */
class DleEtxFuzzTest {

    @BeforeAll
    static void mode() {
        FuzzSupport.quickRegressionMode();
    }

    @FuzzTest(maxDuration = "2m")
    void roundTrip(FuzzedDataProvider data) {
        byte[] payload = data.consumeBytes(data.consumeInt(0, 4096));
        boolean byteBuffers = data.consumeBoolean();
        byte[] trailer = data.consumeBytes(16);

        // encode in pieces (the encoder has no state; pieces must not matter)
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int at = 0;
        while (at < payload.length) {
            int n = Math.min(payload.length - at, 1 + data.consumeInt(0, 300));
            byte[] enc = new byte[DleEtxEncoder.maxEncodedLength(n)];
            int w = DleEtxEncoder.encode(payload, at, n, enc, 0);
            assertThat(w).isEqualTo(DleEtxEncoder.encodedLength(payload, at, n));
            wire.write(enc, 0, w);
            at += n;
        }
        int encodedLength = wire.size();
        byte[] end = new byte[1];
        DleEtxEncoder.end(end, 0);
        wire.write(end, 0, 1);
        wire.write(trailer, 0, trailer.length);
        byte[] stream = wire.toByteArray();

        // decode at arbitrary split points with arbitrary output room
        DleEtxDecoder dec = new DleEtxDecoder();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int pos = 0;
        int stalls = 0;
        while (!dec.isEnded()) {
            assertThat(pos).as("decoder read past the bare ETX").isLessThan(encodedLength + 1);
            int chunk = Math.min(stream.length - pos, data.consumeInt(0, 64));
            int room = data.consumeInt(0, 64);
            int produced;
            int consumed;
            if (byteBuffers) {
                ByteBuffer src = ByteBuffer.wrap(stream, pos, chunk);
                ByteBuffer dst = data.consumeBoolean() ? ByteBuffer.allocateDirect(room) : ByteBuffer.allocate(room);
                dec.decode(src, dst);
                consumed = src.position() - pos;
                assertThat(dec.consumed()).isEqualTo(consumed);
                dst.flip();
                produced = dst.remaining();
                byte[] out = new byte[produced];
                dst.get(out);
                got.write(out, 0, produced);
            } else {
                byte[] dst = new byte[room + 3];
                produced = dec.decode(stream, pos, chunk, dst, 3, room);
                consumed = dec.consumed();
                got.write(dst, 3, produced);
            }
            assertThat(consumed).isBetween(0, chunk);
            assertThat(produced).isBetween(0, Math.min(room, consumed));
            pos += consumed;
            // with room and input the decoder must make progress; the fuzzer may offer none for a while
            stalls = consumed == 0 ? stalls + 1 : 0;
            if (stalls > 8) {
                chunk = stream.length - pos;
                byte[] dst = new byte[chunk];
                int n = dec.decode(stream, pos, chunk, dst, 0, chunk);
                assertThat(dec.consumed()).as("progress with room and input").isPositive();
                got.write(dst, 0, n);
                pos += dec.consumed();
                stalls = 0;
            }
        }
        assertThat(pos).as("consumed through the bare ETX, not beyond").isEqualTo(encodedLength + 1);
        assertThat(got.toByteArray()).isEqualTo(payload);
        assertThat(dec.totalPayload()).isEqualTo(payload.length);
        assertThat(dec.hasPendingDle()).isFalse();
        // after the end nothing more is consumed
        byte[] dst = new byte[trailer.length];
        assertThat(dec.decode(stream, pos, stream.length - pos, dst, 0, dst.length)).isZero();
        assertThat(dec.consumed()).isZero();
    }

    @FuzzTest(maxDuration = "2m")
    void garbage(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 2); // 0 arrays, 1 heap buffers, 2 direct buffers
        byte[] input = data.consumeBytes(data.consumeInt(0, 2048));
        Model model = Model.of(input);

        DleEtxDecoder dec = new DleEtxDecoder();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int pos = 0;
        for (int round = 0; round < 10_000 && pos < input.length; round++) {
            int chunk = data.remainingBytes() == 0 ? input.length - pos : Math.min(input.length - pos,
                data.consumeInt(0, 512));
            int room = data.remainingBytes() == 0 ? chunk : data.consumeInt(0, 512);
            int consumed;
            if (mode == 0) {
                int slack = data.consumeInt(0, 4);
                byte[] dst = new byte[slack + room];
                int n = dec.decode(input, pos, chunk, dst, slack, room);
                consumed = dec.consumed();
                assertThat(n).isBetween(0, Math.min(room, consumed));
                got.write(dst, slack, n);
            } else {
                ByteBuffer src = ByteBuffer.wrap(input, pos, chunk);
                ByteBuffer dst = mode == 1 ? ByteBuffer.allocate(room) : ByteBuffer.allocateDirect(room);
                boolean ended = dec.decode(src, dst);
                assertThat(ended).isEqualTo(dec.isEnded());
                consumed = src.position() - pos;
                assertThat(dec.consumed()).isEqualTo(consumed);
                dst.flip();
                byte[] out = new byte[dst.remaining()];
                dst.get(out);
                assertThat(out.length).isLessThanOrEqualTo(consumed);
                got.write(out, 0, out.length);
            }
            assertThat(consumed).isBetween(0, chunk);
            pos += consumed;
            if (dec.isEnded()) {
                break;
            }
        }
        if (dec.isEnded()) {
            assertThat(model.end).as("ended at a bare ETX the model also sees").isEqualTo(pos);
            assertThat(got.toByteArray()).isEqualTo(model.payload);
        } else if (pos == input.length) {
            assertThat(model.end).as("no bare ETX in the input").isEqualTo(-1);
            assertThat(got.toByteArray()).isEqualTo(model.payload);
            assertThat(dec.hasPendingDle()).isEqualTo(model.pendingDle);
        } else {
            // rounds ran out with no room offered: what came out is a prefix of the model's payload
            byte[] g = got.toByteArray();
            assertThat(g).isEqualTo(Arrays.copyOf(model.payload, g.length));
        }
        assertThat(dec.totalPayload()).isEqualTo(got.size());
    }

    /** The decoding rules, written as plainly as possible: DLE x → x, bare ETX ends. */
    record Model(byte[] payload, int end, boolean pendingDle) {
        static Model of(byte[] in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean dle = false;
            for (int i = 0; i < in.length; i++) {
                if (dle) {
                    out.write(in[i]);
                    dle = false;
                } else if (in[i] == DleEtxEncoder.DLE) {
                    dle = true;
                } else if (in[i] == DleEtxEncoder.ETX) {
                    return new Model(out.toByteArray(), i + 1, false);
                } else {
                    out.write(in[i]);
                }
            }
            return new Model(out.toByteArray(), -1, dle);
        }
    }
}
