package dev.vmodem.commands.ftp;

import dev.vmodem.ftp.FtpError;
import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpSession;
import dev.vmodem.ftp.FtpUpload;
import dev.vmodem.ftp.PutMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An upload of data the module already holds, in one go: the RAM buffer (AT+FTPPUT=1 after AT+FTPEXTPUT=1 or
 * AT+FTPFILEPUT=1) or a file of the module file system (AT+FTPPUTFRMFS).
 *
 * <pre>
 *   AT+FTPEXTPUT=1 ... AT+FTPPUT=1       OK   +FTPPUT: 1,0
 *   AT+FTPPUTFRMFS="c:&#92;user\ftp\t.txt"   OK   +FTPPUTFRMFS: 0,174125     or +FTPPUTFRMFS: &lt;error&gt;
 * </pre>
 */
final class BulkPutOperation extends FtpOperation {

    private final byte[] data;  // the RAM buffer's content, or null
    private final Path file;    // or a module file
    private volatile long sent;

    private BulkPutOperation(FtpApplication app, String name, byte[] data, Path file) {
        super(app, name);
        this.data = data;
        this.file = file;
    }

    /** AT+FTPPUT=1 in extended mode: uploads a copy of the RAM buffer. */
    static BulkPutOperation fromStore(FtpApplication app) {
        return new BulkPutOperation(app, "FTPPUT(RAM)", app.store().toByteArray(), null);
    }

    /** AT+FTPPUTFRMFS: uploads a module file. */
    static BulkPutOperation fromFile(FtpApplication app, Path file) {
        return new BulkPutOperation(app, "FTPPUTFRMFS", null, file);
    }

    boolean fromFileSystem() {
        return file != null;
    }

    long sent() {
        return sent;
    }

    @Override
    String failureUrc(int code) {
        return file != null ? "+FTPPUTFRMFS: " + code : "+FTPPUT: 1," + code;
    }

    @Override
    void check() throws FtpException {
        requireName(params.putName);
        if (file != null && !Files.isRegularFile(file)) {
            throw failure(FtpError.FILE_SYSTEM_ERROR, "no such module file: " + file);
        }
    }

    @Override
    void work(FtpSession session) throws FtpException {
        try (FtpUpload u = session.store(join(params.putPath, params.putName), PutMode.ofAtValue(params.putOpt))) {
            if (data != null) {
                for (int off = 0; off < data.length; off += 8192) {
                    int n = Math.min(8192, data.length - off);
                    u.write(data, off, n);
                    sent += n;
                }
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] b = new byte[8192];
                    int n;
                    while ((n = in.read(b)) > 0) {
                        u.write(b, 0, n);
                        sent += n;
                    }
                } catch (IOException e) {
                    throw failure(FtpError.FILE_SYSTEM_ERROR, "reading " + file + ": " + e.getMessage());
                }
            }
            u.finish();
        }
        succeed(file != null ? "+FTPPUTFRMFS: 0," + sent : "+FTPPUT: 1,0");
    }
}
