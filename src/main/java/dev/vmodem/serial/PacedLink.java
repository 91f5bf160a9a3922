package dev.vmodem.serial;

import dev.vmodem.time.Scheduler;
import java.io.IOException;
import java.time.Duration;

/**
 * Output pacing: bytes to the host leave no faster than a UART at {@code baud} would carry them (10 bits per byte,
 * {@link UartPacing}). Wraps any link; input is not paced (the host's own UART paces it). Time is the modem's
 * {@link Scheduler}, so tests measure pacing on virtual time.
 *
 * <pre>
 *   new PacedLink(pty, 9600, scheduler)   // a 1460-byte +FTPGET block now takes about 1.5 s to arrive
 * </pre>
 *
 * Bytes are written in slices of about a millisecond of line time, each followed by the wait it costs, so a reader
 * sees a steady stream rather than bursts.
 */
public final class PacedLink implements SerialLink {

    private final SerialLink inner;
    private final int baud;
    private final Scheduler scheduler;
    private final int slice;

    /** The link it paces. */
    public SerialLink inner() {
        return inner;
    }

    public PacedLink(SerialLink inner, int baud, Scheduler scheduler) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be > 0: " + baud);
        }
        this.inner = inner;
        this.baud = baud;
        this.scheduler = scheduler;
        this.slice = (int) Math.max(1, UartPacing.bytesIn(Duration.ofMillis(1), baud));
    }

    @Override
    public void open(SerialReceiver receiver) throws IOException {
        inner.open(receiver);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = Math.min(slice, length - done);
            inner.write(bytes, offset + done, n);
            done += n;
            try {
                scheduler.sleep(UartPacing.timeFor(n, baud));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while pacing output at " + baud + " baud", e);
            }
        }
    }

    public int baud() {
        return baud;
    }

    @Override
    public String description() {
        return inner.description() + ", paced at " + baud + " baud";
    }

    @Override
    public void close() {
        inner.close();
    }
}
