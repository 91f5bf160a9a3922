package dev.vmodem.ftp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPReply;

/**
 * Reads the control connection while an upload's data flows: the one reply the server still owes (226 after the
 * data ends, or 426/451/552 when it gives up early), or the end of the connection (a server that stopped or died).
 * An upload on its own would learn about either only when it next wrote into a data connection the server may
 * still be draining, or when it finished: a host between two blocks would wait for nothing.
 *
 * <p>It runs on a thread of its own from STOR's preliminary reply on and is the only reader of the control
 * connection until it is {@linkplain #reply done}: the owner thread takes the reply from here instead of reading
 * it. When the server ends the transfer early (an error, a negative reply, the connection closed) the listener is
 * told; the data connection is left to the owner, which may still hand the server what it had accepted (a stopped
 * server may go on draining its data connections) before it reports the failure.
 */
final class ControlWatch implements Runnable {

    private final CommonsFtpClient client;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile int code = -1;
    private volatile IOException error;
    private Runnable listener; // guarded by this
    private boolean told;      // guarded by this

    ControlWatch(CommonsFtpClient client) {
        this.client = client;
    }

    @Override
    public void run() {
        try {
            client.awaitControlInput();
            code = client.getReply();
        } catch (IOException e) {
            error = e;
        } catch (RuntimeException e) {
            error = new IOException("reading the control connection during the transfer failed: " + e, e);
        }
        done.countDown();
        if (endedEarly()) {
            tell();
        }
    }

    /** Runs {@code l} once when the server ends the transfer early (on the watch's thread), at once if it has. */
    void onEarlyEnd(Runnable l) {
        synchronized (this) {
            listener = l;
        }
        if (endedEarly()) {
            tell();
        }
    }

    private void tell() {
        Runnable l;
        synchronized (this) {
            l = listener;
            if (l == null || told) {
                return;
            }
            told = true;
        }
        l.run();
    }

    /** Whether the server's side has ended in failure: the control connection failed, or a negative reply came. */
    boolean endedEarly() {
        return done.getCount() == 0 && (error != null || !FTPReply.isPositiveCompletion(code));
    }

    /**
     * The reply code, waiting for it up to {@code timeout}.
     *
     * @throws IOException what reading the control connection threw, or a {@link SocketTimeoutException}
     */
    int reply(Duration timeout) throws IOException {
        try {
            if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SocketTimeoutException("no reply on the control connection within " + timeout.toMillis()
                        + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the transfer's reply");
        }
        IOException e = error;
        if (e != null) {
            throw e;
        }
        return code;
    }
}
