package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.store.ByteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT+FTPFILEPUT (SIM800 manual §12.2.27): loads a module file into the RAM buffer for the next AT+FTPPUT=1.
 *
 * <pre>
 *   AT+FTPFILEPUT=1,"c:&#92;user\ftp\test.txt"   OK
 *   AT+FTPPUT=1                              OK  ...  +FTPPUT: 1,0
 *   AT+FTPFILEPUT=0                          OK
 * </pre>
 * ERROR when AT+FTPEXTPUT=1 is set, the file is missing, outside the module's FTP folder, or larger than the RAM
 * buffer (307200 bytes).
 */
final class FtpFilePutCommand implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(FtpFilePutCommand.class);

    private final FtpApplication app;

    FtpFilePutCommand(FtpApplication app) {
        this.app = app;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        switch (req.form()) {
            case TEST:
                return Response.ok();
            case READ:
                return Response.info("+FTPFILEPUT: " + app.filePutMode);
            case WRITE:
                break;
            default:
                throw CommandException.error("+FTPFILEPUT needs a mode");
        }
        int mode = req.integer(0, 0, 1);
        if (mode == 0) {
            req.expectArgs(1, 1);
            if (app.filePutMode == 1) {
                app.clearStore();
            }
            app.filePutMode = 0;
            return Response.ok();
        }
        req.expectArgs(2, 2);
        if (app.extPutMode == 1) {
            throw CommandException.error("+FTPFILEPUT=1: AT+FTPEXTPUT=1 is set");
        }
        String name = req.text(1);
        if (name.length() > 64) {
            throw CommandException.error("+FTPFILEPUT: file name longer than 64");
        }
        StringBuilder why = new StringBuilder();
        Path file = app.fileSystem().resolve(name, why)
            .orElseThrow(() -> CommandException.error("+FTPFILEPUT: " + why));
        try {
            long size = Files.size(file);
            if (size > ByteStore.DEFAULT_CAPACITY) {
                log.info("+FTPFILEPUT: {} is larger than the RAM buffer: {} > {}", name, size,
                    ByteStore.DEFAULT_CAPACITY);
                throw CommandException.error("file larger than the RAM buffer: " + size);
            }
            byte[] data = Files.readAllBytes(file);
            app.clearStore();
            app.store().write(0, data, 0, data.length);
        } catch (IOException e) {
            throw CommandException.error("+FTPFILEPUT: cannot read " + name + ": " + e.getMessage());
        }
        app.filePutMode = 1;
        return Response.ok();
    }
}
