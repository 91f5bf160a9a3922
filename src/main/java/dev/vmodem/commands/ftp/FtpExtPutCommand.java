package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.store.ByteStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT+FTPEXTPUT (seed C1019): the RAM-buffer upload method.
 *
 * <pre>
 *   AT+FTPEXTPUT=1                   OK      AT+FTPPUT=1 now uploads the RAM buffer
 *   AT+FTPEXTPUT=2,0,1024,10000      +FTPEXTPUT: 0,1024  &lt;exactly 1024 raw bytes&gt;  OK
 *   AT+FTPEXTPUT=0                   OK      back to the default method; the RAM buffer is emptied
 * </pre>
 *
 * Mode 2 writes at {@code pos} (0-307200) and extends the buffer's length; {@code pos + len} past 307200 answers
 * ERROR before any data is taken. {@code timeout} (1000-1000000 ms, on the modem's clock) is the longest pause
 * allowed between host bytes; when it passes, ERROR, and nothing of the block is stored.
 */
final class FtpExtPutCommand implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(FtpExtPutCommand.class);

    private final FtpApplication app;

    FtpExtPutCommand(FtpApplication app) {
        this.app = app;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() == Form.TEST) {
            return Response.ok();
        }
        if (req.form() == Form.READ) {
            return Response.info("+FTPEXTPUT: " + app.extPutMode);
        }
        if (req.form() != Form.WRITE) {
            throw CommandException.error("+FTPEXTPUT needs a mode");
        }
        int mode = req.integer(0, 0, 2);
        if (mode != 2) {
            req.expectArgs(1, 1);
            if (mode == 1 && app.filePutMode == 1) {
                throw CommandException.error("+FTPEXTPUT=1: AT+FTPFILEPUT=1 is set");
            }
            app.extPutMode = mode;
            if (mode == 0) {
                app.clearStore();
            }
            return Response.ok();
        }
        req.expectArgs(4, 4);
        int capacity = ByteStore.DEFAULT_CAPACITY;
        int pos = req.integer(1, 0, capacity);
        int len = req.integer(2, 0, capacity);
        int timeout = req.integer(3, 1000, 1000000);
        if ((long) pos + len > capacity) {
            log.info("+FTPEXTPUT=2,{},{}: past the RAM buffer: {} > {}", pos, len, (long) pos + len, capacity);
            throw CommandException.error("RAM buffer full: " + ((long) pos + len) + " > " + capacity);
        }
        String header = "+FTPEXTPUT: " + pos + "," + len;
        if (len == 0) {
            return Response.info(header);
        }
        ByteStore store = app.store();
        return Response.info(header).receive(new FixedLengthReceiver("FTPEXTPUT=2," + pos + "," + len, len,
            Duration.ofMillis(timeout), ctx, app.scheduler(),
            data -> {
                store.write(pos, data, 0, data.length);
                return Response.ok();
            },
            Response::error));
    }
}
