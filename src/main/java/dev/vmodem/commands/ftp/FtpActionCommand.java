package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import java.util.function.Function;

/**
 * The execute-only FTP commands that run one FTP command in a session of their own: AT+FTPDELE, AT+FTPSIZE,
 * AT+FTPMKD, AT+FTPRMD, AT+FTPRENAME, AT+FTPMDTM (seed C1016, C1017, C1020, C1021, C1027, C1028). Test → OK;
 * execute → OK, then the operation's URC ({@link SimpleOperation}). Each command is one instance configured in
 * {@link FtpCommands}: the command is data, the behaviour is shared.
 *
 * <pre>
 *   AT+FTPDELE   OK   +FTPDELE: 1,0
 *   AT+FTPSIZE   OK   +FTPSIZE: 1,0,1024
 * </pre>
 */
final class FtpActionCommand implements CommandHandler {

    private final FtpApplication app;
    private final Function<FtpApplication, FtpOperation> operation;

    FtpActionCommand(FtpApplication app, Function<FtpApplication, FtpOperation> operation) {
        this.app = app;
        this.operation = operation;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.ok();
            case EXECUTE -> {
                app.start(operation.apply(app));
                yield Response.ok();
            }
            default -> throw CommandException.error(req.name() + " is an execute command");
        };
    }
}
