package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * AT+FTPSCONT (SIM800 manual §12.2.16): execute saves the FTP context (to {@code ftp-context.properties} in the state
 * directory, loaded again at power-on); read shows it.
 *
 * <pre>
 *   AT+FTPSCONT?
 *   +FTPSCONT: 1                 0 = as saved, 1 = changed since (or never saved)
 *   +FTPSERV: "116.228.221.52"
 *   +FTPPORT: 21
 *   ... +FTPUN, +FTPPW, +FTPCID, +FTPMODE, +FTPTYPE, +FTPPUTOPT, +FTPREST, +FTPGETNAME, +FTPGETPATH, +FTPPUTNAME,
 *   +FTPPUTPATH, +FTPTIMEOUT
 *   OK
 * </pre>
 * The manual prints {@code +FTPSCONT:<mode>} without a space; the spaced form is used like every other FTP line.
 */
final class FtpScontCommand implements CommandHandler {

    private final FtpApplication app;

    FtpScontCommand(FtpApplication app) {
        this.app = app;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        switch (req.form()) {
            case READ: {
                List<String> lines = new ArrayList<>();
                lines.add("+FTPSCONT: " + (app.contextSaved() ? 0 : 1));
                app.parameters().shown().forEach((k, v) -> lines.add(k + ": " + v));
                return Response.info(lines);
            }
            case EXECUTE:
                if (!app.saveContext()) {
                    throw CommandException.error("+FTPSCONT: the context could not be saved");
                }
                return Response.ok();
            case TEST:
                return Response.ok();
            default:
                throw CommandException.error("+FTPSCONT has no write form");
        }
    }
}
