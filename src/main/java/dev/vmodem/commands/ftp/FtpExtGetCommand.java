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
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT+FTPEXTGET (seed C1023; file-name mode from the SIM800 manual): downloads into the RAM buffer.
 *
 * <pre>
 *   AT+FTPEXTGET=1               OK  ...  +FTPEXTGET: 1,0         ({@link ToStoreOperation})
 *   AT+FTPEXTGET?                +FTPEXTGET: 1,64136  OK          status (1 running, 0 not), bytes received
 *   AT+FTPEXTGET=2,"test.txt"    +FTPEXTGET: 2,174125  OK         RAM buffer saved as c:&#92;user\ftp\test.txt
 *   AT+FTPEXTGET=3,0,1460        +FTPEXTGET: 3,1460 &lt;1460 bytes&gt; OK
 *   AT+FTPEXTGET=0               OK                               default method; RAM buffer emptied
 * </pre>
 *
 * Mode 3 needs {@code pos} below the data's length (else ERROR) and returns at most what is there. Mode 2 answers
 * ERROR when the file exists already (seed), the name is longer than 64 or outside the module's FTP folder.
 */
final class FtpExtGetCommand implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(FtpExtGetCommand.class);

    private final FtpApplication app;

    FtpExtGetCommand(FtpApplication app) {
        this.app = app;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        switch (req.form()) {
            case TEST:
                return Response.ok();
            case READ: {
                ToStoreOperation op = app.extGet;
                boolean running = op != null && !op.isEnded();
                long length = op == null ? 0 : running ? op.received() : app.store().length();
                return Response.info("+FTPEXTGET: " + (running ? 1 : 0) + "," + length);
            }
            case WRITE:
                break;
            default:
                throw CommandException.error("+FTPEXTGET needs a mode");
        }
        int mode = req.integer(0, 0, 3);
        switch (mode) {
            case 0:
                req.expectArgs(1, 1);
                app.clearStore();
                app.extGet = null;
                return Response.ok();
            case 1: {
                req.expectArgs(1, 1);
                if (app.extPutMode == 1) {
                    throw CommandException.error("+FTPEXTGET=1: AT+FTPEXTPUT=1 is set");
                }
                if (app.current() != null) {
                    app.start(new ToStoreOperation(app)); // refused with 66, the RAM buffer left alone
                    return Response.ok();
                }
                app.clearStore();
                ToStoreOperation op = new ToStoreOperation(app);
                app.extGet = op;
                app.start(op);
                return Response.ok();
            }
            case 2:
                req.expectArgs(2, 2);
                return save(req.text(1));
            default: {
                req.expectArgs(3, 3);
                ByteStore store = app.store();
                int pos = req.integer(1, 0, ByteStore.DEFAULT_CAPACITY);
                int len = req.integer(2, 0, ByteStore.DEFAULT_CAPACITY);
                if (pos >= store.length()) {
                    throw CommandException.error("+FTPEXTGET=3: position " + pos + " not below the length "
                        + store.length());
                }
                byte[] b = new byte[Math.min(len, store.length() - pos)];
                int n = store.read(pos, b, 0, b.length);
                return Response.info("+FTPEXTGET: 3," + n).data(b, 0, n);
            }
        }
    }

    private Response save(String name) throws CommandException {
        if (name.length() > 64) {
            throw CommandException.error("+FTPEXTGET=2: file name longer than 64");
        }
        StringBuilder why = new StringBuilder();
        Path file = app.fileSystem().resolve(name, why)
            .orElseThrow(() -> CommandException.error("+FTPEXTGET=2: " + why));
        if (Files.exists(file)) {
            throw CommandException.error("+FTPEXTGET=2: " + name + " exists already");
        }
        byte[] data = app.store().toByteArray();
        try {
            app.fileSystem().prepare(file);
            Files.write(file, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            log.warn("+FTPEXTGET=2: cannot write {}: {}", file, e.getMessage());
            throw CommandException.error("+FTPEXTGET=2: " + e.getMessage());
        }
        return Response.info("+FTPEXTGET: 2," + data.length);
    }
}
