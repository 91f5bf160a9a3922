package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.modem.Modem;
import java.util.List;

/**
 * The Multi-Tech / Wavecom {@code AT#} IP-connectivity commands ({@code --profile multitech}): the whole family on
 * one screen. It reuses the modem's network, the FTP engine and the DLE/ETX codec; only the command layer is its own.
 *
 * <p>Two rules apply to every {@code AT#} command here: while the IP stack is stopped (AT+WOPEN=0, the factory
 * state unless {@code multitech.wopen=1}) it answers {@code ERROR}; and an {@code AT#} command the stack does not
 * know answers {@code #CME ERROR: 34817}.
 */
public final class MultitechCommands {

    private MultitechCommands() {
    }

    public static void register(CommandRegistry r, Modem modem) {
        IpSession s = new IpSession(modem);

        r.register("+WOPEN", new WopenCommand(s));

        // parameters: GPRS connection, DNS, FTP
        for (Parameter p : IpSession.PARAMETERS) {
            r.register(p.name(), stack(s, new ParameterCommand(s, p)));
        }
        r.register("#VDNS", stack(s, new ViewCommand(s,
                List.of(IpSession.parameter("#DNSSERV1"), IpSession.parameter("#DNSSERV2")))));
        r.register("#VALL", stack(s, new ViewCommand(s, IpSession.PARAMETERS)));

        // the GPRS connection
        r.register("#CONNECTIONSTART", stack(s, new ConnectionStartCommand(s)));
        r.register("#CONNECTIONSTOP", stack(s, new ConnectionStopCommand(s)));
        r.register("#DISPLAYIP", stack(s, new DisplayIpCommand(s)));

        // FTP
        r.register("#FTPGET", stack(s, new FtpGetCommand(s)));
        r.register("#FTPPUT", stack(s, new FtpPutCommand(s)));

        r.fallback("#", stack(s, new UnknownCommand()));
    }

    /** The IP stack's commands exist only while it runs: plain ERROR before AT+WOPEN=1. */
    private static CommandHandler stack(IpSession s, CommandHandler h) {
        return (req, ctx) -> {
            if (!s.stackStarted()) {
                throw CommandException.error("AT" + req.name() + ": IP stack not started (AT+WOPEN=1)");
            }
            return h.handle(req, ctx);
        };
    }
}
