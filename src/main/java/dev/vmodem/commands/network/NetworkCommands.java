package dev.vmodem.commands.network;

import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.modem.Modem;
import dev.vmodem.net.Network;

/**
 * The network and bearer commands: registration, signal, operator, GPRS attach and the SAPBR bearer, all answered
 * from the modem's simulated {@link Network}. The whole family on one screen.
 */
public final class NetworkCommands {

    private NetworkCommands() {
    }

    public static void register(CommandRegistry r, Modem modem) {
        Network net = modem.network();
        // the URC listener and the family's per-modem state; made once per modem however often this runs
        NetworkSession session = NetworkSession.install(modem);

        // 27.007 registration and radio
        r.register("+CREG", new RegistrationCommand(RegistrationCommand.Domain.CS, net.radio()));
        r.register("+CGREG", new RegistrationCommand(RegistrationCommand.Domain.PS, net.radio()));
        r.register("+CSQ", new CsqCommand(net.radio()));
        r.register("+COPS", new CopsCommand(net, session, modem.profile().get("identity.imsi", "")));
        r.register("+CGATT", new CgattCommand(net.radio()));

        // SIMCom bearer for the modem's own applications (FTP, HTTP)
        r.register("+SAPBR", new SapbrCommand(net.bearers()));
    }
}
