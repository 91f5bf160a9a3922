package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import java.nio.file.Path;

/**
 * AT+FTPGETTOFS (SIM800 manual §12.2.24): downloads into the module file system ({@link ToFileOperation}).
 *
 * <pre>
 *   AT+FTPGETTOFS=0,"test.txt"   OK  ...  +FTPGETTOFS: 0,174125
 *   AT+FTPGETTOFS?               +FTPGETTOFS: 1,174125,163900  OK    (running: received, written)
 *                                +FTPGETTOFS: 0  OK                  (idle)
 * </pre>
 * {@code <loc>} 0 is the flash ("Disk1:&#92;user\ftp" = the module file system); 1 (the SD card) answers ERROR: the
 * emulated module has no card. The reconnect count (0-255) and interval (0-60 s) are checked but not emulated.
 */
final class FtpGetToFsCommand implements CommandHandler {

    private final FtpApplication app;

    FtpGetToFsCommand(FtpApplication app) {
        this.app = app;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        switch (req.form()) {
            case TEST:
                return Response.ok();
            case READ: {
                ToFileOperation op = app.getToFs;
                if (op != null && !op.isEnded()) {
                    return Response.info("+FTPGETTOFS: 1," + op.received() + "," + op.written());
                }
                return Response.info("+FTPGETTOFS: 0");
            }
            case WRITE:
                break;
            default:
                throw CommandException.error("+FTPGETTOFS needs a location and a file name");
        }
        req.expectArgs(2, 4);
        int loc = req.integer(0, 0, 1);
        String name = req.text(1);
        req.integer(2, 0, 255, 3);
        req.integer(3, 0, 60, 5);
        if (loc == 1) {
            throw CommandException.error("+FTPGETTOFS: no SD card");
        }
        if (name.length() > 64) {
            throw CommandException.error("+FTPGETTOFS: file name longer than 64");
        }
        StringBuilder why = new StringBuilder();
        Path file = app.fileSystem().resolve(name, why)
            .orElseThrow(() -> CommandException.error("+FTPGETTOFS: " + why));
        ToFileOperation op = new ToFileOperation(app, file);
        if (app.current() == null) {
            app.getToFs = op;
        }
        app.start(op);
        return Response.ok();
    }
}
