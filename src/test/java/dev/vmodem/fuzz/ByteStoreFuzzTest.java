package dev.vmodem.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmodem.store.ByteStore;
import dev.vmodem.store.StoreFullException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target for {@link ByteStore}: random sequences of positional writes and reads (arrays, heap and direct
 * buffers), appends and clears, against a plain array model. Checks: a write fails with {@link StoreFullException}
 * exactly when {@code position + length > capacity} (in long arithmetic: no overflow), with the numbers in the
 * message, and then changes nothing; reads return {@code min(len, length - position)} bytes equal to the model's,
 * gaps read as zeros; negative positions and bad ranges are {@link IndexOutOfBoundsException}; the length is one past
 * the highest byte written; the heap held never exceeds the capacity.
 */
class ByteStoreFuzzTest {

    @BeforeAll
    static void mode() {
        FuzzSupport.quickRegressionMode();
    }

    @FuzzTest(maxDuration = "2m")
    void operations(FuzzedDataProvider data) {
        int capacity = switch (data.consumeInt(0, 3)) {
            case 0 -> 0;
            case 1 -> data.consumeInt(1, 64);
            case 2 -> data.consumeInt(1, 70_000);
            default -> ByteStore.DEFAULT_CAPACITY;
        };
        ByteStore store = new ByteStore(capacity);
        Model model = new Model(capacity);
        for (int step = 0; step < 200 && data.remainingBytes() > 0; step++) {
            int op = data.consumeInt(0, 7);
            int position = position(data, capacity);
            switch (op) {
                case 0, 1, 2 -> {
                    int len = length(data, capacity);
                    // lengths past capacity + 64 only ever test the range check: no need for a source that big
                    byte[] src = new byte[Math.max(0, Math.min(len, capacity + 64)) + 2];
                    Arrays.fill(src, (byte) data.consumeInt(0, 255));
                    if (op == 0) {
                        writeArray(store, model, position, src, len);
                    } else {
                        writeBuffer(store, model, position, src, len, op == 2);
                    }
                }
                case 3 -> {
                    int len = Math.min(data.consumeInt(0, 4096), Math.max(0, capacity) + 16);
                    byte[] src = new byte[len + 1];
                    Arrays.fill(src, (byte) data.consumeInt(0, 255));
                    writeArray(store, model, model.length, src, len); // a write at the end, as append does
                }
                case 4 -> readArray(store, model, position, length(data, capacity));
                case 5 -> readBuffer(store, model, position, data.consumeInt(0, 4096), data.consumeBoolean());
                case 6 -> {
                    store.clear();
                    model.clear();
                    assertThat(store.isAllocated()).isFalse();
                }
                default -> {
                    int len = data.consumeInt(0, 64);
                    byte[] src = new byte[len];
                    Arrays.fill(src, (byte) 0x5a);
                    long end = (long) model.length + len;
                    if (end > capacity) {
                        assertThatThrownBy(() -> store.append(src, 0, len)).isInstanceOf(StoreFullException.class);
                    } else {
                        store.append(src, 0, len);
                        model.write(model.length, src, 0, len);
                    }
                }
            }
            assertThat(store.length()).isEqualTo(model.length);
            assertThat(store.remaining()).isEqualTo(capacity - model.length);
            assertThat(store.allocatedBytes()).isBetween(store.length(), capacity);
        }
        assertThat(store.toByteArray()).isEqualTo(Arrays.copyOf(model.bytes, model.length));
    }

    private static int position(FuzzedDataProvider data, int capacity) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> 0;
            case 1 -> data.consumeInt(0, capacity + 8);
            case 2 -> capacity - data.consumeInt(0, 8);
            case 3 -> data.consumeInt(Integer.MIN_VALUE, -1);
            default -> data.consumeInt();
        };
    }

    private static int length(FuzzedDataProvider data, int capacity) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> data.consumeInt(0, 16);
            case 1 -> data.consumeInt(0, capacity + 8);
            case 2 -> Integer.MAX_VALUE - data.consumeInt(0, 8);
            default -> data.consumeInt();
        };
    }

    private static void writeArray(ByteStore store, Model model, int position, byte[] src, int len) {
        int off = 1;
        boolean badRange = len < 0 || len > src.length - off;
        try {
            store.write(position, src, off, len);
            assertThat(position).as("accepted position").isNotNegative();
            assertThat(badRange).as("accepted range").isFalse();
            assertThat((long) position + len).as("accepted end").isLessThanOrEqualTo(model.capacity);
            model.write(position, src, off, len);
        } catch (StoreFullException e) {
            assertThat(position).isNotNegative();
            assertThat(badRange).isFalse();
            assertThat((long) position + len).as("refused end").isGreaterThan(model.capacity);
            assertThat(e.requiredLength()).isEqualTo((long) position + len);
            assertThat(e.getMessage()).isEqualTo("store full: " + ((long) position + len) + " > " + model.capacity);
        } catch (IndexOutOfBoundsException e) {
            assertThat(position < 0 || badRange).as("index error for position %s length %s", position, len).isTrue();
        }
    }

    private static void writeBuffer(ByteStore store, Model model, int position, byte[] src, int len, boolean direct) {
        if (len < 0 || len > src.length) {
            return; // a buffer cannot express a bad range
        }
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(len) : ByteBuffer.wrap(src, 0, len).slice();
        if (direct) {
            b.put(src, 0, len).flip();
        }
        try {
            store.write(position, b);
            assertThat(position).isNotNegative();
            assertThat((long) position + len).isLessThanOrEqualTo(model.capacity);
            assertThat(b.remaining()).as("buffer drained").isZero();
            model.write(position, src, 0, len);
        } catch (StoreFullException e) {
            assertThat((long) position + len).isGreaterThan(model.capacity);
            assertThat(b.remaining()).as("refused write leaves the buffer alone").isEqualTo(len);
        } catch (IndexOutOfBoundsException e) {
            assertThat(position).isNegative();
        }
    }

    private static void readArray(ByteStore store, Model model, int position, int len) {
        int cap = Math.max(0, Math.min(len, model.capacity + 64));
        byte[] dst = new byte[cap + 3];
        Arrays.fill(dst, (byte) 0x77);
        boolean badRange = len < 0 || len > dst.length - 2;
        try {
            int n = store.read(position, dst, 2, len);
            assertThat(position).isNotNegative();
            assertThat(badRange).isFalse();
            int expected = Math.max(0, Math.min(len, model.length - position));
            assertThat(n).isEqualTo(expected);
            assertThat(Arrays.copyOfRange(dst, 2, 2 + n))
                .isEqualTo(Arrays.copyOfRange(model.bytes, Math.min(position, model.length),
                    Math.min(position, model.length) + n));
            assertThat(dst[0]).isEqualTo((byte) 0x77);
            assertThat(dst[1]).isEqualTo((byte) 0x77);
            if (2 + n < dst.length) {
                assertThat(dst[2 + n]).as("nothing written past the count").isEqualTo((byte) 0x77);
            }
        } catch (IndexOutOfBoundsException e) {
            assertThat(position < 0 || badRange).isTrue();
        }
    }

    private static void readBuffer(ByteStore store, Model model, int position, int room, boolean direct) {
        ByteBuffer dst = direct ? ByteBuffer.allocateDirect(room) : ByteBuffer.allocate(room);
        try {
            int n = store.read(position, dst);
            assertThat(position).isNotNegative();
            int expected = Math.max(0, Math.min(room, model.length - position));
            assertThat(n).isEqualTo(expected).isEqualTo(dst.position());
            dst.flip();
            byte[] got = new byte[n];
            dst.get(got);
            assertThat(got).isEqualTo(Arrays.copyOfRange(model.bytes, Math.min(position, model.length),
                Math.min(position, model.length) + n));
        } catch (IndexOutOfBoundsException e) {
            assertThat(position).isNegative();
        } catch (RuntimeException e) {
            fail("read(" + position + ", buffer of " + room + ") threw", e);
        }
    }

    /** The store as a plain array of its full capacity. */
    static final class Model {
        final int capacity;
        final byte[] bytes;
        int length;

        Model(int capacity) {
            this.capacity = capacity;
            this.bytes = new byte[capacity];
        }

        void write(int position, byte[] src, int off, int len) {
            if (len == 0) {
                return;
            }
            if (position > length) {
                Arrays.fill(bytes, length, position, (byte) 0);
            }
            System.arraycopy(src, off, bytes, position, len);
            length = Math.max(length, position + len);
        }

        void clear() {
            length = 0;
        }
    }
}
