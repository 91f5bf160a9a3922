package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.PendingAnswer;
import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import dev.vmodem.net.BearerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT+WOPEN: starts and stops the IP stack (on Wavecom modules, the embedded application that carries the
 * {@code AT#} commands). While it is stopped every {@code AT#} command answers {@code ERROR}, as drivers observe
 * for AT#GPRSMODE; stopping it ends the GPRS connection.
 *
 * <pre>
 *   AT+WOPEN=1   →  OK
 *   AT+WOPEN?    →  +WOPEN: 1   OK
 *   AT+WOPEN=?   →  +WOPEN: (0-1)   OK
 *   AT+WOPEN=0   →  OK (after the connection, if any, is closed)
 * </pre>
 */
final class WopenCommand implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(WopenCommand.class);

    private final IpSession session;

    WopenCommand(IpSession session) {
        this.session = session;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        switch (req.form()) {
            case READ:
                return Response.info("+WOPEN: " + (session.stackStarted() ? 1 : 0));
            case TEST:
                return Response.info("+WOPEN: (0-1)");
            case WRITE:
                req.expectArgs(1, 1);
                boolean start = req.integer(0, 0, 1) == 1;
                if (start == session.stackStarted()) {
                    return Response.ok();
                }
                session.stackStarted(start);
                log.info("IP stack {}", start ? "started" : "stopped");
                if (start || session.connectionStatus() == BearerStatus.CLOSED) {
                    return Response.ok();
                }
                return PendingAnswer.await(session.bearers().close(session.cid()), ctx, o -> Response.ok());
            default:
                throw CommandException.error("AT+WOPEN has no " + req.form() + " form");
        }
    }
}
