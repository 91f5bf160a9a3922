package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/**
 * AT+FTPSTATE (seed C1018): {@code +FTPSTATE: 1} while any FTP operation runs (from its command to its final URC),
 * else {@code +FTPSTATE: 0}.
 */
final class FtpStateCommand implements CommandHandler {

    private final FtpApplication app;

    FtpStateCommand(FtpApplication app) {
        this.app = app;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.ok();
            case EXECUTE -> Response.info("+FTPSTATE: " + (app.current() == null ? 0 : 1));
            default -> throw CommandException.error("+FTPSTATE is an execute command");
        };
    }
}
