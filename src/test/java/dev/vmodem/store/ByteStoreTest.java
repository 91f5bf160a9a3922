package dev.vmodem.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ByteStoreTest {

    @Test
    void defaultCapacityIsSim800RamBuffer() {
        assertThat(new ByteStore().capacity()).isEqualTo(307200);
        assertThat(ByteStore.DEFAULT_CAPACITY).isEqualTo(300 * 1024);
    }

    @Test
    void nothingIsAllocatedUntilTheFirstWrite() {
        ByteStore store = new ByteStore();
        assertThat(store.isAllocated()).isFalse();
        assertThat(store.length()).isZero();
        assertThat(store.read(0, new byte[10], 0, 10)).isZero();
        store.write(0, new byte[0], 0, 0);
        assertThat(store.isAllocated()).as("an empty write allocates nothing").isFalse();

        store.write(0, new byte[] {1, 2, 3}, 0, 3);
        assertThat(store.isAllocated()).isTrue();
        assertThat(store.allocatedBytes()).as("small data, small array").isEqualTo(4096);
    }

    @Test
    void thousandIdleStoresHoldNoArrays() {
        ByteStore[] stores = new ByteStore[1000];
        for (int i = 0; i < stores.length; i++) {
            stores[i] = new ByteStore();
        }
        long held = 0;
        for (ByteStore s : stores) {
            held += s.allocatedBytes();
        }
        assertThat(held).isZero();
    }

    @Test
    void growsUpToCapacityButNotBeyond() {
        ByteStore store = new ByteStore();
        byte[] big = new byte[ByteStore.DEFAULT_CAPACITY];
        store.write(0, big, 0, big.length);
        assertThat(store.length()).isEqualTo(307200);
        assertThat(store.allocatedBytes()).isEqualTo(307200);
    }

    @Test
    void positionalWriteExtendsLengthAndGapReadsZero() {
        ByteStore store = new ByteStore(100);
        store.write(0, bytes("abc"), 0, 3);
        store.write(10, bytes("xyz"), 0, 3);
        assertThat(store.length()).isEqualTo(13);
        byte[] out = new byte[13];
        assertThat(store.read(0, out, 0, 13)).isEqualTo(13);
        assertThat(out).containsExactly('a', 'b', 'c', 0, 0, 0, 0, 0, 0, 0, 'x', 'y', 'z');

        store.write(1, bytes("B"), 0, 1);
        assertThat(store.length()).as("overwrite inside does not extend").isEqualTo(13);
        assertThat(store.toByteArray()[1]).isEqualTo((byte) 'B');
    }

    @Test
    void positionalReadReturnsWhatIsThere() {
        ByteStore store = new ByteStore(100);
        store.append(bytes("0123456789"), 0, 10);
        byte[] out = new byte[20];
        assertThat(store.read(4, out, 0, 20)).isEqualTo(6);
        assertThat(new String(out, 0, 6)).isEqualTo("456789");
        assertThat(store.read(10, out, 0, 5)).isZero();
        assertThat(store.read(50, out, 0, 5)).isZero();
        assertThat(store.read(2, out, 5, 3)).isEqualTo(3);
        assertThat(new String(out, 5, 3)).isEqualTo("234");
        assertThat(store.read(0, out, 0, 10)).as("reads do not drain").isEqualTo(10);
    }

    @Test
    void byteBufferVariants() {
        ByteStore store = new ByteStore(100);
        store.write(3, ByteBuffer.wrap(bytes("hello")));
        ByteBuffer dst = ByteBuffer.allocate(4);
        assertThat(store.read(3, dst)).isEqualTo(4);
        assertThat(new String(dst.array())).isEqualTo("hell");
        assertThat(store.length()).isEqualTo(8);
    }

    @Test
    void writePastCapacityFailsWithNumbersAndWritesNothing() {
        ByteStore store = new ByteStore();
        store.write(0, new byte[307200], 0, 307200);
        assertThatThrownBy(() -> store.append(new byte[] {1}, 0, 1))
                .isInstanceOf(StoreFullException.class)
                .hasMessage("store full: 307201 > 307200");
        StoreFullException e = catchFull(() -> store.write(307000, new byte[300], 0, 300));
        assertThat(e.requiredLength()).isEqualTo(307300);
        assertThat(e.capacity()).isEqualTo(307200);
        assertThat(store.length()).isEqualTo(307200);

        ByteStore small = new ByteStore(10);
        small.write(0, bytes("abcdefgh"), 0, 8);
        assertThatThrownBy(() -> small.write(5, bytes("123456"), 0, 6)).hasMessage("store full: 11 > 10");
        assertThat(new String(small.toByteArray())).as("refused write left no trace").isEqualTo("abcdefgh");
        assertThatThrownBy(() -> small.write(Integer.MAX_VALUE, bytes("1"), 0, 1))
                .hasMessage("store full: 2147483648 > 10");
    }

    @Test
    void clearDropsTheArray() {
        ByteStore store = new ByteStore();
        store.append(new byte[5000], 0, 5000);
        store.clear();
        assertThat(store.isAllocated()).isFalse();
        assertThat(store.length()).isZero();
        assertThat(store.remaining()).isEqualTo(307200);
        store.write(3, bytes("x"), 0, 1);
        assertThat(store.toByteArray()).containsExactly(0, 0, 0, 'x');
    }

    @Test
    void rejectsBadArguments() {
        ByteStore store = new ByteStore(10);
        assertThatThrownBy(() -> store.write(-1, new byte[1], 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> store.write(0, new byte[1], 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> store.read(-1, new byte[1], 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new ByteStore(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomWritesMatchAModel() {
        Random random = new Random(42);
        ByteStore store = new ByteStore(10_000);
        byte[] model = new byte[10_000];
        int modelLength = 0;
        for (int i = 0; i < 2000; i++) {
            int pos = random.nextInt(10_500);
            int len = random.nextInt(300);
            byte[] chunk = new byte[len];
            random.nextBytes(chunk);
            if (pos + len > 10_000) {
                assertThatThrownBy(() -> store.write(pos, chunk, 0, len)).isInstanceOf(StoreFullException.class);
                continue;
            }
            store.write(pos, chunk, 0, len);
            System.arraycopy(chunk, 0, model, pos, len);
            if (len > 0) {
                modelLength = Math.max(modelLength, pos + len);
            }
            assertThat(store.length()).isEqualTo(modelLength);
        }
        byte[] all = new byte[modelLength];
        assertThat(store.read(0, all, 0, modelLength)).isEqualTo(modelLength);
        for (int i = 0; i < modelLength; i++) {
            if (all[i] != model[i]) {
                throw new AssertionError("byte " + i + ": " + all[i] + " != " + model[i]);
            }
        }
    }

    @Test
    void concurrentAppendsAreAtomic() throws Exception {
        ByteStore store = new ByteStore(8 * 1000 * 16);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?>[] futures = new Future<?>[8];
            for (int t = 0; t < 8; t++) {
                byte value = (byte) t;
                futures[t] = pool.submit(() -> {
                    byte[] block = new byte[16];
                    java.util.Arrays.fill(block, value);
                    start.await();
                    for (int i = 0; i < 1000; i++) {
                        store.append(block, 0, 16);
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        byte[] all = store.toByteArray();
        assertThat(all).hasSize(8 * 1000 * 16);
        for (int block = 0; block < all.length; block += 16) {
            for (int i = 1; i < 16; i++) {
                assertThat(all[block + i]).as("block at %d is not torn", block).isEqualTo(all[block]);
            }
        }
    }

    private static StoreFullException catchFull(Runnable r) {
        try {
            r.run();
        } catch (StoreFullException e) {
            return e;
        }
        throw new AssertionError("expected StoreFullException");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
