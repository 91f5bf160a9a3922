package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import java.nio.file.Path;

/**
 * AT+FTPPUTFRMFS (SIM800 manual §12.2.25): uploads a module file to AT+FTPPUTPATH/AT+FTPPUTNAME
 * ({@link BulkPutOperation}).
 *
 * <pre>
 *   AT+FTPPUTFRMFS="c:&#92;user\ftp\test.txt"   OK  ...  +FTPPUTFRMFS: 0,174125
 *   AT+FTPPUTFRMFS?                         +FTPPUTFRMFS: 1,68160  OK     (running: bytes sent)
 * </pre>
 * A path outside the module's FTP folder answers ERROR; a missing file ends with {@code +FTPPUTFRMFS: 85}.
 */
final class FtpPutFrmFsCommand implements CommandHandler {

    private final FtpApplication app;

    FtpPutFrmFsCommand(FtpApplication app) {
        this.app = app;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        switch (req.form()) {
            case TEST:
                return Response.ok();
            case READ: {
                BulkPutOperation op = app.putFromFs;
                if (op != null && !op.isEnded()) {
                    return Response.info("+FTPPUTFRMFS: 1," + op.sent());
                }
                return Response.info("+FTPPUTFRMFS: 0");
            }
            case WRITE:
                break;
            default:
                throw CommandException.error("+FTPPUTFRMFS needs a file path");
        }
        req.expectArgs(1, 3);
        String name = req.text(0);
        req.integer(1, 0, 255, 3);
        req.integer(2, 0, 60, 5);
        if (name.length() > 128) {
            throw CommandException.error("+FTPPUTFRMFS: path longer than 128");
        }
        StringBuilder why = new StringBuilder();
        Path file = app.fileSystem().resolve(name, why)
            .orElseThrow(() -> CommandException.error("+FTPPUTFRMFS: " + why));
        BulkPutOperation op = BulkPutOperation.fromFile(app, file);
        if (app.current() == null) {
            app.putFromFs = op;
        }
        app.start(op);
        return Response.ok();
    }
}
