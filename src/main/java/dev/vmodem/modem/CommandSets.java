package dev.vmodem.modem;

import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.commands.basic.BasicCommands;
import dev.vmodem.commands.network.NetworkCommands;
import dev.vmodem.commands.ftp.FtpCommands;

/** The one place that decides which command families a modem speaks, from its profile. */
final class CommandSets {

    private CommandSets() {
    }

    static CommandRegistry build(Modem modem) {
        CommandRegistry r = new CommandRegistry(modem.profile().disabledCommands());
        BasicCommands.register(r, modem);
        NetworkCommands.register(r, modem);
        if ("simcom".equals(modem.profile().get("dialect", "simcom"))) {
            FtpCommands.register(r, modem);
        }
        return r;
    }
}
