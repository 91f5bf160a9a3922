package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT+FTPQUIT (seed C1026): ends the running operation at once; it reports manual quit with the profile's code
 * ({@code ftp.manualQuitCode}: 80 seed, 86 SIM800 manual). Idle → ERROR (seed).
 *
 * <pre>
 *   AT+FTPGET=1
 *   OK
 *   AT+FTPQUIT
 *   OK
 *   +FTPGET: 1,80
 * </pre>
 */
final class FtpQuitCommand implements CommandHandler {

    private final FtpApplication app;

    FtpQuitCommand(FtpApplication app) {
        this.app = app;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.ok();
            case EXECUTE -> {
                FtpOperation op = app.current();
                if (op == null) {
                    throw CommandException.error("+FTPQUIT: no FTP session");
                }
                op.quit();
                yield Response.ok();
            }
            default -> throw CommandException.error("+FTPQUIT is an execute command");
        };
    }
}
