package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every plain {@code AT#} parameter ({@code #FTPSERV}, {@code #APNSERV}, {@code #DNSSERV1}...): one class, driven by
 * its {@link Parameter}; the value lives in the {@link IpSession}.
 *
 * <pre>
 *   AT#FTPSERV="ftp.example.com"  →  OK
 *   AT#FTPSERV?                   →  #FTPSERV: "ftp.example.com"   OK     (AT#FTPSERV alone reads too)
 *   AT#FTPPORT=?                  →  #FTPPORT: (1-65535)            OK     (text parameters: just OK)
 *   AT#FTPPORT=70000              →  #CME ERROR: 34882
 *   AT#APNSERV="x" while connected →  #CME ERROR: 37123
 * </pre>
 *
 * <p>A password's value is never logged, and its errors do not go through the engine's log of the failing request
 * (which quotes the request's text).
 */
final class ParameterCommand implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(ParameterCommand.class);

    private final IpSession session;
    private final Parameter parameter;

    ParameterCommand(IpSession session, Parameter parameter) {
        this.session = session;
        this.parameter = parameter;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        switch (req.form()) {
            case READ:
            case EXECUTE:
                return Response.info(parameter.readLine(session.get(parameter.name())));
            case TEST:
                String t = parameter.testLine();
                return t == null ? Response.ok() : Response.info(t);
            case WRITE:
                try {
                    return write(req);
                } catch (CommandException e) {
                    if (!parameter.secret()) {
                        throw e;
                    }
                    log.debug("AT{}=<hidden> failed: {}", parameter.name(), e.getMessage());
                    return Response.of(e.result());
                }
            default:
                throw new IllegalStateException("form: " + req.form());
        }
    }

    private Response write(Request req) throws CommandException {
        String value = parameter.parse(req);
        if (parameter.gprs() && session.connected()) {
            throw IpResults.fail(IpResults.SERVICE_RUNNING, parameter.name() + ": cannot change while connected");
        }
        session.set(parameter.name(), value);
        if (log.isDebugEnabled()) {
            log.debug("AT{} set to {}", parameter.name(), parameter.secret() ? "<hidden>" : "\"" + value + "\"");
        }
        return Response.ok();
    }
}
