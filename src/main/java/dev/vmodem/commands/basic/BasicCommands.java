package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.modem.Modem;

/**
 * The V.250 and 3GPP 27.007 commands host firmware sends before anything else. The whole family on one screen.
 */
public final class BasicCommands {

    private BasicCommands() {
    }

    public static void register(CommandRegistry r, Modem modem) {
        r.register("E", new EchoCommand());
        r.register("V", new VerboseCommand());
        r.register("Q", new QuietCommand());
        r.register("+CMEE", new CmeeCommand());
        IdentityCommand manufacturer = new IdentityCommand(modem.profile(), "identity.manufacturer");
        r.register("+CGMI", manufacturer);
        r.register("+GMI", manufacturer);
    }
}
