package dev.vmodem.util;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRingTest {

    @Test
    void putsWhatFitsAndTakesTheOldestFirst() {
        ByteRing r = new ByteRing(5);
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.put(new byte[] {1, 2, 3}, 0, 3)).isEqualTo(3);
        assertThat(r.put(new byte[] {9, 4, 5, 6, 7}, 1, 4)).as("only two more fit").isEqualTo(2);
        assertThat(r.isFull()).isTrue();
        assertThat(r.room()).isZero();
        assertThat(r.put(new byte[] {8}, 0, 1)).isZero();
        assertThat(r.take(2)).containsExactly(1, 2);
        assertThat(r.put(new byte[] {6, 7, 8}, 0, 3)).as("wraps round the end").isEqualTo(2);
        byte[] out = new byte[7];
        assertThat(r.take(out, 1, 6)).isEqualTo(5);
        assertThat(out).containsExactly(0, 3, 4, 5, 6, 7, 0);
        assertThat(r.take(3)).isEmpty();
        assertThat(r.take(out, 0, 7)).isZero();
    }

    @Test
    void clearDropsEverything() {
        ByteRing r = new ByteRing(4);
        r.put(new byte[] {1, 2, 3}, 0, 3);
        r.take(2);
        r.clear();
        assertThat(r.size()).isZero();
        assertThat(r.room()).isEqualTo(4);
        r.put(new byte[] {7, 8, 9, 10}, 0, 4);
        assertThat(r.take(4)).containsExactly(7, 8, 9, 10);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new ByteRing(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("a ring holds at least 1 byte: 0");
        ByteRing r = new ByteRing(4);
        assertThatThrownBy(() -> r.put(new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.take(new byte[2], -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(r.size()).isZero();
    }

    /** Random puts and takes of every byte value, at every alignment, against a plain queue (fixed seeds). */
    @Test
    void behavesAsAQueueOfBoundedSize() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            int capacity = 1 + random.nextInt(300);
            ByteRing r = new ByteRing(capacity);
            ArrayDeque<Byte> expected = new ArrayDeque<>();
            for (int step = 0; step < 2_000; step++) {
                byte[] b = new byte[random.nextInt(2 * capacity + 1) + 2];
                int off = random.nextInt(2);
                int len = random.nextInt(b.length - off + 1);
                if (random.nextBoolean()) {
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) random.nextInt(256);
                    }
                    int put = r.put(b, off, len);
                    assertThat(put).isEqualTo(Math.min(len, capacity - expected.size()));
                    for (int i = 0; i < put; i++) {
                        expected.add(b[off + i]);
                    }
                } else {
                    int took = r.take(b, off, len);
                    assertThat(took).isEqualTo(Math.min(len, expected.size()));
                    for (int i = 0; i < took; i++) {
                        assertThat(b[off + i]).as("seed %d step %d byte %d", seed, step, i).isEqualTo(expected.poll());
                    }
                }
                assertThat(r.size()).isEqualTo(expected.size());
                assertThat(r.room()).isEqualTo(capacity - expected.size());
            }
        }
    }
}
