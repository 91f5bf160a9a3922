package dev.vmodem.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kernel's view of the process's threads: a running thread is seen, a blocked one lets the process rest. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuiescenceTest {

    @BeforeEach
    void linux() {
        assumeTrue(Quiescence.supported(), "needs Linux /proc");
    }

    @Test
    void aRunningThreadIsNeverAtRest() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread spinner = new Thread(() -> {
            started.countDown();
            while (!stop.get()) {
                Thread.onSpinWait();
            }
        }, "quiescence-spinner");
        spinner.start();
        try {
            started.await();
            for (int i = 0; i < 200; i++) {
                assertThat(Quiescence.atRest()).as("check %d with a spinning thread", i).isFalse();
            }
        } finally {
            stop.set(true);
            spinner.join();
        }
    }

    @Test
    void aProcessWhoseThreadsAllWaitComesToRest() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "quiescence-waiter");
        waiter.start();
        try {
            // the JVM's own threads (compilers, timers) come and go: wait for a moment when all sleep
            long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
            boolean rest = false;
            while (!rest && System.nanoTime() < limit) {
                rest = Quiescence.atRest();
                Thread.yield();
            }
            assertThat(rest).as("at rest within 50 s with one thread blocked on a latch").isTrue();
        } finally {
            waiter.interrupt();
            waiter.join();
        }
    }
}
