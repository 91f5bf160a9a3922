package dev.vmodem.ftp;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import dev.vmodem.transfer.TransferTracker;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The data of one STOR, APPE or STOU, pushed by the caller at its own pace (AT+FTPPUT=2,&lt;len&gt; hands over one
 * block when the host sends it). A write blocks while the server does not take data (TCP flow control): that is
 * the backpressure the AT layer sees.
 *
 * <pre>
 *   FtpUpload u = session.store("/up/log.txt", PutMode.APPE);
 *   u.write(block, 0, 1360);        // as often as the host sends blocks
 *   u.finish();                     // AT+FTPPUT=2,0: end of data, server answers 226
 * </pre>
 *
 * <ul>
 *   <li>Type A ({@link TransferType#ASCII}): the 8th bit of every byte is cleared on the way out, as the SIMCom
 *       stack sends 7-bit NVT-ASCII. The caller's array is not modified.</li>
 *   <li>A write that makes no progress for the data timeout (no 8 KB piece of it gets through) fails with
 *       {@link FtpError#TIMEOUT}; a broken data connection with {@link FtpError#UPLOAD_ERROR};
 *       {@link FtpSession#abort()} with manual quit. Each of them closes the session.</li>
 *   <li>While the data flows, the control connection is watched ({@link ControlWatch}): a server that closes it
 *       (stopped, or died) or answers early with an error is seen at once ({@link #onServerEnd},
 *       {@link #checkServer()}), with {@link FtpError#SERVER_ERROR} for a closed connection and
 *       {@link FtpError#UPLOAD_ERROR} for a negative reply; a failing write reports that cause rather than its
 *       own.</li>
 *   <li>{@link #finish()} closes the data connection (end of file, in FTP's stream mode) and waits for the server's
 *       verdict: a negative one is {@link FtpError#UPLOAD_ERROR} (552 disk full, 451...).</li>
 *   <li>{@link #close()} without {@link #finish()} cancels: the data connection is reset (not closed, which would
 *       mean "complete"), the server's reply read. The server may keep the part it received.</li>
 * </ul>
 * Owner thread only, like the session.
 */
public final class FtpUpload implements Closeable {

    private static final int CHUNK = 8192;

    private final FtpSession session;
    private final Socket socket;
    private final Socket raw;
    private final OutputStream out;
    private final String command;
    private final String remoteName;
    private final boolean sevenBit;
    private final long dataTimeoutNanos;
    private final ControlWatch watch;
    private long bytesWritten;
    private boolean finished;
    private volatile boolean closed;     // read by the watchdog
    /** {@link System#nanoTime()} when the piece being written started; 0 between pieces. */
    private volatile long pieceStart;
    private volatile ScheduledFuture<?> watchdog; // one per upload, re-arming itself; null before the first write
    private volatile boolean timedOut;
    private FtpException failure;
    private byte[] scratch;

    FtpUpload(FtpSession session, Socket socket, Socket raw, String command, String remoteName, boolean sevenBit,
              ControlWatch watch) throws FtpException {
        this.session = session;
        this.socket = socket;
        this.raw = raw;
        this.command = command;
        this.remoteName = remoteName;
        this.sevenBit = sevenBit;
        this.watch = watch;
        this.dataTimeoutNanos = session.options().dataTimeout().toNanos();
        try {
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw session.failTransfer(e, FtpSession.Op.UPLOAD, false);
        }
    }

    private TransferTracker.Transfer progress; // null when nobody watches

    void track(TransferTracker.Transfer t) {
        progress = t;
    }

    private void ended(String state, String outcome) {
        if (progress != null) {
            progress.end(state, outcome);
        }
    }

    /**
     * Runs {@code listener} once, on another thread, if the server ends the upload before {@link #finish()}: it
     * closed or broke the control connection, or sent a negative reply. {@link #checkServer()} then fails with the
     * code of that cause, and so do {@link #finish()} and a write the data connection refuses. Writes the data
     * connection still takes go on (a stopped server may keep draining it), so a caller can hand over what it had
     * accepted before it calls {@link #checkServer()}. A caller that waits for its own input between writes uses
     * this to wake up.
     */
    public void onServerEnd(Runnable listener) {
        watch.onEarlyEnd(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Fails if the server has ended the upload (see {@link #onServerEnd}): 65 when it closed the control connection,
     * 78 for a negative reply, 61 for a reset... The session is closed then.
     */
    public void checkServer() throws FtpException {
        checkOpen();
        if (watch.endedEarly()) {
            closed = true;
            stopWatchdog();
            failure = session.serverEnded(watch);
            ended("failed", FtpSession.outcome(failure));
            throw failure;
        }
    }

    /** Sends {@code len} bytes; returns when the socket took them all. */
    public void write(byte[] b, int off, int len) throws FtpException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        // in pieces of at most 8 KB, each watched on its own: a big write over a slow link is progress, not a
        // timeout, as long as every piece gets through within the data timeout
        for (int done = 0; done < len; ) {
            int n = Math.min(CHUNK, len - done);
            if (sevenBit) {
                if (scratch == null) {
                    scratch = new byte[CHUNK];
                }
                for (int i = 0; i < n; i++) {
                    scratch[i] = (byte) (b[off + done + i] & 0x7F);
                }
                send(scratch, 0, n);
            } else {
                send(b, off + done, n);
            }
            done += n;
        }
    }

    /** Sends all remaining bytes of {@code src}; see {@link #write(byte[], int, int)}. */
    public void write(ByteBuffer src) throws FtpException {
        if (src.hasArray() && !sevenBit) {
            write(src.array(), src.arrayOffset() + src.position(), src.remaining());
            src.position(src.limit());
            return;
        }
        byte[] buf = new byte[Math.min(CHUNK, Math.max(1, src.remaining()))];
        while (src.hasRemaining()) {
            int n = Math.min(buf.length, src.remaining());
            src.get(buf, 0, n);
            write(buf, 0, n);
        }
    }

    /**
     * Ends the data (closes the data connection) and waits for the server's verdict.
     *
     * @return the remote file name: the path given, or for STOU the name the server chose ("150 FILE: name"), or
     *         null if it did not say
     */
    public String finish() throws FtpException {
        checkServer();
        closed = true;
        stopWatchdog();
        try {
            out.flush();
            socket.close();
        } catch (IOException e) {
            failure = watch.endedEarly() ? session.serverEnded(watch)
                    : session.failTransfer(e, FtpSession.Op.UPLOAD, false);
            ended("failed", FtpSession.outcome(failure));
            throw failure;
        }
        try {
            session.completeTransfer(FtpSession.Op.UPLOAD, watch);
        } catch (FtpException e) {
            failure = e;
            ended("failed", FtpSession.outcome(e));
            throw e;
        }
        finished = true;
        ended("done", "ok");
        return remoteName;
    }

    /** The remote name, as {@link #finish()} returns it (known as soon as the server accepted the command). */
    public String remoteName() {
        return remoteName;
    }

    /** Bytes handed to the socket so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    public boolean isFinished() {
        return finished;
    }

    /** "STOR /up/log.txt": for messages. */
    public String command() {
        return command;
    }

    /** This upload as an OutputStream; closing the stream {@link #finish() finishes} the upload. */
    public OutputStream outputStream() {
        return new OutputStream() {
            private final byte[] one = new byte[1];

            @Override
            public void write(int b) throws IOException {
                one[0] = (byte) b;
                FtpUpload.this.write(one, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                FtpUpload.this.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    finish();
                }
            }
        };
    }

    /** Cancels the upload if {@link #finish()} was not called; otherwise nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopWatchdog();
        session.cancelTransfer(raw, watch);
        ended("cancelled", "cancelled");
    }

    @Override
    public String toString() {
        return "FtpUpload[" + command + ", " + bytesWritten + " bytes" + (finished ? ", finished" : "") + "]";
    }

    private void checkOpen() throws FtpException {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw session.notAllowed(command + ": upload " + (finished ? "finished" : "closed"));
        }
    }

    private void send(byte[] b, int off, int len) throws FtpException {
        // socket timeouts do not apply to writes: a watchdog closes the socket if this piece does not get through.
        // One per upload that looks now and then, rather than one scheduled and cancelled per piece: arming a timer
        // wakes the timer thread, per block.
        if (watchdog == null) {
            watchdog = session.watchdog().schedule(this::checkProgress, dataTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        long start = System.nanoTime();
        pieceStart = start == 0 ? 1 : start;
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            closed = true;
            stopWatchdog();
            // the server's side ending first (control connection closed, negative reply) is the cause to report
            failure = watch.endedEarly() ? session.serverEnded(watch)
                    : session.failTransfer(e, FtpSession.Op.UPLOAD, timedOut);
            ended("failed", FtpSession.outcome(failure));
            throw failure;
        } finally {
            pieceStart = 0;
        }
        bytesWritten += len;
        if (progress != null) {
            progress.progress(len);
        }
    }

    /**
     * On the watchdog thread: closes the socket when the piece being written has been stuck for the data timeout,
     * else looks again when that could first be the case (a piece started after this look is due no earlier than
     * one data timeout from now).
     */
    private void checkProgress() {
        if (closed) {
            return;
        }
        long started = pieceStart;
        long wait = dataTimeoutNanos;
        if (started != 0) {
            long stuck = System.nanoTime() - started;
            if (stuck >= dataTimeoutNanos) {
                timedOut = true;
                SocketTracker.closeQuietly(raw);
                return;
            }
            wait = dataTimeoutNanos - stuck;
        }
        try {
            watchdog = session.watchdog().schedule(this::checkProgress, wait, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the engine was closed: its sessions are over
        }
    }

    private void stopWatchdog() {
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
    }
}
