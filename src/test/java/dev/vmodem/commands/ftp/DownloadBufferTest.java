package dev.vmodem.commands.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DownloadBufferTest {

    private static byte[] bytes(int n, int first) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    @Test
    void ringKeepsOrderAcrossTheWrap() throws Exception {
        DownloadBuffer b = new DownloadBuffer(10);
        assertThat(b.putSome(bytes(7, 0), 0, 7)).isEqualTo(7);
        assertThat(b.take(5)).isEqualTo(bytes(5, 0));
        assertThat(b.putSome(bytes(8, 7), 0, 8)).isEqualTo(8); // wraps: 2 left + 8 = 10, full
        assertThat(b.available()).isEqualTo(10);
        assertThat(b.take(100)).isEqualTo(bytes(10, 5));
        assertThat(b.take(100)).isEmpty();
    }

    @Test
    void onlyAPutIntoAnEmptyBufferAsksForTheAtSide() throws Exception {
        DownloadBuffer b = new DownloadBuffer(100);
        b.putSome(bytes(10, 0), 0, 10);
        assertThat(b.filledFromEmpty()).isTrue();
        b.putSome(bytes(10, 0), 0, 10);
        assertThat(b.filledFromEmpty()).isFalse();
        b.take(19);
        b.putSome(bytes(10, 0), 0, 10);
        assertThat(b.filledFromEmpty()).isFalse(); // one byte was still there: it was announced already
        b.take(100);
        b.putSome(bytes(1, 0), 0, 1);
        assertThat(b.filledFromEmpty()).isTrue();
    }

    @Test
    void aWorkerThatFoundItFullResumesWithHalfTheBufferAtOnce() throws Exception {
        DownloadBuffer b = new DownloadBuffer(16);
        b.putSome(bytes(16, 0), 0, 16);
        CompletableFuture<Integer> put = CompletableFuture.supplyAsync(() -> {
            try {
                return b.putSome(bytes(16, 16), 0, 16);
            } catch (DownloadBuffer.Closed e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiting(b);
        assertThat(b.take(4)).isEqualTo(bytes(4, 0)); // 4 free: not enough to wake the worker
        assertThat(b.wakeDue()).isFalse();
        assertThat(b.take(4)).isEqualTo(bytes(4, 4)); // 8 free: half
        assertThat(b.wakeDue()).isTrue();
        b.wakeWorker(); // once the read's answer is written
        assertThat(put.get(10, TimeUnit.SECONDS)).isEqualTo(8);
        assertThat(b.wakeDue()).isFalse();
        assertThat(b.take(100)).isEqualTo(bytes(16, 8));
    }

    @Test
    void aWorkerWithLessThanHalfLeftResumesAsSoonAsItFits() throws Exception {
        DownloadBuffer b = new DownloadBuffer(16);
        b.putSome(bytes(16, 0), 0, 16);
        CompletableFuture<Integer> put = CompletableFuture.supplyAsync(() -> {
            try {
                return b.putSome(bytes(3, 16), 0, 3);
            } catch (DownloadBuffer.Closed e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiting(b);
        b.take(3);
        b.wakeWorker();
        assertThat(put.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(b.take(100)).isEqualTo(bytes(16, 3));
    }

    @Test
    void closeWakesAWaitingWorker() throws Exception {
        DownloadBuffer b = new DownloadBuffer(4);
        b.putSome(bytes(4, 0), 0, 4);
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> {
            try {
                b.putSome(bytes(4, 0), 0, 4);
                return false;
            } catch (DownloadBuffer.Closed e) {
                return true;
            }
        });
        b.close();
        assertThat(closed.get(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> b.putSome(bytes(1, 0), 0, 1)).isInstanceOf(DownloadBuffer.Closed.class);
    }

    /** Until the worker thread waits in putSome (bounded: a test that never gets there fails). */
    private static void awaitWaiting(DownloadBuffer b) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!b.workerWaits()) {
            assertThat(System.nanoTime()).as("worker waiting within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
