package dev.vmodem.commands.ftp;

import dev.vmodem.ftp.FtpDownload;
import dev.vmodem.ftp.FtpError;
import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpSession;
import dev.vmodem.store.ByteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT+FTPEXTGET=1: downloads the file named by AT+FTPGETPATH/AT+FTPGETNAME into the 300 KB RAM buffer.
 *
 * <pre>
 *   AT+FTPEXTGET=1     OK
 *   AT+FTPEXTGET?      +FTPEXTGET: 1,64136  OK      running, 64136 bytes so far
 *                      +FTPEXTGET: 1,0              done; read it with AT+FTPEXTGET=3,pos,len
 * </pre>
 *
 * A file larger than the buffer fails with {@code +FTPEXTGET: 1,79} (download error) as soon as the first byte that
 * does not fit arrives; the buffer keeps the first 307200 bytes. The manual (V1.10) only says the method is for
 * files under 300 KB.
 */
final class ToStoreOperation extends FtpOperation {

    private static final Logger log = LoggerFactory.getLogger(ToStoreOperation.class);

    private final ByteStore store;
    private volatile long received;

    ToStoreOperation(FtpApplication app) {
        super(app, "FTPEXTGET");
        this.store = app.store();
    }

    long received() {
        return received;
    }

    @Override
    String failureUrc(int code) {
        return "+FTPEXTGET: 1," + code;
    }

    @Override
    void check() throws FtpException {
        getFile();
    }

    @Override
    void work(FtpSession session) throws FtpException {
        try (FtpDownload d = session.retrieve(getFile(), params.rest)) {
            byte[] b = new byte[8192];
            int n;
            while ((n = d.read(b, 0, b.length)) >= 0) {
                if (isEnded()) {
                    return;
                }
                int room = store.remaining();
                if (n > room) {
                    store.append(b, 0, room);
                    received += room;
                    log.info("FTPEXTGET: file larger than the RAM buffer ({} bytes): download error (79)",
                        store.capacity());
                    throw failure(FtpError.DOWNLOAD_ERROR, "file larger than the RAM buffer");
                }
                store.append(b, 0, n);
                received += n;
            }
        }
        succeed("+FTPEXTGET: 1,0");
    }
}
