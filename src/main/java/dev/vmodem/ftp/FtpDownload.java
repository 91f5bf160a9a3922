package dev.vmodem.ftp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import dev.vmodem.transfer.TransferTracker;
import java.util.Objects;

/**
 * The data of one RETR or LIST, pulled by the caller at its own pace (AT+FTPGET=2,1460 reads up to 1460 bytes when
 * the host asks). While nobody reads, TCP flow control holds the server back; nothing is buffered here beyond the
 * socket's own buffers.
 *
 * <pre>
 *   try (FtpDownload d = session.retrieve("/1K.txt", 0)) {
 *       byte[] block = new byte[1460];
 *       int n;
 *       while ((n = d.read(block, 0, block.length)) &gt;= 0) {
 *           host.send(block, 0, n);
 *       }
 *   }   // -1 came only after the server's 226: the file is complete
 * </pre>
 *
 * <ul>
 *   <li>{@link #read} blocks until at least one byte arrives, the data ends, or something fails (data timeout →
 *       64, broken data connection → 79, {@link FtpSession#abort()} → manual quit).</li>
 *   <li>-1 means the data ended <em>and</em> the server confirmed the transfer. If it reports a failure instead
 *       (426, 451), read throws {@link FtpError#DOWNLOAD_ERROR}. Either way the data connection is closed and the
 *       pending reply consumed exactly once; the session is READY again.</li>
 *   <li>{@link #close()} before the end cancels the transfer (the data connection is reset and the server's reply
 *       read); after the end it does nothing.</li>
 * </ul>
 * Owner thread only, like the session.
 */
public final class FtpDownload implements Closeable {

    private final FtpSession session;
    private final Socket socket;
    private final Socket raw;
    private final InputStream in;
    private final String command;
    private long bytesRead;
    private boolean finished;
    private boolean closed;
    private FtpException failure;
    private byte[] scratch; // for direct ByteBuffers only
    private TransferTracker.Transfer progress; // null when nobody watches

    void track(TransferTracker.Transfer t) {
        progress = t;
    }

    private void ended(String state, String outcome) {
        if (progress != null) {
            progress.end(state, outcome);
        }
    }

    FtpDownload(FtpSession session, Socket socket, Socket raw, String command) throws FtpException {
        this.session = session;
        this.socket = socket;
        this.raw = raw;
        this.command = command;
        try {
            this.in = socket.getInputStream();
        } catch (IOException e) {
            throw session.failTransfer(e, FtpSession.Op.DOWNLOAD, false);
        }
    }

    /**
     * Reads up to {@code len} bytes; blocks until at least one is there. Returns -1 once the whole file arrived and
     * the server confirmed it.
     */
    public int read(byte[] b, int off, int len) throws FtpException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            return -1;
        }
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw session.notAllowed(command + ": download closed");
        }
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            closed = true;
            failure = session.failTransfer(e, FtpSession.Op.DOWNLOAD, false);
            ended("failed", FtpSession.outcome(failure));
            throw failure;
        }
        if (n < 0) {
            closed = true;
            SocketTracker.closeQuietly(socket);
            try {
                session.completeTransfer(FtpSession.Op.DOWNLOAD);
            } catch (FtpException e) {
                failure = e;
                ended("failed", FtpSession.outcome(e));
                throw e;
            }
            finished = true;
            ended("done", "ok");
            return -1;
        }
        bytesRead += n;
        if (progress != null) {
            progress.progress(n);
        }
        return n;
    }

    /** Reads into {@code dst} (at least one byte, or -1 at the confirmed end); see {@link #read(byte[], int, int)}. */
    public int read(ByteBuffer dst) throws FtpException {
        if (dst.hasArray()) {
            int n = read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        if (scratch == null) {
            scratch = new byte[8192];
        }
        int n = read(scratch, 0, Math.min(scratch.length, dst.remaining()));
        if (n > 0) {
            dst.put(scratch, 0, n);
        }
        return n;
    }

    /** Payload bytes read so far (after the REST offset, if any). */
    public long bytesRead() {
        return bytesRead;
    }

    /** Whether the data ended and the server confirmed it. */
    public boolean isFinished() {
        return finished;
    }

    /** "RETR /1K.txt", "LIST /dir": for messages. */
    public String command() {
        return command;
    }

    /** This download as an InputStream (closing it closes the download). */
    public InputStream inputStream() {
        return new InputStream() {
            private final byte[] one = new byte[1];

            @Override
            public int read() throws IOException {
                int n;
                do {
                    n = FtpDownload.this.read(one, 0, 1);
                } while (n == 0);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return FtpDownload.this.read(b, off, len);
            }

            @Override
            public void close() {
                FtpDownload.this.close();
            }
        };
    }

    /** Cancels the transfer if it has not ended; otherwise nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.cancelTransfer(raw);
        ended("cancelled", "cancelled");
    }

    @Override
    public String toString() {
        return "FtpDownload[" + command + ", " + bytesRead + " bytes" + (finished ? ", finished" : "") + "]";
    }
}
