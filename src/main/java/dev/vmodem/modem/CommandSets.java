package dev.vmodem.modem;

import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.commands.basic.BasicCommands;
import dev.vmodem.commands.ftp.FtpCommands;
import dev.vmodem.commands.multitech.MultitechCommands;
import dev.vmodem.commands.network.NetworkCommands;

/** The one place that decides which command families a modem speaks, from its profile. */
final class CommandSets {

    private CommandSets() {
    }

    static CommandRegistry build(Modem modem) {
        CommandRegistry r = new CommandRegistry(modem.profile().disabledCommands());
        BasicCommands.register(r, modem);
        NetworkCommands.register(r, modem);
        String dialect = modem.profile().get("dialect", "simcom");
        if ("simcom".equals(dialect)) {
            FtpCommands.register(r, modem);
        } else if ("multitech".equals(dialect)) {
            MultitechCommands.register(r, modem);
        }
        return r;
    }
}
