package dev.vmodem.commands.ftp;

import dev.vmodem.ftp.FtpDownload;
import dev.vmodem.ftp.FtpError;
import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * AT+FTPGETTOFS=0,"name": downloads the file named by AT+FTPGETPATH/AT+FTPGETNAME into the module file system
 * (an existing file is overwritten, as the manual says).
 *
 * <pre>
 *   AT+FTPGETTOFS=0,"test.txt"   OK
 *   AT+FTPGETTOFS?               +FTPGETTOFS: 1,174125,163900  OK     received, written so far
 *                                +FTPGETTOFS: 0,174125                done
 *                                +FTPGETTOFS: 85                      the file cannot be written
 * </pre>
 */
final class ToFileOperation extends FtpOperation {

    private final Path file;
    private volatile long received;
    private volatile long written;

    ToFileOperation(FtpApplication app, Path file) {
        super(app, "FTPGETTOFS");
        this.file = file;
    }

    long received() {
        return received;
    }

    long written() {
        return written;
    }

    @Override
    String failureUrc(int code) {
        return "+FTPGETTOFS: " + code;
    }

    @Override
    void check() throws FtpException {
        getFile();
    }

    @Override
    void work(FtpSession session) throws FtpException {
        OutputStream out;
        try {
            app.fileSystem().prepare(file);
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw failure(FtpError.FILE_SYSTEM_ERROR, "cannot write " + file + ": " + e.getMessage());
        }
        try (out; FtpDownload d = session.retrieve(getFile(), params.rest)) {
            byte[] b = new byte[8192];
            int n;
            while ((n = d.read(b, 0, b.length)) >= 0) {
                received += n;
                try {
                    out.write(b, 0, n);
                } catch (IOException e) {
                    throw failure(FtpError.FILE_SYSTEM_ERROR, "writing " + file + ": " + e.getMessage());
                }
                written += n;
            }
        } catch (IOException e) {
            if (e instanceof FtpException f) {
                throw f;
            }
            throw failure(FtpError.FILE_SYSTEM_ERROR, "closing " + file + ": " + e.getMessage());
        }
        succeed("+FTPGETTOFS: 0," + received);
    }
}
